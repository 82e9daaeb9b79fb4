import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../src/auth/static-auth.js';
import { createManualClock } from '../src/clock/manual-clock.js';
import { createHttpClient } from '../src/http/client.js';
import type { ConnectorEvent } from '../src/http/events.js';
import { createRateLimiter } from '../src/rate-limit/limiter.js';
import { createDriver } from './helpers/drive.js';

const BASE = 'https://api.vendor.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('a 429 shared through the limiter', () => {
  it('pauses every concurrent request sharing the limiter until the server wait is over', async () => {
    const clock = createManualClock();
    const driver = createDriver(clock);
    const limiter = createRateLimiter({ clock, concurrency: 10 });
    const events: ConnectorEvent[] = [];
    const seenAt: Record<string, number[]> = {};
    const started = clock.now();
    const record = (path: string) => {
      seenAt[path] = [...(seenAt[path] ?? []), clock.now() - started];
    };
    // /a is throttled first; /b, /c, /d are sent after the 429 and must wait for the same pause.
    nock(BASE)
      .get('/a')
      .reply(() => {
        record('a');
        return [429, { detail: 'throttled' }, { 'retry-after': '30' }];
      });
    nock(BASE)
      .get('/a')
      .reply(() => {
        record('a');
        return [200, {}];
      });
    for (const p of ['b', 'c', 'd']) {
      nock(BASE)
        .get(`/${p}`)
        .reply(() => {
          record(p);
          return [200, {}];
        });
    }
    const http = createHttpClient({
      vendor: 'acme',
      baseUrl: BASE,
      auth: bearer('token-1234'),
      limiter,
      clock,
      fetch: driver.fetch,
      onEvent: (e) => events.push(e),
    });
    const first = http.request({ path: 'a', schema: v.unknown() });
    // Let /a get its 429 before the others are issued.
    await driver.run(
      new Promise<void>((resolve) => {
        const check = () =>
          events.some((e) => e.type === 'rate-limited') ? resolve() : setImmediate(check);
        check();
      }),
    );
    const others = ['b', 'c', 'd'].map((p) => http.request({ path: p, schema: v.unknown() }));
    await driver.run(Promise.all([first, ...others]));
    expect(seenAt.a).toEqual([0, 30_000]);
    for (const p of ['b', 'c', 'd']) expect(seenAt[p]).toEqual([30_000]);
    expect(events.filter((e) => e.type === 'rate-limited' && e.source === 'limiter')).toHaveLength(
      3,
    );
    expect(http.budget()?.pausedUntil).toBeUndefined();
  });
});
