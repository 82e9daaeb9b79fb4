import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../test/helpers/drive.js';
import { createManualClock } from '../clock/manual-clock.js';
import { RateLimitError } from '../errors/errors.js';
import { createRateLimiter } from '../rate-limit/limiter.js';
import { createHttpClient } from './client.js';
import type { ConnectorEvent } from './events.js';
import type { HttpClientOptions } from './options.js';

const BASE = 'https://api.vendor.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client(over: Partial<HttpClientOptions> = {}) {
  const clock = createManualClock();
  const driver = createDriver(clock);
  const events: ConnectorEvent[] = [];
  const limiter = createRateLimiter({
    clock,
    windows: [{ name: 'second', limit: 100, intervalMs: 1_000 }],
  });
  const http = createHttpClient({
    vendor: 'acme',
    baseUrl: BASE,
    clock,
    limiter,
    fetch: driver.fetch,
    onEvent: (e) => events.push(e),
    ...over,
    retry: { random: () => 0.5, ...over.retry },
  });
  const delays = () => events.flatMap((e) => (e.type === 'retry' ? [e.delayMs] : []));
  return { http, clock, limiter, delays, run: driver.run };
}

describe('server waits', () => {
  it('fails at once past maxRetryAfterMs, carrying retryAfterMs, even when maxDelayMs allows it', async () => {
    nock(BASE)
      .get('/x')
      .reply(429, '', { 'retry-after': String(90 * 60) });
    const { http, clock, limiter } = client({
      retry: { maxDelayMs: 2 ** 31 - 1, maxRetryAfterMs: 3_600_000 },
    });
    const started = clock.now();
    const error = await http.request({ path: 'x', schema: v.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 5_400_000, scope: 'quota' });
    expect(clock.now()).toBe(started);
    // The connection pauses no longer than the longest accepted wait.
    expect(limiter.budget().pausedUntil?.getTime()).toBe(started + 3_600_000);
  });

  it('caps the shared pause of a Retry-After of a billion seconds at maxRetryAfterMs', async () => {
    nock(BASE).get('/x').reply(429, '', { 'retry-after': '1000000000' });
    const { http, clock, limiter } = client();
    const error = await http.request({ path: 'x', schema: v.unknown() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterMs: 1e12 });
    expect(limiter.budget().pausedUntil?.getTime()).toBe(clock.now() + 3_600_000);
  });

  it.each([
    ['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['garbage', 'soon-ish'],
    ['a bare number Date.parse would take', '-1'],
  ])('treats %s as no Retry-After: normal backoff', async (_name, header) => {
    nock(BASE).get('/x').times(3).reply(503, '', { 'retry-after': header });
    nock(BASE).get('/x').reply(200, {});
    const { http, run, delays } = client({ retry: { baseDelayMs: 1_000 } });
    await run(http.request({ path: 'x', schema: v.unknown() }));
    // Full jitter at 0.5 over 1 s, 2 s, 4 s: never a back-to-back retry.
    expect(delays()).toEqual([500, 1_000, 2_000]);
  });
});
