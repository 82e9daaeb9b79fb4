import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';
import { startTenants, type Tenants } from './helpers/tenants.js';

let t: Tenants;
beforeAll(async () => {
  t = await startTenants();
});
afterAll(() => t.close());

const opts = () => ({ env: t.env, cwd: t.dir });

describe('verify', () => {
  it('checks every connection of the file and exits 0', async () => {
    const r = await run(['verify'], opts());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {6}hexnode-main \(hexnode\) .*portal=sandbox/m);
    expect(r.stdout).toMatch(/^ok {6}kandji-main \(kandji\)/m);
    expect(r.stdout).toMatch(/^ok {6}jumpcloud-main \(jumpcloud\) .*orgId=/m);
    // Plain progress lines on stderr when it is not a terminal.
    expect(r.stderr).toContain('kandji-main: ok\n');
  });

  it('reports a rejected credential as a failed connection (exit 3) without the secret', async () => {
    const revoked = t.kandji.control.addCredential();
    t.kandji.control.revokeCredential(revoked.apiToken);
    const r = await run(['verify', '--json', '--quiet'], {
      ...opts(),
      env: { ...t.env, KANDJI_API_TOKEN: revoked.apiToken },
    });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as { connections: Array<Record<string, unknown>> };
    expect(out.connections.map((c) => [c.connection, c.ok])).toEqual([
      ['hexnode-main', true],
      ['kandji-main', false],
      ['jumpcloud-main', true],
    ]);
    expect(out.connections[1]?.error).toMatchObject({
      code: 'authentication',
      userAction: 'reconnect',
    });
    expect(r.stdout + r.stderr).not.toContain(revoked.apiToken);
    expect(r.stderr).toBe('');
  });

  it('says FAILED and what to do in text', async () => {
    const revoked = t.hexnode.control.addCredential();
    t.hexnode.control.revokeCredential(revoked.apiKey);
    const r = await run(['verify', '--only', 'hexnode-main'], {
      ...opts(),
      env: { ...t.env, HEXNODE_API_KEY: revoked.apiKey },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /^FAILED {2}hexnode-main \(hexnode\): authentication: .+ \(check or re-issue the credential in the connections file\)\n$/,
    );
  });
});

describe('accounts', () => {
  it('streams every account of every connection as NDJSON', async () => {
    const r = await run(['accounts', '--json'], opts());
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const by = (c: string) => lines.filter((l) => l.connection === c).length;
    // Hexnode's "Default User" has no email and is no account.
    expect([by('hexnode-main'), by('kandji-main'), by('jumpcloud-main')]).toEqual([11, 14, 10]);
    expect(lines[0]).toEqual({
      connection: 'hexnode-main',
      vendor: 'hexnode',
      id: expect.any(String),
      email: expect.stringMatching(/@acme\.example$/),
      name: expect.any(String),
      status: 'active',
      createdAt: expect.toSatisfy((v) => v === null || typeof v === 'string'),
    });
    expect(r.stderr).toBe(
      'hexnode-main: 11 accounts\nkandji-main: 14 accounts\njumpcloud-main: 10 accounts\n',
    );
  });

  it('prints a table, only the connections asked for, and the vendor object with --raw', async () => {
    const text = await run(['accounts', '--only', 'jumpcloud-main', '-q'], opts());
    expect(text.code).toBe(0);
    const rows = text.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('connection      status     email  name');
    expect(rows).toHaveLength(11);
    expect(rows[1]).toMatch(/^jumpcloud-main {2}\w+ +\S+@acme\.example {2}/);

    const raw = await run(['accounts', '--only', 'kandji-main', '--json', '--raw', '-q'], opts());
    const first = JSON.parse(raw.stdout.split('\n')[0] ?? '') as { raw?: { email?: string } };
    expect(first.raw?.email).toBeTypeOf('string');
  });

  it('lists the other connections when one fails, and exits 6 (partial)', async () => {
    const r = await run(['accounts', '--json'], {
      ...opts(),
      env: { ...t.env, JC_API_KEY: 'wrong-key' },
    });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(
      /^connector-kit: partial: jumpcloud-main failed; 2 of 3 connections listed$/m,
    );
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(11 + 14);
    expect(r.stderr).toMatch(
      /^jumpcloud-main: authentication: .+\(check or re-issue the credential in the connections file\)$/m,
    );
  });
});
