import { RateLimitError } from '@org/connector-core';
import { afterEach, describe, expect, it } from 'vitest';
import { kandjiSandbox } from './helpers/sandbox.js';

// 1,995 devices read 10 at a time: 200 requests, four times Kandji's per-second limit (the last
// page short, so no extra request confirms the total).
const DEVICES = 1_995;
const PAGE = 10;
const REQUESTS = Math.ceil(DEVICES / PAGE);

describe('Kandji sandbox: pacing', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('keeps a sync under 50 requests a second with zero 429s', async () => {
    const env = await kandjiSandbox({ size: { users: 1, devices: DEVICES } });
    close = env.close;
    const { kandji, run, sent } = env.connect({ concurrency: 8 });
    const started = env.clock.now();
    const devices = await run(kandji.devices.list({ limit: PAGE }).toArray());

    expect(devices).toHaveLength(DEVICES);
    const counters = env.sandbox.control.counters();
    expect(counters.requests).toBe(REQUESTS);
    expect(counters.rateLimited).toBe(0);
    expect(counters.status['200']).toBe(REQUESTS);
    // Pacing really happened: 200 requests need at least three more seconds (of simulated time).
    expect(env.clock.now() - started).toBeGreaterThanOrEqual(3_000);
    const at = sent.map((r) => r.at);
    for (let i = 50; i < at.length; i++) {
      expect((at[i] ?? 0) - (at[i - 50] ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('learns a tighter per-second limit from the Kong headers and still gets no 429', async () => {
    // The tenant's gateway allows 20 a second; the connector is configured for Kandji's 50.
    const env = await kandjiSandbox({
      size: { users: 1, devices: DEVICES },
      limits: { perSecond: { limit: 20, intervalMs: 1_000 } },
    });
    close = env.close;
    const { kandji, run } = env.connect({ concurrency: 8 });
    const devices = await run(kandji.devices.list({ limit: PAGE }).toArray());

    expect(devices).toHaveLength(DEVICES);
    const counters = env.sandbox.control.counters();
    expect(counters.rateLimited).toBe(0);
    expect(counters.requests).toBe(REQUESTS);
    expect(kandji.budget().windows.find((w) => w.name === 'second')?.limit).toBe(20);
  });

  it('stops before a 429 when another app has nearly spent the hourly budget', async () => {
    // A tenant whose hourly budget is 250, of which another app already spent 200.
    const env = await kandjiSandbox({
      size: { users: 1, devices: DEVICES },
      limits: { perHour: { limit: 250, intervalMs: 3_600_000 } },
    });
    close = env.close;
    const other = env.connect({ concurrency: 8 });
    await other.run(other.kandji.devices.list({ limit: PAGE }).toArray());
    await env.clock.advance(2_000);
    env.sandbox.control.resetCounters();

    const { kandji, run } = env.connect({ concurrency: 8 });
    const error = await run(kandji.devices.list({ limit: PAGE }).toArray()).catch(
      (e: unknown) => e,
    );

    // It learned the hour's limit and what was left from the headers, used exactly that, and
    // failed fast with a quota error instead of running into 429s or waiting for an hour.
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ scope: 'quota' });
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(60_000);
    const counters = env.sandbox.control.counters();
    expect(counters.rateLimited).toBe(0);
    expect(counters.requests).toBe(50);
    expect(kandji.budget().windows.find((w) => w.name === 'hour')).toMatchObject({
      limit: 250,
      remaining: 0,
    });
  });
});
