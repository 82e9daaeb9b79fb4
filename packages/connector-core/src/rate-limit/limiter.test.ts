import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { AbortError, RateLimitError } from '../errors/errors.js';
import { createRateLimiter } from './limiter.js';
import { createMemoryRateLimitStore } from './store.js';

const MINUTE = 60_000;
const flush = () => new Promise<void>((r) => setImmediate(r));

describe('createRateLimiter', () => {
  it('holds 30 calls per minute under a fake clock', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      windows: [{ name: 'minute', limit: 30, intervalMs: MINUTE }],
      clock,
    });
    const started = clock.now();
    const at: number[] = [];
    const all = Array.from({ length: 95 }, () =>
      limiter.schedule(async () => at.push(clock.now() - started)),
    );
    for (let i = 0; i < 10; i++) await clock.advance(MINUTE / 2);
    await Promise.all(all);
    expect(at).toHaveLength(95);
    // In every sliding minute at most 30 calls.
    for (const t of at)
      expect(at.filter((u) => u >= t && u < t + MINUTE).length).toBeLessThanOrEqual(30);
    expect(at.filter((t) => t === 0)).toHaveLength(30);
    expect(at.filter((t) => t === MINUTE)).toHaveLength(30);
    expect(Math.max(...at)).toBe(3 * MINUTE);
  });

  it('counts a call from when it finished, so a slow response never lets the next call in early', async () => {
    const clock = createManualClock();
    const start = clock.now();
    const limiter = createRateLimiter({
      windows: [{ name: 'second', limit: 1, intervalMs: 1_000 }],
      clock,
    });
    const at: number[] = [];
    // The first call takes 100 ms to answer: a server counting it on arrival may count it late,
    // so its slot is held for a full interval after the answer.
    const slow = limiter.schedule(async () => {
      at.push(clock.now() - start);
      await clock.sleep(100);
    });
    const next = limiter.schedule(async () => at.push(clock.now() - start));
    await clock.advance(100);
    await clock.advance(900);
    expect(at).toEqual([0]); // counted from its start, the second call would run now
    await clock.advance(100);
    await Promise.all([slow, next]);
    expect(at).toEqual([0, 1_100]);
    expect(limiter.budget().windows[0]?.intervalMs).toBe(1_000);
  });

  it('applies several windows at once', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      windows: [
        { name: 'second', limit: 5, intervalMs: 1_000 },
        { name: 'minute', limit: 8, intervalMs: MINUTE },
      ],
      clock,
    });
    const at: number[] = [];
    const all = Array.from({ length: 8 }, () => limiter.schedule(async () => at.push(clock.now())));
    await clock.advance(1_000);
    await Promise.all(all);
    expect(at.filter((t) => t === at[0])).toHaveLength(5);
    expect(limiter.budget().windows.map((w) => w.remaining)).toEqual([2, 0]);
  });

  it('caps concurrency and serves callers in FIFO order', async () => {
    const limiter = createRateLimiter({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limiter.schedule(async () => {
          running++;
          peak = Math.max(peak, running);
          order.push(i);
          await flush();
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('pauseUntil holds every caller until the pause is over', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ clock });
    limiter.pauseUntil(clock.now() + 10_000);
    const at: number[] = [];
    const waits: number[] = [];
    const all = Array.from({ length: 3 }, () =>
      limiter.schedule(async () => at.push(clock.now()), { onWait: (ms) => waits.push(ms) }),
    );
    await clock.advance(9_999);
    expect(at).toEqual([]);
    expect(limiter.budget().pausedUntil?.getTime()).toBe(clock.now() + 1);
    await clock.advance(1);
    await Promise.all(all);
    expect(at).toHaveLength(3);
    expect(waits).toEqual([10_000, 10_000, 10_000]);
  });

  it('fails fast with a quota RateLimitError instead of waiting hours for a daily window', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      windows: [{ name: 'day', limit: 2, intervalMs: 86_400_000 }],
      clock,
    });
    await limiter.schedule(async () => {});
    await limiter.schedule(async () => {});
    const error = await limiter.schedule(async () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ scope: 'quota', retryAfterMs: 86_400_000 });
  });

  it('setLimit changes a window at run time', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      windows: [{ name: 'day', limit: 1000, intervalMs: 86_400_000 }],
      clock,
    });
    limiter.setLimit('day', 1);
    await limiter.schedule(async () => {});
    await expect(limiter.schedule(async () => {})).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.budget().windows[0]).toMatchObject({ name: 'day', limit: 1, remaining: 0 });
  });

  it('tightens from x-ratelimit-remaining-<unit> headers and adopts announced windows', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      windows: [{ name: 'second', limit: 50, intervalMs: 1_000 }],
      clock,
    });
    limiter.observe(
      new Headers({
        'x-ratelimit-limit-second': '50',
        'x-ratelimit-remaining-second': '2',
        'x-ratelimit-limit-hour': '10000',
        'x-ratelimit-remaining-hour': '9000',
      }),
    );
    const budget = limiter.budget();
    expect(budget.windows).toEqual([
      expect.objectContaining({ name: 'second', limit: 50, remaining: 2 }),
      expect.objectContaining({ name: 'hour', limit: 10_000, remaining: 9_000 }),
    ]);
    const at: number[] = [];
    const all = Array.from({ length: 3 }, () => limiter.schedule(async () => at.push(clock.now())));
    await clock.advance(1_000);
    await Promise.all(all);
    expect(at[2]).toBe((at[0] ?? 0) + 1_000);
  });

  it('keeps a configured share below the announced limit: the smaller one wins', async () => {
    const clock = createManualClock();
    // Kandji announces 10,000 an hour for the tenant; this connection was given 100 of them.
    const limiter = createRateLimiter({
      windows: [{ name: 'hour', limit: 100, intervalMs: 3_600_000 }],
      clock,
      maxWaitMs: 0,
    });
    limiter.observe(
      new Headers({ 'x-ratelimit-limit-hour': '10000', 'x-ratelimit-remaining-hour': '9990' }),
    );
    expect(limiter.budget().windows[0]).toMatchObject({ name: 'hour', limit: 100 });
    let done = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 101 }, () => limiter.schedule(async () => done++)),
    );
    expect(done).toBe(100);
    expect(results.at(-1)?.status).toBe('rejected');

    // An announced limit below the configured one tightens it.
    limiter.observe(new Headers({ 'x-ratelimit-limit-hour': '40' }));
    expect(limiter.budget().windows[0]).toMatchObject({ limit: 40 });
    // ... and a later, larger announcement goes back up only as far as the configured share.
    limiter.observe(new Headers({ 'x-ratelimit-limit-hour': '10000' }));
    expect(limiter.budget().windows[0]).toMatchObject({ limit: 100 });
  });

  it('pauses on ratelimit-remaining 0 with ratelimit-reset', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ clock });
    limiter.observe(new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '30' }));
    expect(limiter.budget().pausedUntil?.getTime()).toBe(clock.now() + 30_000);
  });

  it('removes an aborted caller from the queue', async () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      windows: [{ name: 'minute', limit: 1, intervalMs: MINUTE }],
      clock,
    });
    await limiter.schedule(async () => {});
    const ac = new AbortController();
    const waiting = limiter.schedule(async () => 'ran', { signal: ac.signal });
    const next = limiter.schedule(async () => 'second');
    ac.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    await clock.advance(MINUTE);
    await expect(next).resolves.toBe('second');
  });

  it('shares one budget between limiters on the same store and key', async () => {
    const clock = createManualClock();
    const store = createMemoryRateLimitStore();
    const windows = [{ name: 'minute', limit: 3, intervalMs: MINUTE }];
    const a = createRateLimiter({ windows, clock, store, key: 'tenant-1' });
    const b = createRateLimiter({ windows, clock, store, key: 'tenant-1' });
    await a.schedule(async () => {});
    await b.schedule(async () => {});
    expect(a.budget().windows[0]?.remaining).toBe(1);
    expect(b.budget().windows[0]?.remaining).toBe(1);
  });

  it('a 429 seen by one limiter pauses every limiter on the same store and key', async () => {
    const clock = createManualClock();
    const store = createMemoryRateLimitStore();
    const a = createRateLimiter({ clock, store, key: 'tenant-1' });
    const b = createRateLimiter({ clock, store, key: 'tenant-1' });
    const other = createRateLimiter({ clock, store, key: 'tenant-2' });
    const start = clock.now();
    a.pauseUntil(start + 30_000);
    const at: Record<string, number> = {};
    const runs = [
      b.schedule(async () => {
        at.b = clock.now() - start;
      }),
      other.schedule(async () => {
        at.other = clock.now() - start;
      }),
    ];
    await clock.advance(30_000);
    await Promise.all(runs);
    expect(at).toEqual({ b: 30_000, other: 0 });
  });
});
