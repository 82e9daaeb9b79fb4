import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { ConfigError } from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import { createClockDriver } from '../testing/clock-driver.js';
import type { AdaptiveLimitOptions } from './adaptive.js';
import { createAdaptiveLimit } from './adaptive.js';
import { createRateLimiter } from './limiter.js';

const SECOND = 1_000;

/**
 * A server that allows 50 calls per fixed second and says so to nobody: no rate-limit headers,
 * only a 429 with `Retry-After` (whole seconds, as JumpCloud's gateway does) past the limit.
 */
function unannouncedServer(clock: { now(): number }, limit = 50) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  const answered = { ok: 0, tooMany: 0 };
  const fetch: typeof globalThis.fetch = async () => {
    const now = clock.now();
    const start = Math.floor(now / SECOND) * SECOND;
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
    if (used >= limit) {
      answered.tooMany++;
      const retry = Math.max(1, Math.ceil((windowStart + SECOND - now) / SECOND));
      return new Response('{"message":"Too Many Requests"}', {
        status: 429,
        headers: { 'retry-after': String(retry), 'content-type': 'application/json' },
      });
    }
    used++;
    answered.ok++;
    return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, answered };
}

/** `calls` GETs, four at a time, through one client whose limiter may learn. */
async function sync(calls: number, adaptive: AdaptiveLimitOptions | undefined) {
  const clock = createManualClock();
  const server = unannouncedServer(clock);
  const driver = createClockDriver(clock, { fetch: server.fetch });
  const limiter = createRateLimiter({ clock, concurrency: 4, adaptive });
  const http = createHttpClient({
    vendor: 'test',
    baseUrl: 'https://api.test.example/',
    limiter,
    clock,
    fetch: driver.fetch,
    retry: { limit: 10 },
  });
  const started = clock.now();
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      await http.request({ path: 'users', schema: v.object({ ok: v.boolean() }) });
    }
  };
  await driver.run(Promise.all([worker(), worker(), worker(), worker()]));
  const seconds = (clock.now() - started) / SECOND;
  return { ...server.answered, seconds, rate: calls / seconds, limiter };
}

describe('adaptive rate limit', () => {
  it('learns an unannounced 50/s limit: under 1 % of requests draw a 429, near the limit', async () => {
    const learned = await sync(6_000, {});
    const tooMany = learned.tooMany / (learned.ok + learned.tooMany);
    expect(learned.ok).toBe(6_000);
    expect(tooMany).toBeLessThan(0.01);
    // Not by crawling: most of the server's budget is used.
    expect(learned.rate).toBeGreaterThan(40);
    expect(learned.rate).toBeLessThanOrEqual(50);
    const window = learned.limiter.budget().windows.find((w) => w.name === 'learned');
    expect(window?.limit).toBeGreaterThanOrEqual(35);
    expect(window?.limit).toBeLessThanOrEqual(51);
  });

  it('is what makes the difference: without it the same sync draws many more 429s', async () => {
    const blind = await sync(3_000, undefined);
    expect(blind.tooMany / (blind.ok + blind.tooMany)).toBeGreaterThan(0.02);
  });

  it('holds nothing back and shows no window before the first 429', () => {
    const limiter = createRateLimiter({ adaptive: {} });
    expect(limiter.budget().windows).toEqual([]);
    const limit = createAdaptiveLimit({}, 0);
    expect(limit.limit).toBeUndefined();
  });

  it('backs off once per window, grows only while it holds calls back, probes after a quiet spell', () => {
    const limit = createAdaptiveLimit({ decrease: 0.5, probeAfter: 3 }, 0);
    limit.throttled(0, 40);
    expect(limit.limit).toBe(20);
    limit.throttled(500, 20); // calls in flight at the same rate: no second cut
    expect(limit.limit).toBe(20);
    limit.grow(1_000); // a window passed but nothing was held back
    expect(limit.limit).toBe(20);
    for (let t = 1_000; t <= 30_000; t += 1_000) {
      limit.blocked(t);
      limit.grow(t + 1_000);
    }
    // Climbed back to just below the rate that drew the 429, then (3 quiet windows on) past it.
    const before = limit.limit ?? 0;
    expect(before).toBeGreaterThan(39);
    limit.throttled(40_000, 50);
    expect(limit.limit).toBe(Math.floor(Math.min(before, 50) / 2));
  });

  it('rejects options out of range', () => {
    expect(() => createAdaptiveLimit({ decrease: 1 }, 0)).toThrow(ConfigError);
    expect(() => createAdaptiveLimit({ intervalMs: 0 }, 0)).toThrow(ConfigError);
    expect(() => createAdaptiveLimit({ min: 5, initial: 2 }, 0)).toThrow(ConfigError);
  });
});
