import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { StoreError } from '../errors/errors.js';
import { createRateLimiter } from './limiter.js';
import { createMemoryRateLimitStore, type RateLimitStore } from './store.js';

const flush = () => new Promise<void>((r) => setImmediate(r));

/** The in-memory store behind a switch: `up`, `down` (rejects at once) or `hung` (never answers). */
function flakyStore() {
  const inner = createMemoryRateLimitStore();
  const mode = { now: 'up' as 'up' | 'down' | 'hung' };
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    async (...a: A): Promise<Awaited<R>> => {
      if (mode.now === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:6390');
      if (mode.now === 'hung') return new Promise<never>(() => undefined);
      return await f(...a);
    };
  const store: RateLimitStore = {
    acquire: wrap(inner.acquire),
    record: wrap(inner.record),
    usage: wrap(inner.usage),
    settle: wrap((...a: Parameters<NonNullable<RateLimitStore['settle']>>) => inner.settle?.(...a)),
    pause: wrap((k: string, u: number) => inner.pause?.(k, u)),
    pausedUntil: wrap((k: string) => inner.pausedUntil?.(k) ?? 0),
  };
  return { store, mode };
}

describe('createRateLimiter on a store that fails', () => {
  it('rejects every waiting call with a retryable StoreError, then works again once the store is back', async () => {
    const clock = createManualClock();
    const { store, mode } = flakyStore();
    const limiter = createRateLimiter({
      clock,
      store,
      key: 'hexnode:acme',
      windows: [{ name: 'minute', limit: 2, intervalMs: 60_000 }],
    });
    mode.now = 'down';
    const waiting = Array.from({ length: 5 }, (_, i) =>
      limiter
        .schedule(async () => i)
        .then(
          () => 'ran',
          (e: unknown) => e,
        ),
    );
    const results = await Promise.all(waiting);
    for (const error of results) {
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({
        retryable: true,
        userAction: undefined,
        location: 'hexnode:acme',
      });
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
    }
    // Nothing that reads or records the budget throws or leaves a rejection unhandled.
    limiter.observe(
      new Headers({ 'x-ratelimit-limit-minute': '2', 'x-ratelimit-remaining-minute': '0' }),
    );
    limiter.pauseUntil(clock.now() + 1);
    expect(limiter.budget().windows[0]?.name).toBe('minute');
    await flush();

    mode.now = 'up';
    await clock.advance(1);
    await expect(limiter.schedule(async () => 'ok')).resolves.toBe('ok');
  });

  it('fails waiting calls once the store has not answered for storeTimeoutMs, and recovers', async () => {
    const clock = createManualClock();
    const { store, mode } = flakyStore();
    const limiter = createRateLimiter({ clock, store, key: 'k', storeTimeoutMs: 5_000 });
    mode.now = 'hung';
    const first = limiter.schedule(async () => 1).catch((e: unknown) => e);
    const second = limiter.schedule(async () => 2).catch((e: unknown) => e);
    await clock.advance(4_999);
    await flush();
    let settled = false;
    void first.then(() => {
      settled = true;
    });
    await flush();
    expect(settled).toBe(false);
    await clock.advance(1);
    expect(await first).toBeInstanceOf(StoreError);
    expect(await second).toBeInstanceOf(StoreError);
    expect(((await first) as Error).message).toBe(
      'The rate-limit store did not read the pause of k within 5 s',
    );
    mode.now = 'up';
    await expect(limiter.schedule(async () => 3)).resolves.toBe(3);
  });

  it('a call whose settle fails frees its slot, and the settle is retried once the store is back', async () => {
    const clock = createManualClock();
    const { store, mode } = flakyStore();
    const settles: number[] = [];
    const settle = store.settle?.bind(store);
    store.settle = async (windows, startedAt, endedAt, cost) => {
      await settle?.(windows, startedAt, endedAt, cost);
      settles.push(startedAt);
    };
    const limiter = createRateLimiter({ clock, store, concurrency: 1 });
    const first = clock.now();
    await limiter.schedule(async () => {
      mode.now = 'down'; // the settle after this call fails
    });
    await flush();
    expect(settles).toEqual([]);
    mode.now = 'up';
    await clock.advance(5);
    await expect(limiter.schedule(async () => 'next')).resolves.toBe('next');
    await flush();
    // The failed settle went through before the next call took its slot, then that call's own.
    expect(settles).toEqual([first, first + 5]);
  });
});
