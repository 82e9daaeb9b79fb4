import {
  type AccountFingerprint,
  ConfigError,
  createPoller,
  deleteConnection,
  type PollerEvent,
  type Snapshot,
  StateLockedError,
} from '@org/connector-core';
import { createFakeConnector, createManualClock, makeUsers } from '@org/connector-core/testing';
import { describe, expect, it } from 'vitest';
import { createRedisStateStore } from '../src/index.js';
import { useRedis } from './redis.js';

const redis = useRedis();
let connections = 0;
const connection = () => `tenant-${++connections}`;

function snapshot(name: string, accounts: number, takenAt = Date.UTC(2024, 0, 1)): Snapshot {
  const map = new Map<string, AccountFingerprint>();
  for (let i = 0; i < accounts; i++) {
    map.set(String(i + 2), {
      email: `user${i}@acme.example`,
      name: i % 3 === 0 ? undefined : `User ${i}`,
      status: i % 5 === 0 ? 'suspended' : 'active',
      rawHash: `${i}`.padStart(16, 'a'),
    });
  }
  return {
    connection: name,
    vendor: 'hexnode',
    identity: { vendor: 'hexnode', host: 'acme.hexnodemdm.com', tenant: 'acme' },
    takenAt: new Date(takenAt),
    accounts: map,
  };
}

describe('Redis state store', () => {
  it('saves and loads a snapshot whole, identity included', async () => {
    const store = createRedisStateStore({ redis: redis.client() });
    const name = connection();
    expect(await store.load(name)).toBeUndefined();
    const saved = snapshot(name, 250);
    await store.save(name, saved);
    const loaded = await createRedisStateStore({ redis: redis.client() }).load(name);
    // Stamped with the store's epoch.
    expect(loaded).toEqual({ ...saved, epoch: (await store.epoch()).id });
    expect(loaded?.identity).toEqual({
      vendor: 'hexnode',
      host: 'acme.hexnodemdm.com',
      tenant: 'acme',
    });
  });

  it('replaces the previous snapshot atomically: a reader sees the old one or the new one', async () => {
    const writer = createRedisStateStore({ redis: redis.client() });
    const reader = createRedisStateStore({ redis: redis.client() });
    const name = connection();
    const old = snapshot(name, 2_000, Date.UTC(2024, 0, 1));
    const next = snapshot(name, 3_000, Date.UTC(2024, 0, 2));
    await writer.save(name, old);
    const reads: Array<Promise<Snapshot | undefined>> = [];
    const saving = writer.save(name, next);
    for (let i = 0; i < 20; i++) reads.push(reader.load(name));
    await saving;
    for (const read of await Promise.all(reads)) {
      expect([2_000, 3_000]).toContain(read?.accounts.size);
    }
    expect((await reader.load(name))?.accounts.size).toBe(3_000);
  });

  it('rejects a value that is not a whole snapshot with a ConfigError', async () => {
    const client = redis.client();
    const store = createRedisStateStore({ redis: client });
    const name = connection();
    await store.save(name, snapshot(name, 3));
    const text = (await client.get(store.keyOf(name))) ?? '';
    await client.set(store.keyOf(name), text.split('\n').slice(0, 3).join('\n'));
    const error = await store.load(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('2 accounts where the header says 3');
  });

  describe('writer lock', () => {
    it('rejects a second writer, naming the holder, until the first releases', async () => {
      const a = createRedisStateStore({ redis: redis.client() });
      const b = createRedisStateStore({ redis: redis.client() });
      const name = connection();
      const lock = await a.lock(name, { ttlMs: 30_000 });
      expect(lock.owner).toMatch(new RegExp(`^${process.pid}@.+:[0-9a-f]{8}$`));

      const second = await b.lock(name, { ttlMs: 30_000 }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(StateLockedError);
      expect(second).toMatchObject({ holder: lock.owner, retryable: true });
      // A store that took no lock cannot write under someone else's live lease either.
      await expect(b.save(name, snapshot(name, 1))).rejects.toBeInstanceOf(StateLockedError);
      await a.save(name, snapshot(name, 2));

      await lock.release();
      await lock.release(); // twice is harmless
      const next = await b.lock(name, { ttlMs: 30_000 });
      await b.save(name, snapshot(name, 3));
      expect((await a.load(name))?.accounts.size).toBe(3);
      await next.release();
    });

    it('lets exactly one of many racing writers in', async () => {
      const name = connection();
      const stores = Array.from({ length: 8 }, () =>
        createRedisStateStore({ redis: redis.client() }),
      );
      const results = await Promise.allSettled(stores.map((s) => s.lock(name, { ttlMs: 30_000 })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StateLockedError);
      }
    });

    it('is taken over once the holder stops renewing, and the old holder is fenced off', async () => {
      const clock = createManualClock();
      const crashed = createRedisStateStore({ redis: redis.client(), clock });
      const next = createRedisStateStore({ redis: redis.client(), clock });
      const name = connection();
      const old = await crashed.lock(name, { ttlMs: 1_000 });
      await clock.advance(600);
      await old.renew(); // now good until +1,600
      await clock.advance(999);
      await expect(next.lock(name, { ttlMs: 1_000 })).rejects.toBeInstanceOf(StateLockedError);
      await clock.advance(1);
      const lock = await next.lock(name, { ttlMs: 1_000 });

      // The old holder wakes up: it can neither renew nor overwrite the new holder's snapshot.
      await expect(old.renew()).rejects.toMatchObject({
        name: 'StateLockedError',
        holder: lock.owner,
      });
      await expect(crashed.save(name, snapshot(name, 1))).rejects.toBeInstanceOf(StateLockedError);
      await next.save(name, snapshot(name, 2));
      await old.release(); // does not free the new holder's lock
      await expect(crashed.lock(name, { ttlMs: 1_000 })).rejects.toBeInstanceOf(StateLockedError);
      expect((await next.load(name))?.accounts.size).toBe(2);
    });

    it('judges leases by the Redis server clock by default', async () => {
      const a = createRedisStateStore({ redis: redis.client() });
      const b = createRedisStateStore({ redis: redis.client() });
      const name = connection();
      const lock = await a.lock(name, { ttlMs: 60_000 });
      await lock.renew();
      await expect(b.lock(name, { ttlMs: 60_000 })).rejects.toBeInstanceOf(StateLockedError);
      await lock.release();
      await expect(lock.renew()).rejects.toBeInstanceOf(StateLockedError);
    });

    it('rejects a lease that is not a positive duration', async () => {
      const store = createRedisStateStore({ redis: redis.client() });
      await expect(store.lock(connection(), { ttlMs: 0 })).rejects.toBeInstanceOf(ConfigError);
    });
  });

  it('keys a connection under one hash tag', () => {
    const store = createRedisStateStore({ redis: redis.client() });
    expect(store.keyOf('hexnode:acme')).toBe('ck:state:{hexnode:acme}:snapshot');
  });
});

describe('Redis state store: lost data is said', () => {
  it('after FLUSHALL a store object that knew the epoch names it replaced, and the poller reports baseline-lost', async () => {
    const client = redis.client();
    const store = createRedisStateStore({ redis: client, prefix: 'flush' });
    const events: PollerEvent[] = [];
    const connector = createFakeConnector({ name: 'flushed', users: makeUsers(5) });
    const poller = createPoller({
      connector,
      store,
      intervalMs: 60_000,
      budgetPolicy: 'ignore',
      onEvent: (e) => events.push(e),
    });
    expect((await poller.runOnce()).kind).toBe('baseline');
    const first = await store.epoch();
    expect(first.replaced).toBeUndefined();
    expect((await store.load('flushed'))?.epoch).toBe(first.id);

    await client.flushall();
    connector.remove('u1');
    const lost = await poller.runOnce();
    expect(lost).toMatchObject({ kind: 'baseline-lost', total: 4, removed: [] });
    expect(events.filter((e) => e.type === 'baseline-lost')).toMatchObject([
      { type: 'baseline-lost', connection: 'flushed', replaced: first.id },
    ]);
    // Every other worker's store learns it from Redis, even one that never saw the old epoch.
    const other = await createRedisStateStore({ redis: redis.client(), prefix: 'flush' }).epoch();
    expect(other.replaced).toBe(first.id);
    expect((await poller.runOnce()).kind).toBe('delta');
  });

  it('a worker that starts cold after the loss knows it from expectEpoch', async () => {
    const client = redis.client();
    const { id } = await createRedisStateStore({ redis: client, prefix: 'cold' }).epoch();
    await client.flushall();
    const cold = createRedisStateStore({ redis: client, prefix: 'cold', expectEpoch: id });
    expect((await cold.epoch()).replaced).toBe(id);
    // Without it, a store that never saw the old epoch cannot tell a wipe from a first start.
    await client.flushall();
    expect(
      (await createRedisStateStore({ redis: client, prefix: 'cold' }).epoch()).replaced,
    ).toBeUndefined();
  });
});

describe("Redis state store: a first sync's progress", () => {
  it('is kept beside the snapshot, validated when loaded, and deleted', async () => {
    const store = createRedisStateStore({ redis: redis.client() });
    const name = connection();
    expect(await store.loadProgress(name)).toBeUndefined();
    const progress = { ...snapshot(name, 40), position: { mode: 'backward', next: 7 }, skipped: 1 };
    await store.saveProgress(name, progress);
    expect(await store.loadProgress(name)).toEqual({
      ...progress,
      epoch: (await store.epoch()).id,
    });
    expect(await store.load(name)).toBeUndefined();
    await store.saveProgress(name, undefined);
    expect(await store.loadProgress(name)).toBeUndefined();
  });
});

describe('Redis state store: status and delete', () => {
  it("keeps a poller's status, and deletes every key of a connection in one go", async () => {
    const client = redis.client();
    const store = createRedisStateStore({ redis: client });
    const name = connection();
    const poller = createPoller({
      connector: createFakeConnector({ name, users: makeUsers(2) }),
      store,
      intervalMs: 60_000,
      budgetPolicy: 'ignore',
    });
    await poller.runOnce();
    await poller.stop();
    expect((await store.loadStatus(name))?.health).toBe('healthy');
    const report = await deleteConnection({ connection: name, stores: [store] });
    expect(report.removed.sort()).toEqual(
      [store.keyOf(name), `ck:state:{${name}}:status`, `ck:state:{${name}}:lock`].sort(),
    );
    expect(await client.keys(`ck:state:{${name}}:*`)).toEqual([]);
  });
});
