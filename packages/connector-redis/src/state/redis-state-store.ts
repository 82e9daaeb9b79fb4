import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type Clock,
  ConfigError,
  parseStatus,
  type Snapshot,
  type StateLock,
  StateLockedError,
  type StateStore,
  type StoreEpoch,
} from '@org/connector-core';
import { checkStoreOptions, storeError } from '../errors.js';
import { hashTag } from '../keys.js';
import { defineScript, type RedisClient } from '../script.js';
import { EPOCH, LOCK, RENEW, SAVE, UNLOCK } from './scripts.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.js';

/** Options of {@link createRedisStateStore}. */
export interface RedisStateStoreOptions {
  /** An ioredis client (`new Redis(url)`) or cluster. The store never closes it. */
  redis: RedisClient;
  /** First part of every key (default `ck`). */
  prefix?: string | undefined;
  /**
   * Clock that decides whether a lock's lease is live (default: the Redis server's own `TIME`, so
   * workers on machines whose clocks disagree still agree). Tests pass a manual clock.
   */
  clock?: Clock | undefined;
  /**
   * The epoch this deployment's data belongs to, as a previous `epoch()` returned it and the host
   * kept outside Redis. A Redis that lost its data then says so even to the first worker after a
   * cold start; without it, only a store object that saw the old epoch can tell.
   */
  expectEpoch?: string | undefined;
}

const STATE_STORE_OPTIONS = {
  redis: true,
  prefix: true,
  clock: true,
  expectEpoch: true,
} as const satisfies Record<keyof RedisStateStoreOptions, true>;

/** A `StateStore` on Redis, as made by {@link createRedisStateStore}. */
export interface RedisStateStore extends Required<StateStore> {
  /** The Redis key holding the snapshot of `connection`. */
  keyOf(connection: string): string;
}

/**
 * Creates a `StateStore` on Redis, with the file store's guarantees across machines:
 *
 * - **Atomic commit**: a snapshot is one value written by one command; readers see the previous
 *   snapshot or the new one, never a mix. It is stored in the file store's format (JSON Lines with
 *   a counted header), identity included, and validated when loaded.
 * - **One writer per connection**: `lock(connection, { ttlMs })` takes a lease; a second writer
 *   gets `StateLockedError` naming the holder until the lease is released or lapses (a crashed
 *   worker stops renewing). `save` is fenced by the lease: once a lock was taken through this store,
 *   saving needs it still held, so a worker whose lease was taken over cannot overwrite the new
 *   holder's snapshot.
 *
 * - **Lost data is said**: the store keeps an epoch (`<prefix>:state:epoch`) and stamps every
 *   snapshot with it. When Redis loses its data (FLUSHALL, a server restarted without
 *   persistence), the next `epoch()` by a store object that knew the old epoch creates a new one
 *   naming the old as `replaced`, and the poller reports the run as `baseline-lost`.
 *
 * - **Status and delete**: a poller's connection status is kept at `:status`; `delete(connection)`
 *   removes the snapshot, progress, status and lock in one command.
 *
 * Keys are `<prefix>:state:{<connection>}:snapshot` and `:lock`, one hash tag per connection, so
 * the store works on Redis Cluster. Redis failures reject with `StoreError`.
 *
 * @example
 * ```ts
 * const store = createRedisStateStore({ redis: new Redis(process.env.REDIS_URL) });
 * const lock = await store.lock('acme', { ttlMs: 60_000 });
 * try { await createPoller({ connector, store, intervalMs }).runOnce(); } finally { await lock.release(); }
 * ```
 */
export function createRedisStateStore(options: RedisStateStoreOptions): RedisStateStore {
  checkStoreOptions('createRedisStateStore', options, STATE_STORE_OPTIONS);
  const { redis, clock } = options;
  const prefix = options.prefix ?? 'ck';
  const lockScript = defineScript(LOCK);
  const renewScript = defineScript(RENEW);
  const unlockScript = defineScript(UNLOCK);
  const saveScript = defineScript(SAVE);
  const epochScript = defineScript(EPOCH);
  const epochKey = `${prefix}:state:epoch`;
  // The epoch this store object last saw: a different one later means Redis lost its data.
  let known = options.expectEpoch;

  const base = (connection: string) => `${prefix}:state:${hashTag(connection)}`;
  const keyOf = (connection: string) => `${base(connection)}:snapshot`;
  const progressKey = (connection: string) => `${base(connection)}:progress`;
  const statusKey = (connection: string) => `${base(connection)}:status`;
  const lockKey = (connection: string) => `${base(connection)}:lock`;
  const now = () => (clock ? String(clock.now()) : '');

  // The lock this store took per connection: saves are fenced by it.
  const held = new Map<string, string>();

  const lockedError = (connection: string, holder: string, what: string) =>
    new StateLockedError(
      `The snapshot of ${connection} ${what}${holder ? ` (held by ${holder})` : ''}`,
      holder ? { holder } : {},
    );

  async function epoch(): Promise<StoreEpoch> {
    let reply: unknown[];
    try {
      reply = (await epochScript.run(
        redis,
        [epochKey],
        [randomUUID(), now(), known ?? ''],
      )) as unknown[];
    } catch (error) {
      throw storeError('state epoch', epochKey, error);
    }
    const id = String(reply[0]);
    known = id;
    return {
      id,
      since: new Date(Number(reply[1])),
      replaced: reply[2] ? String(reply[2]) : undefined,
    };
  }

  return {
    keyOf,
    epoch,

    async loadStatus(connection) {
      const key = statusKey(connection);
      let text: string | null;
      try {
        text = await redis.get(key);
      } catch (error) {
        throw storeError('state status load', key, error);
      }
      if (text === null) return undefined;
      try {
        return parseStatus(JSON.parse(text));
      } catch {
        return undefined; // damaged: the next run writes it again
      }
    },

    async saveStatus(connection, status) {
      const key = statusKey(connection);
      try {
        await redis.set(key, JSON.stringify(status));
      } catch (error) {
        throw storeError('state status save', key, error);
      }
    },

    async delete(connection) {
      // One hash tag: a single DEL, in one slot on a cluster.
      const keys = [
        keyOf(connection),
        progressKey(connection),
        statusKey(connection),
        lockKey(connection),
      ];
      const present: string[] = [];
      try {
        for (const key of keys) if ((await redis.exists(key)) === 1) present.push(key);
        await redis.del(...keys);
      } catch (error) {
        throw storeError('state delete', keys[0] ?? prefix, error);
      }
      held.delete(connection);
      return present;
    },

    async loadProgress(connection) {
      const key = progressKey(connection);
      let text: string | null;
      try {
        text = await redis.get(key);
      } catch (error) {
        throw storeError('state progress load', key, error);
      }
      if (text === null) return undefined;
      try {
        const progress = decodeSnapshot(text, key);
        return 'position' in progress ? progress : undefined;
      } catch {
        return undefined; // progress only saves requests: a damaged value means starting over
      }
    },

    async saveProgress(connection, progress) {
      const key = progressKey(connection);
      try {
        if (!progress) await redis.del(key);
        else
          await redis.set(key, encodeSnapshot({ ...progress, epoch: known ?? (await epoch()).id }));
      } catch (error) {
        throw storeError('state progress save', key, error);
      }
    },

    async load(connection) {
      const key = keyOf(connection);
      let text: string | null;
      try {
        text = await redis.get(key);
      } catch (error) {
        throw storeError('state load', key, error);
      }
      return text === null ? undefined : decodeSnapshot(text, key);
    },

    async save(connection, snapshot: Snapshot) {
      const key = keyOf(connection);
      let reply: unknown[];
      try {
        reply = (await saveScript.run(
          redis,
          [key, lockKey(connection)],
          [
            encodeSnapshot({ ...snapshot, epoch: known ?? (await epoch()).id }),
            held.get(connection) ?? '',
            now(),
          ],
        )) as unknown[];
      } catch (error) {
        throw storeError('state save', key, error);
      }
      if (reply[0] !== 1) {
        throw lockedError(connection, String(reply[1] ?? ''), 'is locked by another writer');
      }
    },

    async lock(connection, { ttlMs }): Promise<StateLock> {
      if (!(Number.isFinite(ttlMs) && ttlMs > 0)) {
        throw new ConfigError('Redis state lock: ttlMs must be a positive number of milliseconds');
      }
      const key = lockKey(connection);
      const owner = `${process.pid}@${hostname()}:${randomUUID().slice(0, 8)}`;
      let reply: unknown[];
      try {
        reply = (await lockScript.run(redis, [key], [owner, Math.ceil(ttlMs), now()])) as unknown[];
      } catch (error) {
        throw storeError('state lock', key, error);
      }
      if (reply[0] !== 1) {
        throw lockedError(connection, String(reply[1] ?? ''), 'is being written by another poller');
      }
      held.set(connection, owner);
      let released = false;
      return {
        owner,
        async renew() {
          if (released) throw lockedError(connection, '', 'lock was released');
          let r: unknown[];
          try {
            r = (await renewScript.run(
              redis,
              [key],
              [owner, Math.ceil(ttlMs), now()],
            )) as unknown[];
          } catch (error) {
            throw storeError('state lock renew', key, error);
          }
          if (r[0] !== 1) throw lockedError(connection, String(r[1] ?? ''), 'lock was lost');
        },
        async release() {
          if (released) return;
          released = true;
          if (held.get(connection) === owner) held.delete(connection);
          try {
            await unlockScript.run(redis, [key], [owner]);
          } catch (error) {
            throw storeError('state unlock', key, error);
          }
        },
      };
    },
  };
}
