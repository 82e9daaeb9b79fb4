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
import { ACQUIRE, FORGET, PAUSE, PAUSED_UNTIL, RECORD, SETTLE, USAGE_OF } from './scripts.js';

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
  /**
   * How soon a caller blocked only by a full set of leases looks again (default 250 ms; 5 s with
   * `wake`, which tells it at once when a lease is released).
   */
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
  /**
   * Whose clock windows are counted in: `server` (default) the Redis server's (`TIME` in every
   * script), so workers whose clocks disagree still share one window; `caller` the times the
   * limiter passes (tests that drive a manual clock).
   */
  time?: 'server' | 'caller' | undefined;
  /**
   * A second connection (`redis.duplicate()`) the store subscribes on, so a caller waiting for a
   * concurrency lease is woken when another process releases one, instead of polling. The store
   * never closes it. Without it, waiters look again every `concurrency.pollMs`.
   */
  wake?: RedisClient | undefined;
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

const RATE_LIMIT_STORE_OPTIONS = {
  redis: true,
  prefix: true,
  concurrency: {
    limit: true,
    leaseMs: true,
    pollMs: true,
  } satisfies Record<keyof RedisConcurrencyOptions, true>,
  time: true,
  wake: true,
} as const satisfies Record<keyof RedisRateLimitStoreOptions, unknown>;

/**
 * Creates a `RateLimitStore` on Redis, so every limiter with the same key — in any process
 * on any machine — shares one budget. Give it to `createRateLimiter({ store, key })`.
 *
 * - **Sliding windows** are sorted sets, one member per counted call; `acquire` checks every
 *   window, the shared 429 pause and the leases, and counts the call in all windows, in one Lua
 *   script: two processes never both take the last slot, and a call costs one command to grant
 *   and one to settle. Memory per window is bounded by its limit.
 * - **The server's clock** (`time: 'server'`, the default): windows are counted in Redis `TIME`,
 *   so a worker whose clock is off by a second neither overruns a window nor waits for nothing.
 * - **The 429 pause** is one key per limiter: a 429 seen by one worker holds back every worker
 *   sharing the budget (checked inside `acquire`).
 * - **Concurrency** (option `concurrency`): each granted call also takes a lease that expires
 *   after `leaseMs`, released when the call settles; a crashed worker's slots free themselves.
 *   With `wake`, a release is published and waiting callers elsewhere look again at once.
 *
 * Keys are `<prefix>:rl:{<limiter key>}:...`: every key of one limiter has the same hash tag, so the
 * store works on Redis Cluster (the windows of one `acquire` must come from one limiter, as they
 * do from `createRateLimiter`). Redis failures reject with `StoreError`.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL);
 * const store = createRedisRateLimitStore({ redis, wake: redis.duplicate(), concurrency: { limit: 4 } });
 * const limiter = createRateLimiter({ store, key: `hexnode:${portal}`, windows: [{ name: 'minute', limit: 30, intervalMs: 60_000 }] });
 * ```
 */
export function createRedisRateLimitStore(
  options: RedisRateLimitStoreOptions,
): RedisRateLimitStore {
  checkStoreOptions('createRedisRateLimitStore', options, RATE_LIMIT_STORE_OPTIONS);
  const { redis, wake } = options;
  const prefix = options.prefix ?? 'ck';
  const mode = options.time ?? 'server';
  const slotLimit = options.concurrency?.limit ?? 0;
  const leaseMs = options.concurrency?.leaseMs ?? 60_000;
  const pollMs = options.concurrency?.pollMs ?? (wake ? 5_000 : 250);
  if (options.concurrency && !(Number.isInteger(slotLimit) && slotLimit >= 1)) {
    throw new ConfigError('createRedisRateLimitStore: concurrency.limit must be an integer >= 1');
  }
  if (!(leaseMs > 0) || !(pollMs > 0)) {
    throw new ConfigError('createRedisRateLimitStore: leaseMs and pollMs must be positive');
  }
  if (mode !== 'server' && mode !== 'caller') {
    throw new ConfigError("createRedisRateLimitStore: time must be 'server' or 'caller'");
  }

  const acquire = defineScript(ACQUIRE);
  const record = defineScript(RECORD);
  const usageOf = defineScript(USAGE_OF);
  const settle = defineScript(SETTLE);
  const pause = defineScript(PAUSE);
  const pausedUntilOf = defineScript(PAUSED_UNTIL);
  const forget = defineScript(FORGET);

  // Members must be unique across processes; this process's id plus a counter is.
  const clientId = randomUUID().slice(0, 13);
  let seq = 0;
  const nextMember = () => `${clientId}:${(++seq).toString(36)}`;

  const base = (tenant: string) => `${prefix}:rl:${hashTag(tenant)}`;
  const keyOf = (windowKey: string) => {
    const { tenant, name } = splitWindowKey(windowKey);
    return `${base(tenant)}:w:${name}`;
  };
  const tenantOf = (windows: readonly StoreWindow[]) =>
    splitWindowKey(windows[0]?.key ?? '').tenant;
  const slotsKey = (tenant: string) => `${base(tenant)}:slots`;
  const pauseKey = (tenant: string) => `${base(tenant)}:pause`;
  const releasedChannel = (tenant: string) => `${base(tenant)}:released`;

  // Calls in flight, by limiter and start time (all `settle` is told), to their member: settle
  // re-counts exactly that call's entries and frees exactly its lease.
  const inFlight = new Map<string, string[]>();
  const flightKey = (tenant: string, startedAt: number) => `${startedAt}\u0000${tenant}`;

  // Clean-ups that failed in an outage, replayed every second until Redis takes them: the caller
  // that would have retried them may never call again (its job moved to another worker).
  const later: Array<() => Promise<unknown>> = [];
  let replay: ReturnType<typeof setTimeout> | undefined;
  const retryLater = (task: () => Promise<unknown>) => {
    later.push(task);
    if (replay) return;
    const arm = () => {
      replay = setTimeout(async () => {
        for (const t of later.splice(0)) await t().catch(() => later.push(t));
        replay = undefined;
        if (later.length > 0) arm();
      }, 1_000);
      replay.unref?.(); // never keeps a process alive
    };
    arm();
  };

  // Calls whose acquire failed after it may have reached the server (the connection dropped with
  // the reply on its way): the server may hold their lease and entries, so they are forgotten
  // before the tenant's next acquire, or a lost reply would hold a shared slot for a whole lease.
  const orphans = new Map<string, Array<{ member: string; cost: number; keys: string[] }>>();
  async function forgetOrphans(tenant: string): Promise<void> {
    const list = orphans.get(tenant);
    while (list && list.length > 0) {
      const orphan = list[0] as { member: string; cost: number; keys: string[] };
      const channel = slotLimit > 0 ? releasedChannel(tenant) : '';
      await forget.run(
        redis,
        [slotsKey(tenant), ...orphan.keys],
        [channel, orphan.member, orphan.cost],
      );
      list.shift();
    }
    if (list && list.length === 0 && orphans.get(tenant) === list) orphans.delete(tenant);
  }

  // Listeners of released leases, by channel, on the `wake` connection.
  const listeners = new Map<string, Set<() => void>>();
  wake?.on('message', (channel: string) => {
    for (const listener of listeners.get(channel) ?? []) listener();
  });

  const toUsage = (flat: unknown[], from: number, count: number): WindowUsage[] =>
    Array.from({ length: count }, (_, i) => ({
      used: Number(flat[from + 2 * i]),
      resetsAt: Number(flat[from + 2 * i + 1]),
    }));

  const store: RedisRateLimitStore & Required<Pick<RateLimitStore, 'onRelease'>> = {
    keyOf,
    pausesInAcquire: true,

    async acquire(windows, cost, now): Promise<AcquireResult> {
      const tenant = tenantOf(windows);
      const keys = [pauseKey(tenant), slotsKey(tenant), ...windows.map((w) => keyOf(w.key))];
      const member = nextMember();
      const args: (string | number)[] = [
        now,
        mode,
        cost,
        windows.length,
        member,
        slotLimit,
        leaseMs,
        pollMs,
      ];
      for (const w of windows) args.push(w.limit, w.intervalMs);
      let reply: unknown[];
      try {
        await forgetOrphans(tenant);
        reply = (await acquire.run(redis, keys, args)) as unknown[];
      } catch (error) {
        const windowKeys = keys.slice(2);
        const list = orphans.get(tenant) ?? [];
        if (!list.some((o) => o.member === member)) list.push({ member, cost, keys: windowKeys });
        orphans.set(tenant, list);
        retryLater(() => forgetOrphans(tenant));
        throw storeError('rate-limit acquire', keys[2] ?? prefix, error);
      }
      const usage = toUsage(reply, 3, windows.length);
      if (reply[0] === 1) {
        const k = flightKey(tenant, now);
        inFlight.set(k, [...(inFlight.get(k) ?? []), member]);
        return { granted: true, usage } satisfies AcquireResult;
      }
      const retryAt = Number(reply[1]);
      const blockedBy = Number(reply[2]);
      return {
        granted: false,
        retryAt: retryAt === -1 ? Number.POSITIVE_INFINITY : retryAt,
        blockedBy: blockedBy >= 0 ? blockedBy : undefined,
        ...(blockedBy === -2 ? { pausedUntil: retryAt } : {}),
        usage,
      };
    },

    async record(window, at, count) {
      if (count <= 0) return;
      const key = keyOf(window.key);
      try {
        await record.run(
          redis,
          [key],
          [Date.now(), mode, at, count, window.limit, window.intervalMs, nextMember()],
        );
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
          mode,
          ...windows.map((w) => w.intervalMs),
        ])) as unknown[];
        return toUsage(reply, 0, windows.length);
      } catch (error) {
        throw storeError('rate-limit usage', keys[0] ?? prefix, error);
      }
    },

    async settle(windows, startedAt, endedAt, cost) {
      const tenant = tenantOf(windows);
      const k = flightKey(tenant, startedAt);
      const members = inFlight.get(k);
      const member = members?.shift();
      if (members?.length === 0) inFlight.delete(k);
      if (member === undefined) return; // not a call of this process (or settled already)
      const keys = [slotsKey(tenant), ...windows.map((w) => keyOf(w.key))];
      const args: (string | number)[] = [
        endedAt, // the caller's now: a settle is made as the call ends
        mode,
        endedAt,
        cost,
        windows.length,
        member,
        slotLimit > 0 ? '1' : '',
        // Published whether or not this process listens: waiters elsewhere may.
        slotLimit > 0 ? releasedChannel(tenant) : '',
      ];
      for (const w of windows) args.push(w.intervalMs);
      try {
        await settle.run(redis, keys, args);
      } catch (error) {
        // Replayed until Redis takes it, so the call is re-counted and its lease freed.
        retryLater(() => settle.run(redis, keys, args));
        throw storeError('rate-limit settle', keys[1] ?? prefix, error);
      }
    },

    async pause(key, until) {
      const k = pauseKey(key);
      const ttl = Math.max(1, Math.ceil(until - Date.now())) + 60_000;
      try {
        await pause.run(redis, [k], [Date.now(), mode, until, ttl]);
      } catch (error) {
        throw storeError('rate-limit pause', k, error);
      }
    },

    async pausedUntil(key) {
      const k = pauseKey(key);
      try {
        return Number(await pausedUntilOf.run(redis, [k], [Date.now(), mode])) || 0;
      } catch (error) {
        throw storeError('rate-limit pausedUntil', k, error);
      }
    },

    onRelease(key, listener) {
      if (!wake) return () => undefined;
      const channel = releasedChannel(key);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        // Once subscribed, look again at once: a release just before it was not heard.
        void Promise.resolve(wake.subscribe(channel)).then(
          () => {
            for (const l of listeners.get(channel) ?? []) l();
          },
          () => undefined,
        );
      }
      set.add(listener);
      return () => {
        set?.delete(listener);
        if (set?.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          void Promise.resolve(wake.unsubscribe(channel)).catch(() => undefined);
        }
      };
    },
  };
  return store;
}
