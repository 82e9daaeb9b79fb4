import { randomUUID } from 'node:crypto';
import {
  type AcquireResult,
  ConfigError,
  type RateLimitStore,
  type StoreWindow,
  type WindowUsage,
} from '@org/connector-core';
import { checkStoreOptions, storeError } from '../errors.js';
import { hashTag, splitWindowKey } from '../keys.js';
import { defineScript, type RedisClient } from '../script.js';
import { ACQUIRE, PAUSE, RECORD, SETTLE, USAGE_OF } from './scripts.js';

/** Cross-process cap on calls in flight per limiter key, kept as leases that expire. */
export interface RedisConcurrencyOptions {
  /** Calls in flight at once across every process sharing a limiter key. */
  limit: number;
  /**
   * How long a lease holds without being released (default 60,000 ms). A worker that dies mid-call
   * frees its slot after this long. Keep it above the connector's per-attempt timeout (30 s by
   * default): a call that outlives its lease lets one more call in.
   */
  leaseMs?: number | undefined;
  /** How soon a caller blocked only by a full set of leases looks again (default 250 ms). */
  pollMs?: number | undefined;
}

/** Options of {@link createRedisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** An ioredis client (`new Redis(url)`) or cluster (`new Cluster(nodes)`). The store never closes it. */
  redis: RedisClient;
  /** First part of every key (default `ck`), to share one Redis between applications. */
  prefix?: string | undefined;
  /** Also cap calls in flight across processes, per limiter key (default: no shared cap). */
  concurrency?: RedisConcurrencyOptions | undefined;
}

/** A `RateLimitStore` on Redis, as made by {@link createRedisRateLimitStore}. */
export interface RedisRateLimitStore extends RateLimitStore {
  acquire(windows: readonly StoreWindow[], cost: number, now: number): Promise<AcquireResult>;
  record(window: StoreWindow, at: number, count: number): Promise<void>;
  usage(windows: readonly StoreWindow[], now: number): Promise<WindowUsage[]>;
  settle(
    windows: readonly StoreWindow[],
    startedAt: number,
    endedAt: number,
    cost: number,
  ): Promise<void>;
  pause(key: string, until: number): Promise<void>;
  pausedUntil(key: string): Promise<number>;
  /** The Redis key of a limiter window (`<limiter key>:<window name>`), for inspection. */
  keyOf(windowKey: string): string;
}

interface Lease {
  member: string;
  slots: string;
}

/**
 * Creates a `RateLimitStore` on Redis, so every limiter with the same key — in any process
 * on any machine — shares one budget. Give it to `createRateLimiter({ store, key })`.
 *
 * - **Sliding windows** are sorted sets, one member per counted call; `acquire` checks every
 *   window and counts the call in all of them in one Lua script, so two processes never both take
 *   the last slot. Memory per window is bounded by its limit.
 * - **The 429 pause** (`pause`/`pausedUntil`) is one key per limiter: a 429 seen by one worker
 *   holds back every worker sharing the budget.
 * - **Concurrency** (option `concurrency`): each granted call also takes a lease that expires
 *   after `leaseMs`, released when the call settles; a crashed worker's slots free themselves.
 *
 * Keys are `<prefix>:rl:{<limiter key>}:...`: every key of one limiter has the same hash tag, so the
 * store works on Redis Cluster (the windows of one `acquire` must come from one limiter, as they
 * do from `createRateLimiter`). Redis failures reject with `StoreError`.
 *
 * Times are the callers' clocks (the limiter's): run workers on NTP-synchronised machines.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL);
 * const store = createRedisRateLimitStore({ redis, concurrency: { limit: 4 } });
 * const limiter = createRateLimiter({ store, key: `hexnode:${portal}`, windows: [{ name: 'minute', limit: 30, intervalMs: 60_000 }] });
 * ```
 */
export function createRedisRateLimitStore(
  options: RedisRateLimitStoreOptions,
): RedisRateLimitStore {
  checkStoreOptions('createRedisRateLimitStore', options, ['redis', 'prefix', 'concurrency']);
  const { redis } = options;
  const prefix = options.prefix ?? 'ck';
  const slotLimit = options.concurrency?.limit ?? 0;
  const leaseMs = options.concurrency?.leaseMs ?? 60_000;
  const pollMs = options.concurrency?.pollMs ?? 250;
  if (options.concurrency && !(Number.isInteger(slotLimit) && slotLimit >= 1)) {
    throw new ConfigError('createRedisRateLimitStore: concurrency.limit must be an integer >= 1');
  }
  if (!(leaseMs > 0) || !(pollMs > 0)) {
    throw new ConfigError('createRedisRateLimitStore: leaseMs and pollMs must be positive');
  }

  const acquire = defineScript(ACQUIRE);
  const record = defineScript(RECORD);
  const usageOf = defineScript(USAGE_OF);
  const settle = defineScript(SETTLE);
  const pause = defineScript(PAUSE);

  // Members must be unique across processes; this process's id plus a counter is.
  const clientId = randomUUID().slice(0, 13);
  let seq = 0;
  const nextMember = () => `${clientId}:${(++seq).toString(36)}`;

  const base = (tenant: string) => `${prefix}:rl:${hashTag(tenant)}`;
  const keyOf = (windowKey: string) => {
    const { tenant, name } = splitWindowKey(windowKey);
    return `${base(tenant)}:w:${name}`;
  };
  const slotsOf = (windows: readonly StoreWindow[]) =>
    windows.length > 0 ? `${base(splitWindowKey(windows[0]?.key ?? '').tenant)}:slots` : undefined;
  const pauseKey = (key: string) => `${base(key)}:pause`;

  // Leases this process holds, by slot set and start time: `settle` names a call only by those.
  const leases = new Map<string, Lease[]>();
  const leaseKey = (slots: string, startedAt: number) => `${startedAt}\u0000${slots}`;

  const toUsage = (flat: unknown[], from: number, count: number): WindowUsage[] =>
    Array.from({ length: count }, (_, i) => ({
      used: Number(flat[from + 2 * i]),
      resetsAt: Number(flat[from + 2 * i + 1]),
    }));

  return {
    keyOf,

    async acquire(windows, cost, now): Promise<AcquireResult> {
      const keys = windows.map((w) => keyOf(w.key));
      const slots = slotLimit > 0 ? slotsOf(windows) : undefined;
      const member = nextMember();
      const args: (string | number)[] = [
        now,
        cost,
        windows.length,
        member,
        slots ? slotLimit : 0,
        leaseMs,
        pollMs,
      ];
      for (const w of windows) args.push(w.limit, w.intervalMs);
      let reply: unknown[];
      try {
        reply = (await acquire.run(redis, slots ? [...keys, slots] : keys, args)) as unknown[];
      } catch (error) {
        throw storeError('rate-limit acquire', keys[0] ?? prefix, error);
      }
      const granted = reply[0] === 1;
      const usage = toUsage(reply, 3, windows.length);
      if (granted) {
        if (slots) {
          const k = leaseKey(slots, now);
          const list = leases.get(k) ?? [];
          list.push({ member, slots });
          leases.set(k, list);
        }
        return { granted: true, usage } satisfies AcquireResult;
      }
      const retryAt = Number(reply[1]);
      const blockedBy = Number(reply[2]);
      return {
        granted: false,
        retryAt: retryAt === -1 ? Number.POSITIVE_INFINITY : retryAt,
        blockedBy: blockedBy >= 0 ? blockedBy : undefined,
        usage,
      };
    },

    async record(window, at, count) {
      if (count <= 0) return;
      const key = keyOf(window.key);
      try {
        await record.run(redis, [key], [at, count, window.limit, window.intervalMs, nextMember()]);
      } catch (error) {
        throw storeError('rate-limit record', key, error);
      }
    },

    async usage(windows, now) {
      if (windows.length === 0) return [];
      const keys = windows.map((w) => keyOf(w.key));
      try {
        const reply = (await usageOf.run(redis, keys, [
          now,
          ...windows.map((w) => w.intervalMs),
        ])) as unknown[];
        return toUsage(reply, 0, windows.length);
      } catch (error) {
        throw storeError('rate-limit usage', keys[0] ?? prefix, error);
      }
    },

    async settle(windows, startedAt, endedAt, cost) {
      const keys = windows.map((w) => keyOf(w.key));
      const slots = slotLimit > 0 ? slotsOf(windows) : undefined;
      let lease: Lease | undefined;
      if (slots) {
        const k = leaseKey(slots, startedAt);
        const list = leases.get(k);
        lease = list?.shift();
        if (list && list.length === 0) leases.delete(k);
      }
      if (keys.length === 0 && !lease) return;
      const args: (string | number)[] = [
        startedAt,
        endedAt,
        cost,
        windows.length,
        lease?.member ?? '',
      ];
      for (const w of windows) args.push(w.intervalMs);
      try {
        await settle.run(redis, slots ? [...keys, slots] : keys, args);
      } catch (error) {
        // Kept, so a settle retried once Redis answers again still frees the lease.
        if (slots && lease) {
          const k = leaseKey(slots, startedAt);
          leases.set(k, [lease, ...(leases.get(k) ?? [])]);
        }
        throw storeError('rate-limit settle', keys[0] ?? prefix, error);
      }
    },

    async pause(key, until) {
      const k = pauseKey(key);
      const ttl = Math.max(1, Math.ceil(until - Date.now())) + 60_000;
      try {
        await pause.run(redis, [k], [until, ttl]);
      } catch (error) {
        throw storeError('rate-limit pause', k, error);
      }
    },

    async pausedUntil(key) {
      const k = pauseKey(key);
      try {
        return Number((await redis.get(k)) ?? 0) || 0;
      } catch (error) {
        throw storeError('rate-limit pausedUntil', k, error);
      }
    },
  };
}
