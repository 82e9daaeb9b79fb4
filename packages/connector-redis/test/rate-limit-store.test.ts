import { ConfigError, StoreError } from '@org/connector-core';
import { createRateLimiter } from '@org/connector-core/kit';
import { createManualClock } from '@org/connector-core/testing';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { createRedisRateLimitStore, createRedisStateStore } from '../src/index.js';
import { useRedis } from './redis.js';

const redis = useRedis();
const T0 = Date.UTC(2024, 0, 1);
/** How long a wait for another connection's doing may take on a loaded machine (a bound, not a pause). */
const WAIT = { timeout: 5_000, interval: 20 };
let tenants = 0;
/** A fresh limiter key per test, so tests share the server but not their counters. */
const tenant = () => `hexnode:t${++tenants}`;
const minute = (key: string, limit = 3, intervalMs = 1_000) => ({
  key: `${key}:minute`,
  limit,
  intervalMs,
});

describe('Redis rate-limit store', () => {
  it('counts calls in every window and answers when the blocking one frees up', async () => {
    const store = createRedisRateLimitStore({ time: 'caller', redis: redis.client() });
    const key = tenant();
    const windows = [
      minute(key, 3, 1_000),
      { key: `${key}:day`, limit: 100, intervalMs: 86_400_000 },
    ];
    for (let i = 0; i < 3; i++) {
      expect((await store.acquire(windows, 1, T0 + i * 10)).granted).toBe(true);
    }
    const blocked = await store.acquire(windows, 1, T0 + 50);
    expect(blocked).toEqual({
      granted: false,
      retryAt: T0 + 1_000,
      blockedBy: 0,
      usage: [
        { used: 3, resetsAt: T0 + 1_000 },
        { used: 3, resetsAt: T0 + 86_400_000 },
      ],
    });
    // At the reset time the first call has left the minute window; the day still counts it.
    const later = await store.acquire(windows, 1, T0 + 1_000);
    expect(later.granted).toBe(true);
    expect(later.usage.map((u) => u.used)).toEqual([3, 4]);
    expect(await store.usage(windows, T0 + 5_000)).toEqual([
      { used: 0, resetsAt: T0 + 5_000 },
      { used: 4, resetsAt: T0 + 86_400_000 },
    ]);
  });

  it('never grants a cost larger than the limit', async () => {
    const store = createRedisRateLimitStore({ time: 'caller', redis: redis.client() });
    const result = await store.acquire([minute(tenant(), 3)], 4, T0);
    expect(result.granted).toBe(false);
    expect(result.retryAt).toBe(Number.POSITIVE_INFINITY);
  });

  it('grants exactly the limit to many concurrent callers in different processes', async () => {
    // Four clients stand for four worker processes, each firing 50 acquires at once.
    const stores = Array.from({ length: 4 }, () =>
      createRedisRateLimitStore({ time: 'caller', redis: redis.client() }),
    );
    const windows = [minute(tenant(), 30, 60_000)];
    const results = await Promise.all(
      stores.flatMap((store) => Array.from({ length: 50 }, () => store.acquire(windows, 1, T0))),
    );
    expect(results.filter((r) => r.granted)).toHaveLength(30);
    expect((await stores[0]?.usage(windows, T0))?.[0]?.used).toBe(30);
  });

  it('settle re-counts a call from when it ended', async () => {
    const store = createRedisRateLimitStore({ time: 'caller', redis: redis.client() });
    const windows = [minute(tenant(), 1, 1_000)];
    expect((await store.acquire(windows, 1, T0)).granted).toBe(true);
    await store.settle(windows, T0, T0 + 400, 1);
    // A full interval after the start the slot is still taken: it counts from T0 + 400.
    const at1000 = await store.acquire(windows, 1, T0 + 1_000);
    expect(at1000).toMatchObject({ granted: false, retryAt: T0 + 1_400 });
    expect((await store.acquire(windows, 1, T0 + 1_400)).granted).toBe(true);
  });

  it('record counts phantom calls without checking, bounded by twice the limit', async () => {
    const client = redis.client();
    const store = createRedisRateLimitStore({ time: 'caller', redis: client });
    const w = minute(tenant(), 5, 1_000);
    await store.record(w, T0, 50);
    expect(await client.zcard(store.keyOf(w.key))).toBe(10);
    expect((await store.acquire([w], 1, T0 + 1)).granted).toBe(false);
  });

  it('shares a 429 pause across processes, and a shorter pause does not shorten it', async () => {
    const a = createRedisRateLimitStore({ time: 'caller', redis: redis.client() });
    const b = createRedisRateLimitStore({ time: 'caller', redis: redis.client() });
    const key = tenant();
    expect(await b.pausedUntil(key)).toBe(0);
    await a.pause(key, T0 + 5_000);
    await b.pause(key, T0 + 2_000);
    expect(await b.pausedUntil(key)).toBe(T0 + 5_000);
    expect(await a.pausedUntil(tenant())).toBe(0);
  });

  describe('concurrency leases', () => {
    it('caps calls in flight across processes and frees a slot on settle', async () => {
      const a = createRedisRateLimitStore({
        time: 'caller',
        redis: redis.client(),
        concurrency: { limit: 2 },
      });
      const b = createRedisRateLimitStore({
        time: 'caller',
        redis: redis.client(),
        concurrency: { limit: 2 },
      });
      const windows = [minute(tenant(), 100, 1_000)];
      expect((await a.acquire(windows, 1, T0)).granted).toBe(true);
      expect((await b.acquire(windows, 1, T0)).granted).toBe(true);
      const blocked = await a.acquire(windows, 1, T0 + 1);
      expect(blocked.granted).toBe(false);
      // Blocked by slots, not by a window: look again after the poll interval.
      expect(blocked.retryAt).toBe(T0 + 1 + 250);
      expect(blocked.blockedBy).toBeUndefined();
      await b.settle(windows, T0, T0 + 5, 1);
      expect((await a.acquire(windows, 1, T0 + 6)).granted).toBe(true);
    });

    it('lets the lease of a worker that died expire', async () => {
      const crashed = createRedisRateLimitStore({
        time: 'caller',
        redis: redis.client(),
        concurrency: { limit: 1, leaseMs: 5_000 },
      });
      const survivor = createRedisRateLimitStore({
        time: 'caller',
        redis: redis.client(),
        concurrency: { limit: 1, leaseMs: 5_000 },
      });
      const windows = [minute(tenant(), 100, 1_000)];
      expect((await crashed.acquire(windows, 1, T0)).granted).toBe(true);
      // The holder never settles. Until its lease runs out, nobody else gets the slot.
      expect((await survivor.acquire(windows, 1, T0 + 4_999)).granted).toBe(false);
      expect((await survivor.acquire(windows, 1, T0 + 5_000)).granted).toBe(true);
    });

    it('holds a shared limiter pair to the cap', async () => {
      const clock = createManualClock(T0);
      const key = tenant();
      const make = () =>
        createRateLimiter({
          clock,
          key,
          store: createRedisRateLimitStore({
            time: 'caller',
            redis: redis.client(),
            concurrency: { limit: 2 },
          }),
          windows: [{ name: 'minute', limit: 100, intervalMs: 1_000 }],
        });
      const limiters = [make(), make()];
      let inFlight = 0;
      let peak = 0;
      const gates: Array<() => void> = [];
      const call = () =>
        new Promise<void>((resolve) => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          gates.push(() => {
            inFlight--;
            resolve();
          });
        });
      const all = limiters.flatMap((l) => [l.schedule(call), l.schedule(call), l.schedule(call)]);
      await vi.waitFor(() => expect(inFlight).toBe(2), WAIT);
      // Finish calls one by one; each frees a slot for a waiter in either process, which looks
      // again every 250 ms of the manual clock (moved on until it has).
      for (let done = 0; done < 6; done++) {
        await vi.waitFor(async () => {
          if (gates.length <= done) await clock.advance(250);
          expect(gates.length).toBeGreaterThan(done);
        }, WAIT);
        gates[done]?.();
      }
      await Promise.all(all);
      expect(peak).toBe(2);
    });
  });

  it("counts windows in the server's clock: a worker whose clock is off neither overruns nor stalls", async () => {
    const key = tenant();
    const windows = [minute(key, 2, 1_000)];
    // Two workers, one 30 s ahead of the server and one 30 s behind, sharing one window.
    const ahead = createRedisRateLimitStore({ redis: redis.client() });
    const behind = createRedisRateLimitStore({ redis: redis.client() });
    const skew = 30_000;
    expect((await ahead.acquire(windows, 1, Date.now() + skew)).granted).toBe(true);
    expect((await behind.acquire(windows, 1, Date.now() - skew)).granted).toBe(true);
    // With the callers' clocks, the behind worker's call would sit a minute before the other's
    // and both would be long gone from a 1 s window; on the server's clock the window is full.
    const nowBehind = Date.now() - skew;
    const third = await behind.acquire(windows, 1, nowBehind);
    expect(third.granted).toBe(false);
    // The time to look again is told in the asking worker's own clock: about a second from now.
    expect((third.retryAt ?? 0) - nowBehind).toBeGreaterThan(500);
    expect((third.retryAt ?? 0) - nowBehind).toBeLessThanOrEqual(1_100);
  });

  it('costs one command to grant a call and one to settle it, the shared pause included', async () => {
    const store = createRedisRateLimitStore({ redis: redis.client(), concurrency: { limit: 4 } });
    const limiter = createRateLimiter({
      store,
      key: tenant(),
      windows: [{ name: 'minute', limit: 100, intervalMs: 60_000 }],
    });
    await limiter.schedule(async () => 'warm'); // loads the scripts
    // MONITOR shows every command a client sends; a script's own calls come from "lua". An ECHO
    // before and after marks the stretch to count, once MONITOR has shown it.
    const monitor = await redis.client().monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua') seen.push(args.join(' ').toLowerCase());
    });
    const marker = redis.client();
    const mark = async (tag: string) => {
      await marker.echo(tag);
      await vi.waitFor(() => expect(seen).toContain(`echo ${tag}`), WAIT);
    };
    await mark('start');
    for (let i = 0; i < 10; i++) await limiter.schedule(async () => i);
    // The last settle follows the call's answer: wait for it, then see nothing more came.
    await vi.waitFor(
      () => expect(seen.length - seen.indexOf('echo start') - 1).toBeGreaterThanOrEqual(20),
      WAIT,
    );
    await mark('end');
    monitor.disconnect();
    const sent = seen
      .slice(seen.indexOf('echo start') + 1, seen.indexOf('echo end'))
      .map((c) => c.split(' ')[0]);
    expect(sent).toEqual(Array(20).fill('evalsha'));
  });

  it('wakes a waiter in another process as soon as a lease is released, instead of polling', async () => {
    const key = tenant();
    const a = createRedisRateLimitStore({ redis: redis.client(), concurrency: { limit: 1 } });
    const waker = redis.client();
    const b = createRedisRateLimitStore({
      redis: redis.client(),
      wake: waker,
      concurrency: { limit: 1, pollMs: 60_000 },
    });
    const make = (store: typeof a) =>
      createRateLimiter({
        store,
        key,
        windows: [{ name: 'minute', limit: 100, intervalMs: 60_000 }],
      });
    const [first, second] = [make(a), make(b)];
    let release: (() => void) | undefined;
    const holding = first.schedule(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await vi.waitFor(() => expect(release).toBeDefined(), WAIT);
    const waiting = second.schedule(async () => 'woken');
    // b is blocked on the lease, and listens for its release.
    const channel = `ck:rl:{${key}}:released`;
    const admin = redis.client();
    await vi.waitFor(
      async () => expect(await admin.pubsub('NUMSUB', channel)).toEqual([channel, 1]),
      WAIT,
    );
    release?.();
    await holding;
    // Polling would wait 60 s; the published release wakes it at once.
    await expect(waiting).resolves.toBe('woken');
  });

  it('rejects with StoreError when Redis is unreachable', async () => {
    const server = redis.server();
    // A client pointed at a port nothing listens on: the stopped server's would do, but a fresh
    // one keeps this test independent of the others.
    const dead = new Redis({
      host: server.host,
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined); // the refused connection is the point
    const store = createRedisRateLimitStore({ time: 'caller', redis: dead });
    const error = await store.acquire([minute('hexnode:down')], 1, T0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'store',
      retryable: true,
      location: 'ck:rl:{hexnode:down}:w:minute',
    });
    dead.disconnect();
  });

  it('refuses an unknown option with ConfigError naming the nearest valid one', () => {
    expect(() =>
      createRedisRateLimitStore({ redis: redis.client(), prefx: 'app' } as never),
    ).toThrow('createRedisRateLimitStore: unknown option "prefx"; did you mean "prefix"?');
    expect(() =>
      createRedisRateLimitStore({
        redis: redis.client(),
        concurrency: { limit: 1, lease: 5 },
      } as never),
    ).toThrow(ConfigError);
    expect(() =>
      createRedisStateStore({ redis: redis.client(), clok: createManualClock() } as never),
    ).toThrow('createRedisStateStore: unknown option "clok"; did you mean "clock"?');
  });

  it('keys every window of one limiter under one hash tag', () => {
    const store = createRedisRateLimitStore({
      time: 'caller',
      redis: redis.client(),
      prefix: 'app',
    });
    expect(store.keyOf('hexnode:acme:minute')).toBe('app:rl:{hexnode:acme}:w:minute');
    expect(store.keyOf('hexnode:acme:day')).toBe('app:rl:{hexnode:acme}:w:day');
    // A brace in a name cannot end the tag early.
    expect(store.keyOf('we}ird{:minute')).toBe('app:rl:{we%7Dird%7B}:w:minute');
  });
});
