import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { errorResponse } from '../http/error-response.js';
import { createRateLimiter } from './limiter.js';
import {
  headerVocabularies,
  RATE_LIMIT_HEADERS,
  readRateLimitHeaders,
} from './rate-limit-headers.js';

const MINUTE = 60_000;
const flush = () => new Promise<void>((r) => setImmediate(r));

describe('rate-limit header vocabularies', () => {
  it('reads each vocabulary in its own names, resets as delta or epoch seconds', () => {
    const now = 1_700_000_000_000;
    const epoch = String(now / 1000 + 42);
    const read = (name: keyof typeof RATE_LIMIT_HEADERS, h: Record<string, string>) =>
      RATE_LIMIT_HEADERS[name].read(new Headers(h), now);
    expect(
      read('okta', {
        'x-rate-limit-limit': '600',
        'x-rate-limit-remaining': '598',
        'x-rate-limit-reset': epoch,
      }),
    ).toEqual([
      { unit: undefined, limit: 600, remaining: 598, resetMs: 42_000, intervalMs: MINUTE },
    ]);
    expect(
      read('github', {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '1',
        'x-ratelimit-reset': epoch,
      }),
    ).toMatchObject([{ limit: 5000, remaining: 1, resetMs: 42_000 }]);
    expect(
      read('ietf', {
        'ratelimit-limit': '10, 10;w=1',
        'ratelimit-remaining': '3',
        'ratelimit-reset': '7',
      }),
    ).toMatchObject([{ limit: 10, remaining: 3, resetMs: 7_000 }]);
    expect(
      read('kong', { 'x-ratelimit-limit-second': '50', 'x-ratelimit-remaining-second': '49' }),
    ).toEqual([{ unit: 'second', limit: 50, remaining: 49, resetMs: undefined }]);
    // Okta's names are not GitHub's: a vocabulary never reads another's headers.
    expect(read('okta', { 'x-ratelimit-remaining': '1' })).toEqual([]);
  });

  it('reads only the vocabularies named', () => {
    const okta = new Headers({ 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0' });
    expect(readRateLimitHeaders(okta, 0)).toEqual([]);
    expect(readRateLimitHeaders(okta, 0, headerVocabularies(['okta']))).toHaveLength(1);
    expect(() => headerVocabularies(['nope' as 'okta'])).toThrow(/Unknown/);
  });

  it("a 429 waits until the reset of the client's vocabularies, and of no other", () => {
    const now = 1_700_000_000_000;
    const ex = {
      status: 429,
      headers: new Headers({ 'x-rate-limit-reset': String(now / 1000 + 30) }),
      text: '{"errorCode":"E0000047"}',
      request: { url: 'https://acme.okta.com/api/v1/users', method: 'GET', headers: new Headers() },
    };
    const meta = {
      vendor: 'okta',
      endpoint: 'GET /api/v1/users',
      status: 429,
      requestId: undefined,
    };
    expect(errorResponse(ex, meta, {}, [], now, headerVocabularies(['okta'])).serverWaitMs).toBe(
      30_000,
    );
    expect(errorResponse(ex, meta, {}, [], now).serverWaitMs).toBeUndefined();
  });
});

describe('the limiter on announced limits', () => {
  it('budget() shows the announced limit of an assumed window, up or down', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({
      clock,
      headers: ['okta'],
      windows: [{ name: 'minute', limit: 100, intervalMs: MINUTE, assumed: true }],
    });
    limiter.observe(new Headers({ 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '600' }));
    expect(limiter.budget().windows[0]).toMatchObject({ name: 'minute', limit: 600 });
    limiter.observe(new Headers({ 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '50' }));
    expect(limiter.budget().windows[0]).toMatchObject({ limit: 50 });
  });

  it('a configured share is lowered by an announcement but never raised', () => {
    const limiter = createRateLimiter({
      clock: createManualClock(),
      headers: ['github'],
      windows: [{ name: 'hour', limit: 100, intervalMs: 3_600_000 }],
    });
    limiter.observe(new Headers({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '90' }));
    expect(limiter.budget().windows[0]).toMatchObject({ limit: 100, remaining: 90 });
  });

  it('learns a window per bucket from its responses; a call waits only on its own bucket', async () => {
    const clock = createManualClock();
    const start = clock.now();
    const limiter = createRateLimiter({ clock, headers: ['okta'] });
    const reset = String(Math.ceil((start + 20_000) / 1000));
    await limiter.schedule(async () => {}, { bucket: 'GET /api/v1/users' });
    limiter.observe(
      new Headers({
        'x-rate-limit-limit': '2',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': reset,
      }),
      { bucket: 'GET /api/v1/users' },
    );
    expect(limiter.budget().windows).toEqual([
      expect.objectContaining({
        name: 'GET /api/v1/users',
        limit: 2,
        remaining: 0,
        intervalMs: MINUTE,
      }),
    ]);
    const at: Record<string, number> = {};
    const users = limiter.schedule(
      async () => {
        at.users = clock.now() - start;
      },
      { bucket: 'GET /api/v1/users' },
    );
    const groups = limiter.schedule(
      async () => {
        at.groups = clock.now() - start;
      },
      { bucket: 'GET /api/v1/groups' },
    );
    await flush();
    await clock.advance(19_000);
    expect(at).toEqual({ groups: 0 }); // another endpoint's budget is not this one's
    await clock.advance(1_000);
    await Promise.all([users, groups]);
    // The server's calls leave the window when it said it resets.
    expect(at.users).toBe(20_000);
  });
});
