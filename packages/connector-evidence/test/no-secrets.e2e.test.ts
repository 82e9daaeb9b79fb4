// The canary: every credential the connectors hold is looked for, in pieces, in every file of the
// bundle and in every entry of its archive. Also the PII options: hashed or dropped emails and
// names must appear nowhere.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { leaksSecret } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive } from '../src/bundle/archive.js';
import { readDirectory } from '../src/bundle/read-directory.js';
import { collectEvidence, createRequestLog, verifyEvidence } from '../src/index.js';
import { samplePosture } from './posture-fixture.js';
import { connectorsOf, startTenant, type Tenant } from './sandboxes.js';

let tenant: Tenant;
let work: string;

beforeAll(async () => {
  tenant = await startTenant(23);
  work = await mkdtemp(join(tmpdir(), 'evidence-canary-'));
});
afterAll(async () => {
  await tenant?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function bundleOf(name: string, pii?: Parameters<typeof collectEvidence>[1]['pii']) {
  const requests = createRequestLog();
  return collectEvidence(connectorsOf(tenant, requests), {
    out: join(work, name),
    requests,
    posture: samplePosture,
    pii,
  });
}

describe('no credential reaches the bundle', () => {
  it('finds no piece of any sandbox credential in any file or archive entry', async () => {
    const { directory, archive } = await bundleOf('plain');
    expect(tenant.secrets.every((s) => s.length >= 16)).toBe(true);
    const files = (await readDirectory(directory)).files;
    const entries = (await readArchive(archive ?? '')).files;
    expect(entries.size).toBe(files.size);
    expect(files.size).toBeGreaterThan(30);
    for (const [path, bytes] of [...files, ...entries]) {
      expect(leaksSecret(bytes.toString('utf8'), tenant.secrets), path).toBe(false);
    }
    // The whole tar stream too, headers included.
    const raw = gunzipSync(await readFile(archive ?? '')).toString('latin1');
    expect(leaksSecret(raw, tenant.secrets)).toBe(false);
    // The canary can fail: a file holding a piece of a key is caught.
    const piece = tenant.secrets[0]?.slice(3, 15) ?? '';
    expect(leaksSecret(`x${piece}x`, tenant.secrets)).toBe(true);
  });
});

describe('less PII', () => {
  const peopleOf = (text: string) => {
    const emails = text.match(/[a-z]+\.[a-z]+@acme\.example/g) ?? [];
    return emails;
  };

  it('hashes emails and names everywhere, consistently, and the bundle still verifies', async () => {
    const plain = (await readDirectory(join(work, 'plain'))).files;
    const users = JSON.parse(
      plain.get('records/jumpcloud/users.json')?.toString() ?? '[]',
    ) as Array<Record<string, string>>;
    const names = users.map((u) => u.displayName ?? '');
    const emails = users.flatMap((u) => u.email ?? []);
    expect(emails.length).toBeGreaterThan(0);

    const hashed = await bundleOf('hashed', { emails: 'hash', names: 'hash', salt: 'audit-2026' });
    const files = (await readDirectory(hashed.directory)).files;
    for (const [path, bytes] of files) {
      const text = bytes.toString('utf8');
      expect(peopleOf(text), path).toEqual([]);
      for (const n of names) expect(text.includes(n), `${n} in ${path}`).toBe(false);
    }
    const out = JSON.parse(files.get('records/jumpcloud/users.json')?.toString() ?? '[]') as Array<
      Record<string, string & string[]>
    >;
    // A user's email is a list of one (JupiterOne's data model).
    expect(out[0]?.email).toEqual([expect.stringMatching(/^email:[0-9a-f]{16}$/)]);
    expect(out[0]?.displayName).toMatch(/^name:[0-9a-f]{16}$/);
    // The same person gets the same token across vendors, so the graph still joins.
    const persons = files.get('records/graph/people.json')?.toString() ?? '';
    expect(persons).toContain(`person:${out[0]?.email?.[0]}`);
    expect(hashed.manifest.pii).toMatchObject({
      emails: 'hash',
      names: 'hash',
      identifiers: 'keep',
    });
    expect((await verifyEvidence(hashed.directory)).ok).toBe(true);
  });

  it('drops emails and names from fields, keeping keys unique', async () => {
    const dropped = await bundleOf('dropped', { emails: 'drop', names: 'drop' });
    const files = (await readDirectory(dropped.directory)).files;
    for (const [path, bytes] of files) expect(peopleOf(bytes.toString('utf8')), path).toEqual([]);
    const users = JSON.parse(files.get('records/kandji/users.json')?.toString() ?? '[]') as Array<
      Record<string, unknown>
    >;
    expect(users.length).toBe(4);
    expect(
      users.every((u) => Array.isArray(u.email) && u.email.length === 0 && u.name === null),
    ).toBe(true);
    const keys = new Set(users.map((u) => u._key));
    expect(keys.size).toBe(4);
    const report = files.get('report.html')?.toString() ?? '';
    expect(report).toContain('emails: drop, names: drop');
  });
});

describe('identifiers', () => {
  /** Every serial number, UDID, IMEI and employee id the plain bundle's records hold. */
  async function identifiersOf(directory: string): Promise<string[]> {
    const files = (await readDirectory(directory)).files;
    const out = new Set<string>();
    for (const [path, bytes] of files) {
      if (!path.startsWith('records/') || !path.endsWith('.json')) continue;
      for (const row of JSON.parse(bytes.toString('utf8')) as Array<Record<string, unknown>>) {
        for (const f of [
          'serial',
          'serialNumber',
          'udid',
          'imei',
          'employeeId',
          'employeeIdentifier',
        ]) {
          if (typeof row[f] === 'string') out.add(row[f] as string);
        }
      }
    }
    return [...out];
  }

  it('drops employee ids, serials, UDIDs and IMEIs from every field and every text', async () => {
    const values = await identifiersOf(join(work, 'plain'));
    // The sandboxes have all four kinds.
    expect(values.length).toBeGreaterThan(10);
    const dropped = await bundleOf('no-identifiers', { identifiers: 'drop' });
    const files = (await readDirectory(dropped.directory)).files;
    for (const [path, bytes] of files) {
      const text = bytes.toString('utf8');
      for (const v of values) expect(text.includes(v), `${v} in ${path}`).toBe(false);
    }
    const devices = JSON.parse(
      files.get('records/kandji/devices.json')?.toString() ?? '[]',
    ) as Array<Record<string, unknown>>;
    expect(devices.every((d) => d.serial === null && d.serialNumber === null)).toBe(true);
    expect(dropped.manifest.pii).toMatchObject({ identifiers: 'drop' });
    expect(dropped.manifest.pii.identifierFields).toContain('udid');
    expect((await verifyEvidence(dropped.directory)).ok).toBe(true);
  });

  it('hashes them consistently, and takes a field list of your own', async () => {
    const hashed = await bundleOf('hashed-identifiers', {
      identifiers: 'hash',
      identifierFields: ['serialNumber', 'serial'],
      salt: 'audit-2026',
    });
    const files = (await readDirectory(hashed.directory)).files;
    const devices = JSON.parse(
      files.get('records/hexnode/devices.json')?.toString() ?? '[]',
    ) as Array<Record<string, unknown>>;
    expect(devices[0]?.serial).toMatch(/^id:[0-9a-f]{16}$/);
    expect(devices[0]?.serial).toBe(devices[0]?.serialNumber);
    // Fields left off the list are kept.
    expect(devices[0]?.udid).toMatch(/^[0-9a-f]{40}$/);
  });
});
