import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHexnodeConnector } from '@org/connector-hexnode';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The OCSF 1.3.0 validator of the posture package's tests (ajv over the vendored OCSF schema).
import { complianceFindingValidator } from '../../connector-posture/test/ocsf/validate.js';
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
    posture: {
      suppressions: [
        {
          id: 'stale-kandji',
          check: 'kandji.device.*',
          reason: 'fleet replaced this quarter',
          approver: 'it-lead@acme.example',
          expires: '2030-01-01',
        },
      ],
    },
    provenance: {
      operator: 'jane.auditor',
      host: 'ci-runner-7',
      tool: { name: 'connector-kit', version: '9.9.9' },
      command: 'connector-kit evidence --out bundle',
      options: { fail: 'none' },
      credentials: { jumpcloud: { kind: 'api key' } },
    },
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

  it('says who collected it, with what and how, and when each connection was read', () => {
    const { manifest } = bundle;
    expect(manifest).toMatchObject({
      format: 'connector-kit-evidence/2',
      collectedBy: { operator: 'jane.auditor', host: 'ci-runner-7' },
      tool: { name: 'connector-kit', version: '9.9.9' },
      command: 'connector-kit evidence --out bundle',
      options: { fail: 'none' },
      scope: { connections: ['hexnode', 'kandji', 'jumpcloud'] },
    });
    const jc = manifest.connections.find((c) => c.name === 'jumpcloud');
    expect(jc?.credential).toEqual({ kind: 'api key' });
    expect(manifest.connections.find((c) => c.name === 'kandji')?.credential).toBeNull();
    for (const c of manifest.connections) {
      expect(c.collection.status).toBe('complete');
      expect(Date.parse(c.collection.startedAt)).toBeLessThanOrEqual(
        Date.parse(c.collection.finishedAt),
      );
      expect(Date.parse(c.collection.startedAt)).toBeGreaterThan(NOW);
    }
    // The mutelist and the thresholds the checks judged by.
    expect(manifest.posture?.suppressions.entries.map((e) => e.id)).toEqual(['stale-kandji']);
    expect(manifest.posture?.checkOptions['jumpcloud.system.stale']).toEqual({ days: 30 });
    expect(manifest.posture?.suppressed).toBe(
      bundle.posture && 'suppressed' in bundle.posture
        ? (bundle.posture.suppressed as unknown[]).length
        : -1,
    );
  });

  it('stamps every record with when it was read and its tenant, in JSON and CSV', async () => {
    const jc = bundle.manifest.connections.find((c) => c.name === 'jumpcloud');
    const users = jc?.resources.find((r) => r.resource === 'users');
    const rows = JSON.parse(await read('records/jumpcloud/users.json')) as Array<
      Record<string, unknown>
    >;
    for (const row of rows) {
      expect(row._collectedAt).toBe(users?.collectedAt);
      expect(row._tenant).toBe(tenant.jumpcloud.credentials.orgId);
    }
    const csv = (await read('records/jumpcloud/users.csv')).split('\r\n');
    expect(csv[0]?.startsWith('_collectedAt,_tenant,')).toBe(true);
    expect(csv[1]?.startsWith(`${users?.collectedAt},${tenant.jumpcloud.credentials.orgId},`)).toBe(
      true,
    );
    const rels = await read('records/jumpcloud/groupMembers.relationships.csv');
    expect(rels.startsWith('_collectedAt,_tenant,')).toBe(true);
  });

  it('holds the findings as OCSF (valid OCSF 1.3.0) and CSV, suppressed ones marked so everywhere', async () => {
    const ocsf = (await read('posture/findings.ocsf.ndjson'))
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            status_code: string;
            status: string;
            metadata: { product: { version: string } };
          },
      );
    const perRequirement = (await read('posture/compliance.ocsf.ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    const validate = complianceFindingValidator();
    expect(validate(ocsf)).toEqual([]);
    expect(validate(perRequirement)).toEqual([]);
    expect(perRequirement.length).toBeGreaterThan(ocsf.length);
    expect(ocsf[0]?.metadata.product.version).toBe('9.9.9');
    const suppressed = JSON.parse(await read('posture/suppressed.json')) as Array<{
      finding: { id: string };
      suppression: { reason: string; approver: string };
    }>;
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed[0]?.suppression).toMatchObject({
      reason: 'fleet replaced this quarter',
      approver: 'it-lead@acme.example',
    });
    expect(ocsf.filter((r) => r.status === 'Suppressed')).toHaveLength(suppressed.length);
    const csv = (await read('posture/findings.csv')).trimEnd().split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    const muted = header.indexOf('muted');
    const approver = header.indexOf('mute_approver');
    const mutedRows = csv.slice(1).filter((l) => l.split(',')[muted] === 'true');
    expect(mutedRows).toHaveLength(suppressed.length);
    expect(mutedRows[0]?.split(',')[approver]).toBe('it-lead@acme.example');
    expect(csv).toHaveLength(ocsf.length + 1);
    const soc2 = (await read('posture/compliance/soc-2.csv')).split('\r\n')[0];
    expect(soc2).toBe(
      'framework,control,control_status,control_score,check_id,check_title,severity,connection,tenant,status,findings,suppressed,reason,collected_at',
    );
    for (const f of ['cis-controls-v8', 'iso-iec-27001-2022']) {
      expect(Object.keys(bundle.manifest.files)).toContain(`posture/compliance/${f}.csv`);
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

  it('leaves no folder behind when nothing could be read', async () => {
    const revoked = tenant.hexnode.control.addCredential();
    tenant.hexnode.control.revokeCredential(revoked.apiKey);
    // Without a known daily quota the connector learns it with one call, which the revoked key
    // fails: nothing can be read, so there is no bundle, and no empty folder either.
    const hexnode = createHexnodeConnector({
      apiKey: revoked.apiKey,
      portal: revoked.portal,
      baseUrl: revoked.baseUrl,
      name: 'hexnode',
    });
    const out = join(work, 'never');
    await expect(collectEvidence([hexnode], { out, archive: false })).rejects.toMatchObject({
      code: 'authentication',
    });
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write into a directory that holds files', async () => {
    await expect(
      collectEvidence(connectorsOf(tenant), { out: bundle.directory, archive: false }),
    ).rejects.toThrow(/not empty/);
  });
});
