import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock/clock.js';
import { createManualClock } from '../clock/manual-clock.js';
import {
  ConfigError,
  RateLimitError,
  RemovalGuardError,
  SchemaDriftError,
  StateLockedError,
  StoreError,
} from '../errors/errors.js';
import { createFakeConnector, type FakeConnector, makeUsers } from '../testing/fake-connector.js';
import type { PollerEvent } from './events.js';
import { withSchemaDrift } from './fake-schema-drift.js';
import { createFileStateStore } from './file-store.js';
import { createMemoryStateStore } from './memory-store.js';
import { createPoller, type PollerOptions } from './poller.js';
import type { StateStore } from './state-store.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

function setup(o: Partial<PollerOptions> & { users?: number; connector?: FakeConnector } = {}) {
  const connector = o.connector ?? createFakeConnector({ users: makeUsers(o.users ?? 10) });
  const clock = (o.clock as ReturnType<typeof createManualClock>) ?? createManualClock();
  const store = o.store ?? createMemoryStateStore({ clock });
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

describe('createPoller: schema drift', () => {
  it('fails a run where accounts of the previous snapshot no longer map, naming vendor, field and path', async () => {
    const connector = createFakeConnector({ users: makeUsers(10) });
    const drift = withSchemaDrift(connector);
    const { poller, store, ofType } = setup({ connector });
    await poller.runOnce();
    const before = await store.load('fake-1');
    drift.drop('u3', 'u4', 'u5'); // the vendor stopped sending `email` for them

    const error = await poller.runOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect(error).toMatchObject({
      code: 'validation',
      vendor: 'fake',
      field: 'email',
      itemPath: '$.users[2]',
      resource: 'users',
      unmappable: 3,
    });
    expect((error as Error).message).toMatch(/field "email" at \$\.users\[2\]/);
    expect(await store.load('fake-1')).toBe(before); // never committed
    expect(ofType('removed')).toEqual([]);
    expect(ofType('item-skipped').map((e) => [e.run, e.item.itemId, e.item.field])).toEqual([
      [2, 'u3', 'email'],
      [2, 'u4', 'email'],
      [2, 'u5', 'email'],
    ]);
    expect(ofType('run-failed')[0]).toMatchObject({ run: 2, error, userAction: undefined });

    drift.restore(); // the field came back: nothing was ever reported removed or added
    const set = await poller.runOnce();
    expect([set.added, set.removed, set.changed]).toEqual([[], [], []]);
  });

  it('treats an unmappable item without a readable id as drift once there is a baseline', async () => {
    const connector = createFakeConnector({ users: makeUsers(4) });
    const drift = withSchemaDrift(connector);
    const { poller } = setup({ connector });
    await poller.runOnce();
    drift.idsReadable = false;
    drift.drop('u1', 'u2', 'u3', 'u4');
    await expect(poller.runOnce()).rejects.toBeInstanceOf(SchemaDriftError);
  });

  it('skips and counts new items it cannot map, and commits the rest', async () => {
    const connector = createFakeConnector({ users: makeUsers(5) });
    const drift = withSchemaDrift(connector);
    const { poller, ofType } = setup({ connector });
    await poller.runOnce();
    connector.add(...makeUsers(2, 100));
    drift.drop('u100'); // new and unmappable: it never was in a snapshot
    const set = await poller.runOnce();
    expect(set.skipped).toBe(1);
    expect(set.added.map((a) => a.id)).toEqual(['u101']);
    expect(set.removed).toEqual([]);
    expect(ofType('item-skipped').map((e) => e.item.itemId)).toEqual(['u100']);
  });
});

describe('createPoller: removal guard', () => {
  it('holds a delta over maxRemovals (default 10 %, at least 25) until confirmed', async () => {
    const { poller, connector, store, ofType } = setup({ users: 100 });
    await poller.runOnce();
    const before = await store.load('fake-1');
    connector.remove(...makeUsers(30).map((u) => u.id));

    const error = await poller.runOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemovalGuardError);
    expect(error).toMatchObject({
      removals: 30,
      maxRemovals: 25,
      userAction: 'confirm_removals',
    });
    expect(await store.load('fake-1')).toBe(before);
    expect(ofType('removed')).toEqual([]);
    expect(ofType('removals-held')).toMatchObject([{ run: 2, removals: 30, maxRemovals: 25 }]);
    expect(ofType('run-failed')[0]?.userAction).toBe('confirm_removals');
    expect(poller.heldRemovals?.changeSet.removed).toHaveLength(30);
    expect(poller.state).not.toBe('stopped');

    const confirmed = await poller.confirmRemovals();
    expect(confirmed.removed).toHaveLength(30);
    expect(ofType('removed')).toHaveLength(30);
    expect((await store.load('fake-1'))?.accounts.size).toBe(70);
    expect(poller.heldRemovals).toBeUndefined();
    await expect(poller.confirmRemovals()).rejects.toBeInstanceOf(ConfigError);
    expect((await poller.runOnce()).removed).toEqual([]);
  });

  it('a later run under the guard commits as usual and drops the held delta', async () => {
    const { poller, connector, clock, ofType } = setup({ users: 1000 });
    await poller.start();
    await clock.advance(0);
    const gone = makeUsers(150).map((u) => u.id);
    connector.remove(...gone); // 150 > 10 % of 1000
    await clock.advance(15 * MIN);
    expect(ofType('removals-held')).toHaveLength(1);
    expect(poller.state).toBe('running'); // keeps polling at the interval, committing nothing
    expect(poller.nextRunAt?.getTime()).toBe(clock.now() + 15 * MIN);
    connector.add(...makeUsers(100)); // the vendor's glitch is over: 50 really left
    await clock.advance(15 * MIN);
    expect(poller.heldRemovals).toBeUndefined();
    expect(ofType('removed')).toHaveLength(50);
    await poller.stop();
  });

  it('honours an explicit maxRemovals', async () => {
    const { poller, connector } = setup({ users: 10, maxRemovals: 2 });
    await poller.runOnce();
    connector.remove('u1', 'u2');
    expect((await poller.runOnce()).removed).toHaveLength(2);
    connector.remove('u3', 'u4', 'u5');
    await expect(poller.runOnce()).rejects.toBeInstanceOf(RemovalGuardError);
  });

  it('refuses to confirm a held delta once the stored snapshot moved on', async () => {
    const store = createMemoryStateStore();
    const { poller, connector } = setup({ users: 40, store });
    await poller.runOnce();
    connector.remove(...makeUsers(30).map((u) => u.id));
    await expect(poller.runOnce()).rejects.toBeInstanceOf(RemovalGuardError);
    // A new baseline replaced the snapshot meanwhile (someone deleted and rebuilt the state).
    await store.save('fake-1', {
      connection: 'fake-1',
      vendor: 'fake',
      takenAt: new Date(1),
      accounts: new Map(),
    });
    await expect(poller.confirmRemovals()).rejects.toThrow(/changed since run 2/);
  });
});

describe('createPoller: one writer per snapshot', () => {
  it('a second poller on the same connection and store gets StateLockedError until the first stops', async () => {
    const clock = createManualClock();
    const store = createMemoryStateStore({ clock });
    const first = setup({ users: 3, store, clock });
    const second = setup({ users: 5, store, clock });
    await first.poller.start();
    await clock.advance(0);
    await expect(second.poller.start()).rejects.toBeInstanceOf(StateLockedError);
    await expect(second.poller.runOnce()).rejects.toBeInstanceOf(StateLockedError);
    expect(second.connector.stats.runs).toBe(0);
    await clock.advance(60 * MIN); // renewals keep the lease alive far past its 60 s
    await expect(second.poller.runOnce()).rejects.toBeInstanceOf(StateLockedError);
    await first.poller.stop();
    expect((await second.poller.runOnce()).kind).toBe('delta');
  });

  it('without start(), runOnce() holds the lock for the run only and leaves no timer behind', async () => {
    const clock = createManualClock();
    const store = createMemoryStateStore({ clock });
    const first = setup({ users: 3, store, clock });
    const second = setup({ users: 3, store, clock });
    await first.poller.runOnce();
    expect(clock.pending()).toBe(0);
    expect((await second.poller.runOnce()).kind).toBe('delta');
    expect(clock.pending()).toBe(0);
  });

  it('a poller that lost its lock saves nothing', async () => {
    const clock = createManualClock();
    const inner = createMemoryStateStore({ clock });
    let renewals = 0;
    const store: StateStore = {
      load: (c) => inner.load(c),
      save: (c, s) => inner.save(c, s),
      lock: async (c, o) => {
        const lock = await inner.lock?.(c, o);
        if (!lock) throw new Error('no lock');
        return {
          owner: lock.owner,
          release: () => lock.release(),
          renew: async () => {
            if (++renewals > 0) throw new StateLockedError('taken over', { holder: '1@elsewhere' });
          },
        };
      },
    };
    const { poller, ofType } = setup({ users: 3, store, clock });
    await expect(poller.runOnce()).rejects.toBeInstanceOf(StateLockedError);
    expect(await inner.load('fake-1')).toBeUndefined();
    expect(ofType('lock-lost')).toHaveLength(1);
  });
});

describe('createPoller: snapshots bound to their tenant', () => {
  it('refuses a baseline read from another tenant with a ConfigError', async () => {
    const clock = createManualClock();
    const store = createMemoryStateStore({ clock });
    const acme = createFakeConnector({ users: makeUsers(3) });
    withSchemaDrift(acme, { vendor: 'fake', host: 'fake.example.com', tenant: 'acme' });
    await setup({ connector: acme, store, clock }).poller.runOnce();
    expect((await store.load('fake-1'))?.identity).toEqual({
      vendor: 'fake',
      host: 'fake.example.com',
      tenant: 'acme',
    });

    const globex = createFakeConnector({ users: makeUsers(3, 50) });
    withSchemaDrift(globex, { vendor: 'fake', host: 'fake.example.com', tenant: 'globex' });
    const other = setup({ connector: globex, store, clock });
    const error = await other.poller.runOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /tenant acme, not fake fake\.example\.com tenant globex/,
    );
    expect(other.ofType('added')).toEqual([]);
    expect(other.poller.state).toBe('stopped');
    await expect(setup({ connector: globex, store, clock }).poller.start()).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('refuses a snapshot of another vendor', async () => {
    const store = createMemoryStateStore();
    await store.save('fake-1', {
      connection: 'fake-1',
      vendor: 'kandji',
      takenAt: new Date(0),
      accounts: new Map(),
    });
    await expect(setup({ store }).poller.runOnce()).rejects.toThrow(/belongs to kandji, not fake/);
  });
});

describe('createPoller: store calls are bounded', () => {
  it('fails a run with StoreError when the store never answers, instead of hanging', async () => {
    const never = new Promise<never>(() => undefined);
    const store: StateStore = { load: () => never, save: () => never };
    const { poller, clock } = setup({ store, storeTimeoutMs: 30_000 });
    const run = poller.runOnce();
    const settled = run.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await clock.advance(29_999);
    await clock.advance(1);
    const error = await settled;
    expect(error).toBeInstanceOf(StoreError);
    // An outage, not a store a person must fix: retried, never a reason to stop.
    expect(error).toMatchObject({ userAction: undefined, retryable: true, location: 'fake-1' });
    expect(poller.state).toBe('idle');
  });

  it('a scheduled poller retries through a store outage and commits once the store answers', async () => {
    const inner = createMemoryStateStore();
    let down = true;
    const store: StateStore = {
      load: (c) => (down ? Promise.reject(new StoreError('ECONNREFUSED')) : inner.load(c)),
      save: (c, s) => inner.save(c, s),
    };
    const { poller, clock, ofType } = setup({ store, backoff: { initialMs: MIN, maxMs: MIN } });
    await expect(poller.start()).rejects.toBeInstanceOf(StoreError);
    down = false;
    await poller.start();
    await clock.advance(0);
    down = true;
    await clock.advance(15 * MIN);
    expect(ofType('run-failed').at(-1)).toMatchObject({ userAction: undefined });
    expect(poller.state).toBe('running');
    down = false;
    await clock.advance(MIN);
    expect(ofType('run-completed')).toHaveLength(2);
    await poller.stop();
  });
});

/**
 * Node's `setTimeout` fires after 1 ms for any delay above 2^31 - 1 ms. A clock with that flaw
 * shows what a huge interval, retry-after or stored schedule does to the system clock.
 */
function overflowingClock() {
  const inner = createManualClock();
  const clock: Clock & { advance: (ms: number) => Promise<void> } = {
    now: () => inner.now(),
    sleep: (ms, signal) => inner.sleep(ms > 2 ** 31 - 1 ? 1 : ms, signal),
    advance: (ms) => inner.advance(ms),
  };
  return clock;
}

describe('createPoller: never more often than its interval', () => {
  it('waits a whole 31-day interval', async () => {
    const clock = overflowingClock();
    const { poller, connector } = setup({
      users: 2,
      clock,
      intervalMs: 31 * DAY,
      lockTtlMs: 10 * DAY, // few renewals to step through
    });
    await poller.start();
    await clock.advance(0);
    for (let i = 0; i < 30; i++) await clock.advance(DAY);
    expect(connector.stats.runs).toBe(1);
    await clock.advance(DAY);
    expect(connector.stats.runs).toBe(2);
    await poller.stop();
  });

  it('waits out a Retry-After longer than a timer can hold, without back-to-back runs', async () => {
    const clock = overflowingClock();
    const { poller, connector } = setup({ users: 2, clock, lockTtlMs: 10 * DAY });
    await poller.start();
    await clock.advance(0);
    connector.failNextRun(
      0,
      new RateLimitError('quota', { retryAfterMs: 3_000_000_000, scope: 'quota' }), // ~35 days
    );
    await clock.advance(15 * MIN); // run 2 fails
    for (let i = 0; i < 10; i++) await clock.advance(DAY);
    expect(connector.stats.runs).toBe(2);
    await poller.stop();
  });

  it('a stored schedule dated 2999 delays the first run by one interval, not more, not less', async () => {
    const clock = overflowingClock();
    const store = createMemoryStateStore();
    await store.save('fake-1', {
      connection: 'fake-1',
      vendor: 'fake',
      takenAt: new Date('2999-01-01T00:00:00Z'),
      accounts: new Map(),
    });
    const { poller, connector } = setup({ users: 2, clock, store });
    await poller.start();
    expect(poller.nextRunAt?.getTime()).toBe(clock.now() + 15 * MIN);
    await clock.advance(15 * MIN - 1);
    expect(connector.stats.runs).toBe(0);
    await clock.advance(1);
    expect(connector.stats.runs).toBe(1);
    await poller.stop();
  });
});

describe('createPoller: a baseline the store lost', () => {
  it('reports baseline-lost, never a quiet first run, when the state directory was wiped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'poller-lost-'));
    try {
      const store = createFileStateStore({ directory: dir });
      const { poller, ofType, connector } = setup({ store });
      expect((await poller.runOnce()).kind).toBe('baseline');
      expect(ofType('baseline-lost')).toEqual([]);
      const before = await store.epoch();
      await rm(dir, { recursive: true, force: true });
      connector.remove('u1'); // a change the lost snapshot would have shown
      const lost = await poller.runOnce();
      expect(lost).toMatchObject({ kind: 'baseline-lost', total: 9, removed: [], added: [] });
      const [event] = ofType('baseline-lost');
      expect(event).toMatchObject({ connection: 'fake-1', run: 2, replaced: before.id });
      expect(event?.epoch).not.toBe(before.id);
      // The new baseline is in place: the next run is a plain delta again.
      connector.remove('u2');
      const next = await poller.runOnce();
      expect(next.kind).toBe('delta');
      expect(next.removed.map((r) => r.id)).toEqual(['u2']);
      expect(ofType('baseline-lost')).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
