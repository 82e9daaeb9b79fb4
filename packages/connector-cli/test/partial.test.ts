// One of three connections revoked: graph, posture and evidence read the other two, name the
// failed connection with the error and what to do, and exit 6 (partial). All three revoked: exit
// 3, a JSON document still printed, no bundle folder left behind.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
beforeAll(async () => {
  t = await startTenants(6);
  // The Hexnode key is revoked: the connector's first call (learning the daily quota) fails.
  t.hexnode.control.revokeCredential(t.env.HEXNODE_API_KEY ?? '');
});
afterAll(() => t?.close());

const opts = () => ({ env: t.env, cwd: t.dir });
const FAILED_LINE =
  /^hexnode-main: not read: authentication: Hexnode refused the API key.*\(check or re-issue the credential in the connections file\)$/m;
const PARTIAL =
  'connector-kit: partial: hexnode-main failed (authentication); 2 of 3 connections read\n';

interface ConnectionJson {
  name: string;
  status: string;
  error?: { code: string; action?: string };
}

describe('one connection of three revoked', () => {
  it('graph reads the other two, says which failed and what to do, and exits 6', async () => {
    const r = await run(['graph'], opts());
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(FAILED_LINE);
    expect(r.stderr.endsWith(PARTIAL)).toBe(true);
    // Each resource and each connection is a line in a log (stderr is not a terminal).
    expect(r.stderr).toMatch(
      /^kandji-main\/devices: read, \d+ entities, \d+ relationships \(\d+\/\d+\)$/m,
    );
    expect(r.stderr).toMatch(/^kandji-main: \d+ resources read$/m);
    expect(r.stderr).toMatch(/^jumpcloud-main: \d+ resources read$/m);
    expect(r.stderr).toMatch(/^read 3 connections in \d+\.\d s: 2 complete, 1 failed$/m);
    expect(r.stdout).toMatch(/^ {2}ok {10}kandji-main\/users +14 entities/m);
    expect(r.stdout).toMatch(
      /^ {2}hexnode-main \(hexnode\): FAILED: authentication: .+\(check or re-issue the credential in the connections file\)$/m,
    );
    expect(r.stdout + r.stderr).not.toContain(t.env.HEXNODE_API_KEY);

    const json = await run(['graph', '--json', '-q'], opts());
    expect(json.code).toBe(6);
    const doc = JSON.parse(json.stdout) as { connections: ConnectionJson[]; exitCode: number };
    expect(doc.exitCode).toBe(6);
    expect(doc.connections.map((c) => [c.name, c.status])).toEqual([
      ['hexnode-main', 'failed'],
      ['kandji-main', 'complete'],
      ['jumpcloud-main', 'complete'],
    ]);
    expect(doc.connections[0]?.error).toMatchObject({
      code: 'authentication',
      action: 'check or re-issue the credential in the connections file',
    });
    // --quiet prints only the failure and, last, why the exit code is not 0.
    const lines = json.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(PARTIAL.trimEnd());
    expect(lines.slice(0, -1).every((l) => l.startsWith('hexnode-main'))).toBe(true);
  });

  it('posture judges the other two, leaves the failed one not evaluated, and exits 6', async () => {
    const r = await run(['posture', '-q'], opts());
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^ {2}hexnode\.device\.non_compliant {2}hexnode-main: incomplete: /m);
    expect(r.stdout).toMatch(/^ {2}hexnode-main \(hexnode\): FAILED: authentication: /m);
    expect(r.stdout).toMatch(/^ {2}kandji\.device\.\S+ {2}kandji-main {2}\[/m);
    expect(r.stderr.endsWith(PARTIAL)).toBe(true);
    const json = await run(['posture', '--json', '-q'], opts());
    const doc = JSON.parse(json.stdout) as {
      connections: ConnectionJson[];
      exitCode: number;
      results: Array<{ connection: string; status: string }>;
    };
    expect(doc.exitCode).toBe(6);
    expect(doc.connections[0]).toMatchObject({ name: 'hexnode-main', status: 'failed' });
    expect(
      doc.results
        .filter((r) => r.connection === 'hexnode-main')
        .every((r) => r.status === 'not_evaluated'),
    ).toBe(true);
    expect(
      doc.results.some((r) => r.connection === 'kandji-main' && r.status !== 'not_evaluated'),
    ).toBe(true);
  });

  it('evidence writes the bundle of the other two, records the failure, and exits 6', async () => {
    const r = await run(['evidence', '--out', 'partial-bundle', '-q'], opts());
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^not read: hexnode-main \(hexnode\): FAILED: authentication: /m);
    expect(r.stderr.endsWith(PARTIAL)).toBe(true);
    const manifest = JSON.parse(
      await readFile(join(t.dir, 'partial-bundle', 'manifest.json'), 'utf8'),
    ) as { connections: Array<{ name: string; collection: { status: string } }> };
    expect(manifest.connections.map((c) => [c.name, c.collection.status])).toEqual([
      ['hexnode-main', 'failed'],
      ['kandji-main', 'complete'],
      ['jumpcloud-main', 'complete'],
    ]);
    expect((await run(['evidence', 'verify', 'partial-bundle'], opts())).code).toBe(0);
  });
});

describe('every connection revoked', () => {
  const revokedEnv = () => ({
    ...t.env,
    KANDJI_API_TOKEN: 'revoked-token',
    JC_API_KEY: 'revoked-key',
  });

  it('graph and posture exit 3 and --json still prints a document with the errors', async () => {
    for (const command of ['graph', 'posture']) {
      const r = await run([command, '--json', '-q'], { env: revokedEnv(), cwd: t.dir });
      expect(r.code).toBe(3);
      const doc = JSON.parse(r.stdout) as { connections: ConnectionJson[]; exitCode: number };
      expect(doc.exitCode).toBe(3);
      expect(doc.connections.map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
      expect(doc.connections.map((c) => c.error?.code)).toEqual([
        'authentication',
        'authentication',
        'authentication',
      ]);
      expect(r.stderr).toMatch(
        /^connector-kit: no connection could be read: hexnode-main \(authentication\), kandji-main \(authentication\), jumpcloud-main \(authentication\)$/m,
      );
    }
  });

  it('evidence writes no bundle and leaves no empty folder', async () => {
    const r = await run(['evidence', '--out', 'nothing', '--json', '-q'], {
      env: revokedEnv(),
      cwd: t.dir,
    });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ directory: null, exitCode: 3 });
    await expect(stat(join(t.dir, 'nothing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('--json always prints a document', () => {
  it('even for bad input, with the error inside', async () => {
    const r = await run(['posture', '--json', '--connections', 'missing.yaml'], opts());
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      exitCode: 2,
      error: expect.stringMatching(/^connections file .+missing\.yaml not found: /),
    });
  });

  it('and --json with --ocsf is an input error', async () => {
    const r = await run(['posture', '--json', '--ocsf'], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'connector-kit: --json and --ocsf both print on stdout: pick one (--out <dir> writes every format into a folder)\n',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2 });
  });
});
