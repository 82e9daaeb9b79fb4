import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
