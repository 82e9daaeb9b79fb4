// Runs the demo's main function against the three sandboxes on 127.0.0.1 and checks what it
// promises: an inventory whose unmanaged people really lack a JumpCloud account, a secret-free
// inventory.json, the sandboxes' new users captured by the poll, and readable failures.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../src/demo.ts';
import { DemoFailure } from '../src/failure.ts';
import { memoryOutput } from '../src/output.ts';
import { DEMO_SIZES, type DemoSandboxes, NEW_USERS, OFFBOARDED_SHARE } from '../src/sandboxes.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quickstart-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every credential the sandboxes handed out, to prove none of them leaks. */
function secretsOf(sandboxes: DemoSandboxes): string[] {
  return [
    sandboxes.hexnode?.credentials.apiKey,
    sandboxes.kandji?.credentials.apiToken,
    sandboxes.jumpcloud?.credentials.apiKey,
    sandboxes.jumpcloud?.credentials.oauthClient.clientSecret,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

describe('the quickstart against the sandboxes', () => {
  it('prints and saves the inventory, then captures the new users in one poll', async () => {
    const out = memoryOutput();
    let secrets: string[] = [];
    const inventoryPath = join(dir, 'inventory.json');
    const result: DemoResult = await runDemo({
      env: {},
      out,
      inventoryPath,
      seed: 7,
      onSandboxes: (s) => {
        secrets = secretsOf(s);
      },
    });

    // Accounts per vendor: every user with an email (Hexnode's Default User has none), and the
    // directory minus the people offboarded from it.
    const count = (v: string) =>
      result.inventory.connections.find((c) => c.vendor === v)?.accounts ?? -1;
    const offboarded = Math.round(DEMO_SIZES.jumpcloud * OFFBOARDED_SHARE);
    expect(count('hexnode')).toBe(DEMO_SIZES.hexnode - 1);
    expect(count('kandji')).toBe(DEMO_SIZES.kandji);
    expect(count('jumpcloud')).toBe(DEMO_SIZES.jumpcloud - offboarded);
    expect(result.connections.every((c) => c.source === 'sandbox')).toBe(true);

    // The unmanaged people: Kandji's people beyond the directory, plus the offboarded ones, and
    // each of them truly absent from JumpCloud.
    const directoryEmails = new Set(
      result.inventory.accounts.filter((a) => a.vendor === 'jumpcloud').map((a) => a.email),
    );
    const unmanaged = result.inventory.unmanaged;
    expect(unmanaged.length).toBeGreaterThanOrEqual(DEMO_SIZES.kandji - DEMO_SIZES.jumpcloud);
    expect(unmanaged.length).toBeLessThanOrEqual(
      DEMO_SIZES.kandji - DEMO_SIZES.jumpcloud + offboarded,
    );
    for (const person of unmanaged) {
      for (const email of person.emails) expect(directoryEmails.has(email)).toBe(false);
      expect(person.accounts.every((a) => a.vendor === 'hexnode' || a.vendor === 'kandji')).toBe(
        true,
      );
    }
    // Every other device-tool account was matched to a directory account.
    const deviceAccounts = result.inventory.accounts.filter((a) => a.vendor !== 'jumpcloud');
    const unmanagedAccounts = unmanaged.reduce((n, p) => n + p.accounts.length, 0);
    expect(result.inventory.matched.byEmail + unmanagedAccounts).toBe(deviceAccounts.length);

    // inventory.json holds the same inventory and no secret.
    const text = await readFile(inventoryPath, 'utf8');
    const file = JSON.parse(text) as { unmanaged: unknown[]; accounts: unknown[] };
    expect(file.unmanaged).toHaveLength(unmanaged.length);
    expect(file.accounts).toHaveLength(result.inventory.accounts.length);
    expect(secrets.length).toBe(4);
    const printed = [...out.lines, ...out.progressLines].join('\n');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(printed).not.toContain(secret);
    }
    expect(printed).toContain(`unmanaged: ${unmanaged.length} people`);

    // The poll reports exactly the users each sandbox added, as added, and nothing else.
    expect(result.polls).toHaveLength(3);
    for (const set of result.polls) {
      const vendor = set.vendor as keyof typeof NEW_USERS;
      expect(set.kind).toBe('delta');
      expect(set.added.map((a) => a.id).sort()).toEqual(
        [...(result.newUsers[vendor] ?? [])].sort(),
      );
      expect(set.added).toHaveLength(NEW_USERS[vendor]);
      expect(set.changed).toEqual([]);
      expect(set.removed).toEqual([]);
      for (const { account } of set.added) expect(printed).toContain(account.email);
    }
    // JumpCloud's new hires are the next people of the seed: Kandji already had them, unmanaged.
    const hires = result.polls.find((p) => p.vendor === 'jumpcloud')?.added ?? [];
    const unmanagedEmails = new Set(unmanaged.flatMap((p) => p.emails));
    const resolved = hires.filter((h) => unmanagedEmails.has(h.account.email)).length;
    expect(resolved).toBeGreaterThan(0);
    expect(result.afterPoll.unmanaged.length).toBe(unmanaged.length - resolved + NEW_USERS.kandji);
  });

  it('fails with a readable, secret-free message when a credential is refused', async () => {
    const out = memoryOutput();
    let secrets: string[] = [];
    const failure = await runDemo({
      env: {},
      out,
      inventoryPath: join(dir, 'inventory.json'),
      onSandboxes: (s) => {
        secrets = secretsOf(s);
        // The admin rotated the Kandji token after the demo was configured.
        s.kandji?.control.revokeCredential(s.kandji.credentials.apiToken);
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DemoFailure);
    const f = failure as DemoFailure;
    expect(f.step).toBe('verifying kandji-sandbox');
    expect(f.message).toMatch(/^verifying kandji-sandbox failed: /);
    expect(f.hint).toMatch(/credential was refused/);
    for (const secret of secrets) {
      expect(f.message).not.toContain(secret);
      expect(out.lines.join('\n')).not.toContain(secret);
    }
  });

  it('names the variable to fix when real credentials are incomplete', async () => {
    const token = 'kandji-token-that-must-not-be-printed-0123456789';
    const failure = await runDemo({
      env: { KANDJI_API_TOKEN: token },
      out: memoryOutput(),
      inventoryPath: join(dir, 'inventory.json'),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DemoFailure);
    const f = failure as DemoFailure;
    expect(f.message).toContain('KANDJI_API_URL');
    expect(f.message).not.toContain(token);
    expect(f.hint).toMatch(/fix the configuration/);
  });
});
