import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import {
  AbortError,
  AuthenticationError,
  ConfigError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '../errors/errors.js';
import type { BudgetSnapshot } from '../model/connector.js';
import { createFakeConnector, type FakeConnector, makeUsers } from '../testing/fake-connector.js';
import type { ChangeSet } from './change-set.js';
import type { PollerEvent } from './events.js';
import { createMemoryStateStore } from './memory-store.js';
import { createPoller, type PollerOptions } from './poller.js';
import type { StateStore } from './state-store.js';

const MIN = 60_000;

function setup(o: Partial<PollerOptions> & { users?: number; connector?: FakeConnector } = {}) {
  const connector = o.connector ?? createFakeConnector({ users: makeUsers(o.users ?? 10) });
  const store = o.store ?? createMemoryStateStore();
  const clock = createManualClock();
  const events: PollerEvent[] = [];
  const poller = createPoller({
    connector,
    store,
    clock,
    intervalMs: 15 * MIN,
    jitter: 0,
    onEvent: (e) => events.push(e),
    ...o,
  });
  const ofType = <T extends PollerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<PollerEvent, { type: T }> => e.type === type);
  return { connector, store, clock, events, poller, ofType };
}

describe('createPoller: change detection', () => {
  it('reports the first run as a baseline with progress counts, not as added accounts', async () => {
    const { poller, ofType } = setup({ users: 2500 });
    const set = await poller.runOnce();
    expect(set).toMatchObject({ kind: 'baseline', total: 2500, previousTotal: undefined, run: 1 });
    expect(set.added).toEqual([]);
    expect(ofType('added')).toEqual([]);
    expect(ofType('baseline')).toEqual([
      { type: 'baseline', connection: 'fake-1', run: 1, total: 2500 },
    ]);
    expect(ofType('progress').map((e) => [e.seen, e.baseline])).toEqual([
      [1000, true],
      [2000, true],
      [2500, true],
    ]);
  });

  it('reports added, changed and removed accounts against the previous run', async () => {
    const { poller, connector, ofType } = setup({ users: 10 });
    await poller.runOnce();
    connector.add(...makeUsers(5, 100));
    connector.remove('u1', 'u2');
    connector.update('u3', { email: 'renamed@example.com' });
    const set = await poller.runOnce();
    expect(set.kind).toBe('delta');
    expect(set.added.map((a) => a.id)).toEqual(['u100', 'u101', 'u102', 'u103', 'u104']);
    expect(set.added[0]?.account.email).toBe('user100@example.com');
    expect(set.removed.map((r) => [r.id, r.previous.email])).toEqual([
      ['u1', 'user1@example.com'],
      ['u2', 'user2@example.com'],
    ]);
    expect(set.changed).toHaveLength(1);
    expect(set).toMatchObject({ total: 13, previousTotal: 10 });
    expect(ofType('added')).toHaveLength(5);
    expect(ofType('removed')).toHaveLength(2);
    expect(ofType('changed')).toHaveLength(1);
    expect(ofType('run-completed').map((e) => e.changeSet.run)).toEqual([1, 2]);

    const quiet = await poller.runOnce();
    expect([quiet.added, quiet.changed, quiet.removed]).toEqual([[], [], []]);
  });

  it('names the field that changed and keeps the previous value', async () => {
    const { poller, connector } = setup({ users: 4 });
    await poller.runOnce();
    connector.update('u1', { email: 'new@example.com' });
    connector.update('u2', { name: 'Someone Else' });
    connector.update('u3', { status: 'suspended' });
    connector.update('u4', { department: 'sales' }); // only in raw
    const set = await poller.runOnce();
    const byId = Object.fromEntries(set.changed.map((c) => [c.id, c]));
    expect(byId.u1?.fields).toEqual(['email']);
    expect(byId.u1?.previous.email).toBe('user1@example.com');
    expect(byId.u1?.account.email).toBe('new@example.com');
    expect(byId.u2?.fields).toEqual(['name']);
    expect(byId.u3?.fields).toEqual(['status']);
    expect(byId.u3?.previous.status).toBe('active');
    expect(byId.u4?.fields).toEqual(['raw']);
  });

  it('ignores vendor-only changes outside selectRaw', async () => {
    const { poller, connector } = setup({
      users: 2,
      selectRaw: (raw) => ({ ...(raw as Record<string, unknown>), department: undefined }),
    });
    await poller.runOnce();
    connector.update('u1', { department: 'sales' });
    expect((await poller.runOnce()).changed).toEqual([]);
  });

  it('counts an account listed twice in one run once', async () => {
    const connector = createFakeConnector({ users: makeUsers(3) });
    const accounts = connector.accounts.bind(connector);
    const { poller } = setup({ connector });
    await poller.runOnce();
    connector.accounts = async function* (o) {
      for await (const a of accounts(o)) {
        yield a;
        if (a.id === 'u2') yield a;
      }
    };
    const set = await poller.runOnce();
    expect(set.total).toBe(3);
    expect(set.added).toEqual([]);
  });

  it('delivers change sets to async iterators until the poller stops', async () => {
    const { poller, connector } = setup({ users: 3 });
    const got: ChangeSet[] = [];
    const reading = (async () => {
      for await (const set of poller) got.push(set);
    })();
    await poller.runOnce();
    connector.remove('u1');
    await poller.runOnce();
    await poller.stop();
    await reading;
    expect(got.map((s) => [s.kind, s.removed.length])).toEqual([
      ['baseline', 0],
      ['delta', 1],
    ]);
  });
});

describe('createPoller: failures', () => {
  it('a run failing part way saves nothing, reports no change, and the next run finds everything', async () => {
    const { poller, connector, store, events, ofType } = setup({ users: 10 });
    await poller.runOnce();
    const before = await store.load('fake-1');
    connector.add(...makeUsers(2, 50));
    connector.remove('u9', 'u10');
    connector.update('u1', { email: 'x@example.com' });
    const error = new ServerError('upstream 503', { vendor: 'fake', status: 503 });
    connector.failNextRun(6, error);
    const seenBefore = events.length;

    await expect(poller.runOnce()).rejects.toBe(error);
    const during = events.slice(seenBefore).map((e) => e.type);
    expect(during).toEqual(['run-started', 'run-failed']);
    expect(ofType('run-failed')[0]).toMatchObject({
      run: 2,
      error,
      consecutiveFailures: 1,
      userAction: undefined,
    });
    expect(await store.load('fake-1')).toBe(before);
    expect(poller.consecutiveFailures).toBe(1);
    expect(poller.state).toBe('idle');

    const set = await poller.runOnce();
    expect(set.added.map((a) => a.id)).toEqual(['u50', 'u51']);
    expect(set.removed.map((r) => r.id)).toEqual(['u9', 'u10']);
    expect(set.changed.map((c) => [c.id, c.fields])).toEqual([['u1', ['email']]]);
    expect(poller.consecutiveFailures).toBe(0);
  });

  it('a failing store save leaves the previous snapshot and reports nothing', async () => {
    const inner = createMemoryStateStore();
    let failSave = false;
    const store: StateStore = {
      load: (c) => inner.load(c),
      save: async (c, s) => {
        if (failSave) throw new Error('disk full');
        await inner.save(c, s);
      },
    };
    const { poller, connector, ofType } = setup({ users: 3, store });
    await poller.runOnce();
    connector.remove('u1');
    failSave = true;
    await expect(poller.runOnce()).rejects.toThrow('disk full');
    expect(ofType('removed')).toEqual([]);
    failSave = false;
    expect((await poller.runOnce()).removed.map((r) => r.id)).toEqual(['u1']);
  });

  it('beforeCommit failing fails the run; succeeding sees the change set before it is saved', async () => {
    let fail = true;
    const seen: string[] = [];
    const { poller, connector, store } = setup({
      users: 2,
      beforeCommit: async (set) => {
        seen.push(`${set.kind}:${set.added.length}`);
        if (fail) throw new Error('db down');
      },
    });
    await expect(poller.runOnce()).rejects.toThrow('db down');
    expect(await store.load('fake-1')).toBeUndefined();
    fail = false;
    await poller.runOnce();
    connector.add(...makeUsers(1, 9));
    await poller.runOnce();
    expect(seen).toEqual(['baseline:0', 'baseline:0', 'delta:1']);
  });

  it.each([
    ['reconnect', new AuthenticationError('401 from vendor', { vendor: 'fake', status: 401 })],
    [
      'grant_permission',
      new PermissionError('missing Users › List', { vendor: 'fake', permission: 'Users › List' }),
    ],
  ] as const)(
    'a failure that needs a person (%s) stops the poller and says so',
    async (action, error) => {
      const { poller, connector, clock, store, ofType } = setup({ users: 5 });
      await poller.start();
      await clock.advance(0);
      expect(connector.stats.runs).toBe(1);
      const iterator = poller.changes();
      const before = await store.load('fake-1');
      connector.failNextRun(2, error);
      await clock.advance(15 * MIN);
      const stop = await poller.stopped;
      expect(stop).toEqual({ reason: 'needs-user-action', error, userAction: action });
      expect(poller.state).toBe('stopped');
      expect(ofType('run-failed')[0]?.userAction).toBe(action);
      expect(ofType('stopped')).toEqual([{ type: 'stopped', connection: 'fake-1', ...stop }]);
      expect(await store.load('fake-1')).toBe(before);
      await expect(iterator.next()).rejects.toBe(error);
      await expect(poller.runOnce()).rejects.toBe(error);
      await expect(poller.start()).rejects.toBe(error);
      expect(poller.nextRunAt).toBeUndefined();
      await clock.advance(24 * 60 * MIN);
      expect(connector.stats.runs).toBe(2);
      expect(clock.pending()).toBe(0);
    },
  );

  it('retries failed runs with doubling backoff, honouring retryAfterMs', async () => {
    const { poller, connector, clock, ofType } = setup({
      users: 3,
      backoff: { initialMs: MIN, maxMs: 4 * MIN },
    });
    await poller.start();
    await clock.advance(0);
    const t0 = clock.now();
    const scheduled = () => ofType('scheduled').map((e) => [e.nextRunAt.getTime() - t0, e.reason]);

    connector.failNextRun(1, new ServerError('boom'));
    await clock.advance(15 * MIN); // run 2 fails → retry after 1 min
    connector.failNextRun(1, new ServerError('boom'));
    await clock.advance(MIN); // run 3 fails → 2 min
    connector.failNextRun(
      0,
      new RateLimitError('quota', { retryAfterMs: 30 * MIN, scope: 'quota' }),
    );
    await clock.advance(2 * MIN); // run 4 fails → rate limit asks 30 min
    await clock.advance(30 * MIN); // run 5 succeeds → back to the interval
    expect(connector.stats.runs).toBe(5);
    expect(scheduled()).toEqual([
      [0, 'interval'],
      [15 * MIN, 'interval'],
      [16 * MIN, 'retry'],
      [18 * MIN, 'retry'],
      [48 * MIN, 'retry'],
      [63 * MIN, 'interval'],
    ]);
    expect(ofType('run-failed').map((e) => e.consecutiveFailures)).toEqual([1, 2, 3]);
    await poller.stop();
  });
});

describe('createPoller: scheduling', () => {
  it('runs at once, then every interval plus jitter, and exposes nextRunAt', async () => {
    const { poller, connector, clock } = setup({ users: 3, jitter: 0.2, random: () => 0.5 });
    const t0 = clock.now();
    await poller.start();
    await clock.advance(0);
    expect(connector.stats.runs).toBe(1);
    expect(poller.nextRunAt?.getTime()).toBe(t0 + 15 * MIN * 1.1);
    await clock.advance(15 * MIN * 1.1 - 1);
    expect(connector.stats.runs).toBe(1);
    await clock.advance(1);
    expect(connector.stats.runs).toBe(2);
    expect(poller.nextRunAt?.getTime()).toBe(t0 + 2 * 15 * MIN * 1.1);
    await poller.stop();
    expect(poller.nextRunAt).toBeUndefined();
    expect(clock.pending()).toBe(0);
  });

  it('resumes the schedule of a stored snapshot instead of running at once', async () => {
    const store = createMemoryStateStore();
    const first = setup({ users: 3, store });
    await first.poller.runOnce();
    await first.clock.advance(5 * MIN);
    const taken = (await store.load('fake-1'))?.takenAt.getTime() ?? 0;
    const second = setup({ users: 3, store });
    await second.clock.advance(taken + 5 * MIN - second.clock.now());
    await second.poller.start();
    expect(second.poller.nextRunAt?.getTime()).toBe(taken + 15 * MIN);
    await second.poller.stop();
  });

  it('never overlaps runs: a run longer than the interval is followed, not joined by another', async () => {
    const { poller, connector, clock } = setup({ users: 10 });
    const gate = connector.pauseNextRun(5);
    await poller.start();
    await clock.advance(0);
    await gate.reached;
    expect(poller.running).toBe(true);
    await clock.advance(60 * MIN); // four intervals pass while run 1 hangs
    const manual = poller.runOnce(); // joins the run in flight
    expect(connector.stats.runs).toBe(1);
    gate.release();
    const set = await manual;
    expect(set.run).toBe(1);
    await clock.advance(0);
    expect(connector.stats.runs).toBe(2); // overran: the next one starts right after
    await clock.advance(15 * MIN);
    expect(connector.stats.runs).toBe(3);
    expect(connector.stats.maxActive).toBe(1);
    await poller.stop();
  });

  it('defers a run until the budget window resets when it cannot hold a whole run', async () => {
    const clock = createManualClock();
    let remaining = 1000;
    const budget = (): BudgetSnapshot => ({
      windows: [
        { name: 'day', limit: 1000, remaining, resetsAt: new Date(clock.now() + 10 * 60 * MIN) },
      ],
    });
    const connector = createFakeConnector({
      users: makeUsers(3),
      budget,
      estimateSyncCost: async () => 10,
    });
    const { poller, ofType } = setup({ connector, clock, intervalMs: 2 * 60 * MIN });
    await poller.start();
    await clock.advance(0);
    remaining = 4;
    await clock.advance(2 * 60 * MIN);
    expect(connector.stats.runs).toBe(2);
    const last = ofType('scheduled').at(-1);
    expect(last?.reason).toBe('budget');
    expect(poller.nextRunAt?.getTime()).toBe(clock.now() + 10 * 60 * MIN);
    await poller.stop();
  });
});

describe('createPoller: stop and abort', () => {
  it('aborting the signal inside a run saves nothing and stops the poller', async () => {
    const controller = new AbortController();
    const { poller, connector, store, ofType } = setup({ users: 10, signal: controller.signal });
    await poller.runOnce();
    const before = await store.load('fake-1');
    connector.remove('u1');
    const gate = connector.pauseNextRun(4);
    const run = poller.runOnce();
    await gate.reached;
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(connector.lastSignal?.aborted).toBe(true);
    expect(await poller.stopped).toEqual({ reason: 'aborted' });
    expect(await store.load('fake-1')).toBe(before);
    expect(ofType('removed')).toEqual([]);
    expect(ofType('run-failed')).toEqual([]);
    gate.release();
  });

  it('stop() ends a run promptly even when the connector ignores the signal', async () => {
    const { poller, connector, store, clock } = setup({ users: 10 });
    const gate = connector.pauseNextRun(3); // never released
    await poller.start();
    await clock.advance(0);
    await gate.reached;
    await poller.stop();
    expect(poller.state).toBe('stopped');
    expect(await store.load('fake-1')).toBeUndefined();
    expect(clock.pending()).toBe(0);
    await expect(poller.runOnce()).rejects.toBeInstanceOf(AbortError);
  });

  it('stop() between runs cancels the wait; an already aborted signal stops at once', async () => {
    const { poller, clock, connector } = setup({ users: 2 });
    await poller.start();
    await clock.advance(0);
    expect(clock.pending()).toBe(2); // the wait for the next run, and the lock's renewal
    await poller.stop();
    expect(clock.pending()).toBe(0);
    await clock.advance(60 * MIN);
    expect(connector.stats.runs).toBe(1);

    const aborted = setup({ signal: AbortSignal.abort() });
    expect(aborted.poller.state).toBe('stopped');
    await expect(aborted.poller.start()).rejects.toBeInstanceOf(AbortError);
    expect((await aborted.poller.stopped).reason).toBe('aborted');
  });
});

describe('createPoller: budget', () => {
  // Hexnode: 10 calls per device per day; a 5-device portal has 50 a day.
  const hexnodeLike = (cost: number, dayLimit: number) =>
    createFakeConnector({
      users: makeUsers(3),
      estimateSyncCost: async () => cost,
      budget: () => ({
        windows: [
          { name: 'minute', limit: 30, remaining: 30, resetsAt: new Date() },
          { name: 'day', limit: dayLimit, remaining: dayLimit, resetsAt: new Date() },
        ],
      }),
    });

  it('refuses an interval the daily quota cannot sustain, naming the shortest one that works', async () => {
    const { poller, connector } = setup({ connector: hexnodeLike(3, 50), intervalMs: 15 * MIN });
    const failure = poller.start();
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(
      /288 calls per day window where the budget allows 50; poll at most every 1.44 h/,
    );
    expect(poller.state).toBe('idle');
    expect(poller.budget).toMatchObject({
      sustainable: false,
      minIntervalMs: 5_184_000,
      costPerRun: 3,
    });
    expect(connector.stats.runs).toBe(0);
  });

  it("warns instead with budgetPolicy 'warn', and warns near the limit", async () => {
    const warned = setup({
      connector: hexnodeLike(3, 50),
      intervalMs: 15 * MIN,
      budgetPolicy: 'warn',
    });
    await warned.poller.start();
    expect(warned.ofType('budget-warning')[0]?.message).toMatch(/poll at most every 1.44 h/);
    await warned.poller.stop();

    const near = setup({ connector: hexnodeLike(3, 50), intervalMs: 90 * MIN });
    await near.poller.start();
    expect(near.ofType('budget-warning')[0]?.message).toMatch(/\(96%\)/);
    await near.poller.stop();

    const fine = setup({ connector: hexnodeLike(3, 50), intervalMs: 6 * 60 * MIN });
    await fine.poller.start();
    expect(fine.ofType('budget-warning')).toEqual([]);
    await fine.poller.stop();
  });

  it('refuses an interval a per-minute limit would stretch a run beyond', async () => {
    const { poller } = setup({ connector: hexnodeLike(1000, 1_000_000), intervalMs: 15 * MIN });
    await expect(poller.start()).rejects.toThrow(/1000 calls per minute window|per minute window/);
  });
});

describe('createPoller: budget learned from a run', () => {
  // Like Hexnode without `managedDevices`, or Kandji: the quota or the cost is known only after a run.
  const learning = () => {
    let learned = false;
    const connector = createFakeConnector({
      users: makeUsers(3),
      estimateSyncCost: async () => 3,
      budget: () => ({
        windows: learned ? [{ name: 'day', limit: 50, remaining: 47, resetsAt: new Date() }] : [],
      }),
    });
    const accounts = connector.accounts.bind(connector);
    connector.accounts = async function* (o) {
      yield* accounts(o);
      learned = true;
    };
    return connector;
  };

  it('refuse: stops after the run that revealed the budget, with a ConfigError to fix', async () => {
    const { poller, clock, ofType } = setup({ connector: learning(), intervalMs: 15 * MIN });
    await poller.start();
    const iterator = poller.changes();
    await clock.advance(0);
    expect((await iterator.next()).value).toMatchObject({ kind: 'baseline' }); // the run's result is kept
    const stop = await poller.stopped;
    expect(stop).toMatchObject({ reason: 'needs-user-action', userAction: 'fix_config' });
    expect(stop.error).toBeInstanceOf(ConfigError);
    expect(stop.error?.message).toMatch(/poll at most every 1.44 h/);
    await expect(iterator.next()).rejects.toBe(stop.error);
    expect(ofType('stopped')).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('warn: warns once, not on every run', async () => {
    const { poller, clock, connector, ofType } = setup({
      connector: learning(),
      intervalMs: 15 * MIN,
      budgetPolicy: 'warn',
    });
    await poller.start();
    await clock.advance(0);
    await clock.advance(15 * MIN);
    await clock.advance(15 * MIN);
    expect(connector.stats.runs).toBe(3);
    expect(ofType('budget-warning')).toHaveLength(1);
    await poller.stop();
  });
});

describe('createPoller: options', () => {
  it('rejects nonsense options with ConfigError', () => {
    const connector = createFakeConnector();
    const store = createMemoryStateStore();
    expect(() => createPoller({ connector, store, intervalMs: 0 })).toThrow(ConfigError);
    expect(() => createPoller({ connector, store, intervalMs: MIN, jitter: 2 })).toThrow(
      ConfigError,
    );
    expect(() => createPoller({ connector, store, intervalMs: MIN, progressEvery: 0 })).toThrow(
      ConfigError,
    );
  });
});
