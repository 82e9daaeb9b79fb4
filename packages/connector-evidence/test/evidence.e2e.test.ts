import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectEvidence,
  createRequestLog,
  type EvidenceResult,
  verifyEvidence,
} from '../src/index.js';
import { connectorsOf, startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
let work: string;
let bundle: EvidenceResult;
const NOW = Date.parse('2026-01-02T03:04:05.000Z');

beforeAll(async () => {
  tenant = await startTenant();
  work = await mkdtemp(join(tmpdir(), 'evidence-'));
  const requests = createRequestLog();
  let t = NOW;
  bundle = await collectEvidence(connectorsOf(tenant, requests), {
    out: join(work, 'bundle'),
    requests,
    now: () => (t += 1000),
  });
});
afterAll(async () => {
  await tenant?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A fresh copy of the bundle, unpacked from its archive with the tar library. */
async function extracted(name: string): Promise<string> {
  const into = join(work, name);
  await mkdir(into);
  await tar.extract({ file: bundle.archive ?? '', cwd: into });
  return join(into, 'bundle');
}

const read = (path: string) => readFile(join(bundle.directory, path), 'utf8');

describe('an evidence bundle of the three sandboxes', () => {
  it('holds each resource as JSON and CSV, the graph exports and the report', async () => {
    const files = Object.keys(bundle.manifest.files);
    for (const f of [
      'records/jumpcloud/users.json',
      'records/jumpcloud/users.csv',
      'records/kandji/devices.json',
      'records/kandji/devices.relationships.csv',
      'records/hexnode/groupMembers.relationships.json',
      'graph/graph.ndjson',
      'graph/graph.jgf.json',
      'graph/graph.graphml',
      'report.html',
    ]) {
      expect(files).toContain(f);
    }
    const users = JSON.parse(await read('records/jumpcloud/users.json')) as Array<{
      email: string;
    }>;
    expect(users).toHaveLength(6);
    const csv = (await read('records/jumpcloud/users.csv')).trimEnd().split('\r\n');
    expect(csv).toHaveLength(7);
    expect(csv[0]?.split(',')).toContain('email');
    expect(csv.slice(1).some((l) => l.includes(users[0]?.email ?? '?'))).toBe(true);
    const ndjson = (await read('graph/graph.ndjson')).trimEnd().split('\n');
    expect(ndjson.length).toBe(bundle.snapshot.entities.size + bundle.snapshot.relationships.size);
  });

  it('states tenants, collection times, API paths with counts and what was not collected', () => {
    const { manifest } = bundle;
    expect(manifest.connections.map((c) => c.name)).toEqual(['hexnode', 'kandji', 'jumpcloud']);
    const jc = manifest.connections.find((c) => c.name === 'jumpcloud');
    expect(jc?.identity).toEqual({
      vendor: 'jumpcloud',
      host: new URL(tenant.jumpcloud.url).host,
      tenant: tenant.jumpcloud.credentials.orgId,
    });
    const users = jc?.resources.find((r) => r.resource === 'users');
    expect(users).toMatchObject({ complete: true, entities: 6 });
    // The injected clock: every stamp is after the start and is UTC.
    expect(users?.collectedAt).toMatch(/^2026-01-02T03:\d\d:\d\d\.000Z$/);
    expect(Date.parse(users?.collectedAt ?? '')).toBeGreaterThan(NOW);
    const systemusers = jc?.apiPaths?.find((p) => p.endpoint === 'GET /api/systemusers');
    expect(systemusers).toMatchObject({ items: 6 });
    expect(systemusers?.requests).toBeGreaterThanOrEqual(1);
    expect(jc?.apiPaths?.some((p) => p.endpoint === 'GET /api/v2/usergroups/{id}/members')).toBe(
      true,
    );
    expect(manifest.packages['@org/connector-evidence']).toBe('0.0.0');
    expect(manifest.packages['@org/connector-jumpcloud']).toBeDefined();
    // Every resource was read; only posture checks lacking a field are listed, each by name.
    expect(manifest.complete).toBe(true);
    for (const n of manifest.notCollected) {
      expect(n.what).toMatch(/^posture:[a-z-]+\.[a-z_.-]+/);
      expect(n.reason).toMatch(/^not evaluated: ./);
    }
  });

  it('verifies as written, from the directory and from the archive', async () => {
    const dir = await verifyEvidence(bundle.directory, { expectedDigest: bundle.manifest.digest });
    expect(dir).toMatchObject({ ok: true, changed: [], added: [], removed: [], digestOk: true });
    const archived = await verifyEvidence(bundle.archive ?? '');
    expect(archived).toMatchObject({ ok: true, changed: [], added: [], removed: [] });
  });

  it('names exactly the file changed by one byte, the file added and the file removed', async () => {
    const copy = await extracted('tampered');
    const path = join(copy, 'records/kandji/users.csv');
    const bytes = await readFile(path);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await writeFile(path, bytes);
    await appendFile(join(copy, 'records/extra.json'), '{}');
    await rm(join(copy, 'graph/graph.graphml'));
    const result = await verifyEvidence(copy);
    expect(result).toMatchObject({
      ok: false,
      changed: ['records/kandji/users.csv'],
      added: ['records/extra.json'],
      removed: ['graph/graph.graphml'],
      digestOk: true,
    });
  });

  it('catches a manifest whose hash was rewritten to match a change', async () => {
    const copy = await extracted('forged');
    const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
    await writeFile(join(copy, 'report.html'), 'nothing to see');
    manifest.files['report.html'].sha256 = 'f'.repeat(64);
    await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
    const result = await verifyEvidence(copy);
    expect(result.ok).toBe(false);
    expect(result.digestOk).toBe(false);
    expect(result.changed).toEqual(['SHA256SUMS', 'manifest.json', 'report.html']);
  });

  it('holds the built-in posture findings, each resting on entities of the graph', async () => {
    const findings = JSON.parse(await read('posture/findings.json')) as Array<{
      checkId: string;
      severity: string;
      evidence: { entities: string[] };
    }>;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toEqual(bundle.findings);
    for (const f of findings) {
      expect(bundle.snapshot.entities.has(f.evidence.entities[0] ?? '')).toBe(true);
    }
    const report = JSON.parse(await read('posture/posture.json')) as { scores: unknown };
    expect(report.scores).toBeDefined();
  });

  it("draws MFA and encryption from the checks' own verdicts: charts and tables agree with the findings", async () => {
    const html = await read('report.html');
    const section = (id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('</div>', html.indexOf(`id="${id}"`)));
    const sum = (text: string, label: string) =>
      [...text.matchAll(new RegExp(`<title>${label}: (\\d+)</title>`, 'g'))].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    const findings = (...checks: string[]) =>
      (bundle.findings ?? []).filter((f) => checks.includes(f.checkId)).length;
    const mfaOff = findings('jumpcloud.user.mfa_not_enrolled', 'jumpcloud.admin.mfa_disabled');
    expect(mfaOff).toBeGreaterThan(0);
    expect(sum(section('chart-mfa'), 'MFA off')).toBe(mfaOff);
    const unencrypted = findings('jumpcloud.system.fde_disabled', 'kandji.device.filevault_off');
    expect(sum(section('chart-fde'), 'not encrypted')).toBe(unencrypted);
    // Kandji's FileVault counts towards disk encryption.
    expect(section('chart-fde')).toContain('>kandji<');
    // The users table's MFA column says "no" exactly for the users the checks found.
    const users = html.slice(html.indexOf('id="users"'), html.indexOf('id="devices"'));
    expect(users.match(/<span class="bad">no<\/span><\/td><td><a/g)?.length ?? 0).toBe(mfaOff);
  });

  it('says so when posture checks are turned off', async () => {
    const off = await collectEvidence([], {
      out: join(work, 'no-posture'),
      snapshot: bundle.snapshot,
      posture: false,
      archive: false,
    });
    expect(off.manifest.notCollected).toContainEqual({
      what: 'posture',
      reason: 'posture checks were turned off',
    });
    expect(Object.keys(off.manifest.files).some((f) => f.startsWith('posture/'))).toBe(false);
    expect(off.archive).toBeUndefined();
    expect((await verifyEvidence(off.directory)).ok).toBe(true);
  });

  it('refuses to write into a directory that holds files', async () => {
    await expect(
      collectEvidence(connectorsOf(tenant), { out: bundle.directory, archive: false }),
    ).rejects.toThrow(/not empty/);
  });
});
