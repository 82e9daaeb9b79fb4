import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
beforeAll(async () => {
  t = await startTenants(5);
});
afterAll(() => t.close());

describe('graph', () => {
  it('collects every connection into one graph and writes its exports', async () => {
    const r = await run(['graph', '--out', 'out', '--json'], { env: t.env, cwd: t.dir });
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      complete: boolean;
      connections: Array<{ name: string }>;
      counts: { entities: Record<string, number> };
      files: string[];
    };
    expect(summary.complete).toBe(true);
    expect(summary.connections.map((c) => c.name)).toEqual([
      'hexnode-main',
      'kandji-main',
      'jumpcloud-main',
    ]);
    expect(summary.counts.entities).toMatchObject({
      kandji_user: 14,
      jumpcloud_user: 10,
      hexnode_user: 12,
    });
    expect(summary.files).toEqual(
      ['graph.ndjson', 'graph.jgf.json', 'graph.graphml'].map((f) => join(t.dir, 'out', f)),
    );
    const ndjson = (await readFile(join(t.dir, 'out', 'graph.ndjson'), 'utf8'))
      .trimEnd()
      .split('\n');
    expect(ndjson.some((line) => line.includes('"_type":"person"'))).toBe(true);
    const jgf = JSON.parse(await readFile(join(t.dir, 'out', 'graph.jgf.json'), 'utf8')) as object;
    expect(jgf).toHaveProperty('graph');
    expect(await readFile(join(t.dir, 'out', 'graph.graphml'), 'utf8')).toMatch(/^<\?xml/);
    // Progress: the cost estimate and each resource, as lines on a non-terminal stderr.
    expect(r.stderr).toMatch(/^kandji-main: about \d+ calls$/m);
  });

  it("puts a connection's tags on each of its entities, in the graph and in an evidence bundle", async () => {
    const file = {
      connections: [
        {
          name: 'kandji-main',
          vendor: 'kandji',
          baseUrl: t.kandji.credentials.baseUrl,
          apiToken: { env: 'KANDJI_API_TOKEN' },
          tags: { AccountName: 'Acme EU', Description: 'production' },
        },
      ],
    };
    await writeFile(join(t.dir, 'tagged.yaml'), stringify(file));
    const o = { env: t.env, cwd: t.dir };
    const graph = await run(['graph', '-c', 'tagged.yaml', '--format', 'ndjson', '-q'], o);
    expect(graph.code).toBe(0);
    const tagged = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => String(l._type).startsWith('kandji_') && !('_fromEntityKey' in l));
    const entities = tagged(graph.stdout);
    expect(entities.length).toBeGreaterThan(14);
    for (const e of entities) {
      expect(e).toMatchObject({ 'tag.AccountName': 'Acme EU', 'tag.Description': 'production' });
    }
    const bundle = await run(
      ['evidence', '-c', 'tagged.yaml', '--out', 'tagged-bundle', '--no-archive', '-q'],
      o,
    );
    expect(bundle.code).toBe(0);
    const inBundle = tagged(
      await readFile(join(t.dir, 'tagged-bundle', 'graph', 'graph.ndjson'), 'utf8'),
    );
    expect(inBundle.length).toBe(entities.length);
    for (const e of inBundle) expect(e).toMatchObject({ 'tag.AccountName': 'Acme EU' });
  });

  it('prints one export on stdout with --format', async () => {
    const r = await run(['graph', '--format', 'ndjson', '--only', 'kandji-main', '-q'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { _type?: string });
    expect(lines.filter((l) => l._type === 'kandji_user')).toHaveLength(14);
  });

  it('summarizes in text and exits 6 (partial) when a resource could not be read, keeping the rest', async () => {
    // A Hexnode key without the device permission reads users but not devices.
    const limited = t.hexnode.control.addCredential({
      permissions: ['Read Users', 'Read User Groups'],
    });
    const r = await run(['graph', '--only', 'hexnode-main'], {
      env: { ...t.env, HEXNODE_API_KEY: limited.apiKey },
      cwd: t.dir,
    });
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^graph of 1 connections at \S+ \(INCOMPLETE\)$/m);
    expect(r.stdout).toMatch(
      /^ {2}hexnode-main \(hexnode\): INCOMPLETE \(devices, .+\): permission: .+\(grant the missing permission to the credential\)$/m,
    );
    expect(r.stderr).toMatch(
      /^connector-kit: partial: hexnode-main incomplete \(devices, .+\); 1 of 1 connections read$/m,
    );
    expect(r.stdout).toMatch(/^ {2}ok {10}hexnode-main\/users +12 entities/m);
    expect(r.stdout).toMatch(/^ {2}INCOMPLETE {2}hexnode-main\/devices .+\(permission: /m);
    expect(r.stderr).toMatch(/^hexnode-main\/devices: incomplete \(permission: /m);
    expect(r.stdout + r.stderr).not.toContain(limited.apiKey);
  });
});
