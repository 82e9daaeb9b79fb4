// The poller against the Kandji and JumpCloud sandboxes on 127.0.0.1, through the real connectors,
// with the file store: the sandbox is changed between runs and the change sets must say exactly that.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Connector,
  createFileStateStore,
  createPoller,
  type FileStateStore,
  type Poller,
  type PollerEvent,
} from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface Case {
  vendor: 'kandji' | 'jumpcloud';
  users: number;
  /** A path of the users listing, to inject a fault in the middle of a run. */
  usersPath: string;
  connect(sandbox: Sandbox, credential?: string): Connector;
}

const cases: Case[] = [
  {
    vendor: 'kandji',
    users: 700, // three pages of 300
    usersPath: '/api/v1/users',
    connect: (sb, token) => {
      const c = (sb as Sandbox<'kandji'>).credentials;
      return createKandjiConnector({
        apiToken: token ?? c.apiToken,
        baseUrl: c.baseUrl,
        name: 'kandji-e2e',
        retry: { limit: 0 },
      });
    },
  },
  {
    vendor: 'jumpcloud',
    users: 250, // three pages of 100
    usersPath: '/api/systemusers',
    connect: (sb, key) => {
      const c = (sb as Sandbox<'jumpcloud'>).credentials;
      return createJumpCloudConnector({
        apiKey: key ?? c.apiKey,
        orgId: c.orgId,
        baseUrl: c.baseUrl,
        name: 'jumpcloud-e2e',
        retry: { limit: 0 },
      });
    },
  },
];

describe.each(cases)('poller over the $vendor sandbox', (c) => {
  let sandbox: Sandbox;
  let dir: string;
  let store: FileStateStore;
  let events: PollerEvent[];
  let poller: Poller;
  const changeEvents = () =>
    events.filter((e) => e.type === 'added' || e.type === 'changed' || e.type === 'removed');

  beforeEach(async () => {
    sandbox = await startSandbox({ vendor: c.vendor, size: { users: c.users }, limits: false });
    dir = await mkdtemp(join(tmpdir(), `poller-e2e-${c.vendor}-`));
    store = createFileStateStore({ directory: dir });
    events = [];
    poller = createPoller({
      connector: c.connect(sandbox),
      store,
      intervalMs: 60_000,
      onEvent: (e) => events.push(e),
    });
    const baseline = await poller.runOnce();
    expect(baseline).toMatchObject({ kind: 'baseline', total: c.users, added: [] });
    expect(changeEvents()).toEqual([]);
    events.length = 0;
  });

  afterEach(async () => {
    await poller.stop();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('5 users added → exactly 5 added', async () => {
    const created = sandbox.control.addUsers(5);
    const set = await poller.runOnce();
    expect(set.added.map((a) => a.id).sort()).toEqual(created.map((u) => String(u.id)).sort());
    expect(set.added.map((a) => a.account.email).sort()).toEqual(
      created.map((u) => String(u.email).toLowerCase()).sort(),
    );
    expect([set.changed, set.removed]).toEqual([[], []]);
    expect(changeEvents().map((e) => e.type)).toEqual(Array(5).fill('added'));
    expect(set.total).toBe(c.users + 5);
  });

  it('2 removed → exactly 2 removed', async () => {
    const ids = [...((await store.load(poller.connection))?.accounts.keys() ?? [])].slice(10, 12);
    sandbox.control.removeUsers(ids);
    const set = await poller.runOnce();
    expect(set.removed.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect([set.added, set.changed]).toEqual([[], []]);
    expect(changeEvents().map((e) => e.type)).toEqual(['removed', 'removed']);
  });

  it('an email changed → 1 changed naming the field', async () => {
    const [id, before] = [...((await store.load(poller.connection))?.accounts ?? [])][3] ?? [];
    if (!id || !before) throw new Error('empty snapshot');
    sandbox.control.updateUser(id, { email: 'Changed.Person@Example.com' });
    const set = await poller.runOnce();
    expect(set.changed).toHaveLength(1);
    expect(set.changed[0]).toMatchObject({
      id,
      fields: ['email'],
      previous: { email: before.email },
    });
    expect(set.changed[0]?.account.email).toBe('changed.person@example.com');
    expect([set.added, set.removed]).toEqual([[], []]);
  });

  it('a fault in the middle of a run → no events, old snapshot intact, the next run catches up', async () => {
    const file = store.pathFor(poller.connection);
    const bytesBefore = await readFile(file);
    const created = sandbox.control.addUsers(5);
    const [gone] = [...((await store.load(poller.connection))?.accounts.keys() ?? [])];
    sandbox.control.removeUsers([gone ?? '']);
    // The first page is served, the second fails: the run has read part of the users.
    sandbox.control.fault({ kind: '500', path: c.usersPath, after: 1, times: 1 });
    sandbox.control.resetCounters();

    await expect(poller.runOnce()).rejects.toMatchObject({ code: 'server' });
    expect(sandbox.control.counters().byPath[c.usersPath]).toBeGreaterThanOrEqual(2);
    expect(sandbox.control.counters().status['200']).toBeGreaterThanOrEqual(1);
    expect(events.map((e) => e.type)).toEqual(['run-started', 'run-failed']);
    expect(changeEvents()).toEqual([]);
    expect(await readFile(file)).toEqual(bytesBefore);

    const set = await poller.runOnce();
    expect(set.added.map((a) => a.id).sort()).toEqual(created.map((u) => String(u.id)).sort());
    expect(set.removed.map((r) => r.id)).toEqual([gone]);
  });

  it('a revoked credential stops the poller: a person must reconnect', async () => {
    const extra = sandbox.control.addCredential() as { apiToken?: string; apiKey?: string };
    const secret = extra.apiToken ?? extra.apiKey ?? '';
    const revoking = createPoller({
      connector: c.connect(sandbox, secret),
      store,
      intervalMs: 60_000,
      onEvent: (e) => events.push(e),
    });
    const snapshotBefore = await readFile(store.pathFor(poller.connection));
    sandbox.control.revokeCredential(secret);
    await expect(revoking.runOnce()).rejects.toMatchObject({
      code: 'authentication',
      userAction: 'reconnect',
    });
    expect(await revoking.stopped).toMatchObject({
      reason: 'needs-user-action',
      userAction: 'reconnect',
    });
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(await readFile(store.pathFor(poller.connection))).toEqual(snapshotBefore);
  });
});

describe('poller over the hexnode sandbox', () => {
  // 5 managed devices: 50 calls a day. 250 users at 100 a page: about 3 calls a run.
  let sandbox: Sandbox<'hexnode'>;
  let dir: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ vendor: 'hexnode', size: { users: 250, devices: 5 } });
    dir = await mkdtemp(join(tmpdir(), 'poller-e2e-hexnode-'));
  });
  afterEach(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });
  const connect = (managedDevices?: number) =>
    createHexnodeConnector({ ...sandbox.credentials, name: 'hexnode-e2e', managedDevices });

  it('start() refuses an interval the daily quota cannot sustain, and accepts one it can', async () => {
    const store = createFileStateStore({ directory: dir });
    const tooOften = createPoller({ connector: connect(5), store, intervalMs: 15 * 60_000 });
    const refused = tooOften.start();
    await expect(refused).rejects.toMatchObject({ code: 'config', userAction: 'fix_config' });
    await expect(refused).rejects.toThrow(
      /per day window where the budget allows 50; poll at most every/,
    );
    expect(tooOften.state).toBe('idle');
    expect(tooOften.budget?.sustainable).toBe(false);

    let rescheduled: (at: Date) => void = () => undefined;
    const second = new Promise<Date>((resolve) => {
      rescheduled = resolve;
    });
    const affordable = createPoller({
      connector: connect(5),
      store,
      intervalMs: 6 * 60 * 60_000,
      budgetWarnAt: 1,
      onEvent: (e) => {
        if (e.type === 'scheduled' && e.nextRunAt.getTime() > Date.now()) rescheduled(e.nextRunAt);
      },
    });
    const changes = affordable.changes();
    await affordable.start();
    expect(affordable.budget?.sustainable).toBe(true);
    expect((await changes.next()).value).toMatchObject({
      kind: 'baseline',
      total: expect.any(Number),
    });
    const next = await second;
    expect(next.getTime()).toBeGreaterThan(Date.now() + 5 * 60 * 60_000);
    expect(affordable.nextRunAt).toEqual(next);
    await affordable.stop();
  });

  it('stops after the first run when that run reveals the quota cannot sustain the interval', async () => {
    const store = createFileStateStore({ directory: dir });
    const poller = createPoller({ connector: connect(), store, intervalMs: 15 * 60_000 });
    await poller.start(); // the quota is unknown until the connector's first call
    const stop = await poller.stopped;
    expect(stop).toMatchObject({ reason: 'needs-user-action', userAction: 'fix_config' });
    expect(stop.error?.message).toMatch(/per day window where the budget allows 50/);
    expect((await store.load(poller.connection))?.accounts.size).toBeGreaterThan(0); // the run itself was kept
  });
});
