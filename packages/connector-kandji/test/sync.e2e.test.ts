import { BadRequestError, type SaasAccount } from '@org/connector-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKandjiUserIndex } from '../src/join.js';
import type { KandjiDevice } from '../src/schemas/device.js';
import type { KandjiUser } from '../src/schemas/user.js';
import { collect, kandjiSandbox } from './helpers/sandbox.js';

const USERS = 5_000;
const DEVICES = 2_000;
const ids = (items: ReadonlyArray<{ id: string } | KandjiDevice>) =>
  items.map((x) => ('id' in x ? x.id : x.device_id));

describe('Kandji sandbox: full sync', () => {
  let env: Awaited<ReturnType<typeof kandjiSandbox>>;
  let clean: { accounts: SaasAccount[]; devices: KandjiDevice[] };

  beforeAll(async () => {
    env = await kandjiSandbox({ size: { users: USERS, devices: DEVICES } });
    const { kandji, run } = env.connect();
    clean = {
      accounts: await run(collect(kandji.accounts())),
      devices: await run(kandji.devices.list().toArray()),
    };
  });
  afterAll(() => env.close());

  it(`syncs exactly ${USERS} users, each once, in ${Math.ceil(USERS / 300)} cursor pages`, async () => {
    const counters = env.sandbox.control.counters();
    expect(clean.accounts).toHaveLength(USERS);
    expect(new Set(ids(clean.accounts)).size).toBe(USERS);
    expect(counters.byPath['/api/v1/users']).toBe(Math.ceil(USERS / 300));
    expect(counters.rateLimited).toBe(0);
    for (const a of clean.accounts) {
      expect(a.email).toMatch(/^[^\sA-Z]+@[^\sA-Z]+$/);
      expect(a.connection).toMatch(/^kandji-[0-9a-f]{12}$/); // no tenant in a sandbox URL: per token
    }
  });

  it('agrees with the archived filter on every status', async () => {
    const { kandji, run } = env.connect();
    const archived = await run(kandji.users.list({ archived: true }).toArray());
    const current = await run(kandji.users.list({ archived: false }).toArray());
    expect(archived.length + current.length).toBe(USERS);
    const status = new Map(clean.accounts.map((a) => [a.id, a.status]));
    for (const u of archived) expect(status.get(u.id)).toBe('archived');
    for (const u of current) expect(status.get(u.id)).toBe(u.active ? 'active' : 'suspended');
    expect(archived.length).toBeGreaterThan(0);
  });

  it(`syncs exactly ${DEVICES} devices, each once, with owners among the users`, async () => {
    expect(clean.devices).toHaveLength(DEVICES);
    expect(new Set(ids(clean.devices)).size).toBe(DEVICES);
    expect(env.sandbox.control.counters().byPath['/api/v1/devices']).toBe(Math.ceil(DEVICES / 300));
    const users = new Set(ids(clean.accounts));
    const owned = clean.devices.filter((d) => d.user !== null);
    expect(owned.length).toBeGreaterThan(0);
    expect(owned.length).toBeLessThan(DEVICES); // some are unassigned ("" on the wire)
    // Devices name their user by the legacy integer id, as real tenants do: the join is by email.
    const index = createKandjiUserIndex(clean.accounts.map((a) => a.raw as KandjiUser));
    for (const d of owned) {
      expect(d.user?.uuid).toBeNull();
      expect(d.user?.legacyId).toMatch(/^\d+$/);
      const found = index.find(d.user);
      expect(found?.by).toBe('email');
      expect(users.has(found?.user.id ?? '')).toBe(true);
      expect(found?.user.deprecated_user_id).toBe(d.user?.legacyId);
    }
  });

  it('reads one user and one device by id', async () => {
    const { kandji, run } = env.connect();
    const account = clean.accounts[17] as SaasAccount;
    expect((await run(kandji.users.get(account.id))).email?.toLowerCase()).toBe(account.email);
    const device = clean.devices[1234] as KandjiDevice;
    expect((await run(kandji.devices.get(device.device_id))).serial_number).toBe(
      device.serial_number,
    );
  });

  it('loses and repeats nothing when 429, 503, a reset, a truncated body and an HTML 500 hit mid-sync', async () => {
    const { control } = env.sandbox;
    control.resetCounters();
    for (const [kind, after] of [
      ['429', 3],
      ['503', 5],
      ['reset', 8],
      ['truncated', 11],
      ['html', 14],
    ] as const) {
      control.fault({ kind, path: '/api/v1/users', after, times: 1 });
    }
    control.fault({ kind: '503', path: '/api/v1/devices', after: 2, times: 2 });
    control.fault({ kind: 'reset', path: '/api/v1/devices', after: 4, times: 1 });
    control.fault({
      kind: '429',
      path: '/api/v1/devices',
      after: 5,
      times: 1,
      retryAfterSeconds: 3,
    });

    const { kandji, run } = env.connect({ concurrency: 4 });
    const accounts = await run(collect(kandji.accounts()));
    const devices = await run(kandji.devices.list().toArray());

    expect(ids(accounts)).toEqual(ids(clean.accounts));
    expect(ids(devices)).toEqual(ids(clean.devices));
    const counters = control.counters();
    // Every fault was served, and every page was fetched again after it.
    expect(counters.status.reset).toBe(2);
    expect(counters.rateLimited).toBe(2);
    expect(counters.byPath['/api/v1/users']).toBe(Math.ceil(USERS / 300) + 5);
    expect(counters.byPath['/api/v1/devices']).toBe(Math.ceil(DEVICES / 300) + 4);
    control.clearFaults();
  });
});

describe('Kandji sandbox: credentials', () => {
  let env: Awaited<ReturnType<typeof kandjiSandbox>>;
  beforeAll(async () => {
    env = await kandjiSandbox({ size: { users: 10, devices: 5 } });
  });
  afterAll(() => env.close());

  it('reports a filter Kandji refuses as BadRequestError', async () => {
    const { kandji, run } = env.connect();
    const error = await run(kandji.users.list({ integrationId: 'not-a-uuid' }).toArray()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain('not a valid UUID');
  });

  it('verifies a working token', async () => {
    const { kandji, run } = env.connect();
    await expect(run(kandji.verify())).resolves.toMatchObject({ ok: true, vendor: 'kandji' });
  });

  it('reports a revoked token as AuthenticationError, without the token', async () => {
    const credential = env.sandbox.control.addCredential();
    env.sandbox.control.revokeCredential(credential.apiToken);
    const { kandji, run } = env.connect({ apiToken: credential.apiToken });
    const error = await run(kandji.verify()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'authentication', userAction: 'reconnect', status: 401 });
    expect(JSON.stringify(error)).not.toContain(credential.apiToken);
    expect(String((error as Error).stack)).not.toContain(credential.apiToken);
  });

  it('reports a token without "Users › List users" as PermissionError naming it', async () => {
    const credential = env.sandbox.control.addCredential({
      permissions: ['Devices › List devices'],
    });
    const { kandji, run } = env.connect({ apiToken: credential.apiToken });
    const error = await run(kandji.verify()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'permission', permission: 'Users › List users' });
    expect(await run(kandji.devices.list().toArray())).toHaveLength(5);
  });
});
