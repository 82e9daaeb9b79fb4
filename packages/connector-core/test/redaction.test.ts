import { inspect } from 'node:util';
import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader } from '../src/auth/static-auth.js';
import { createManualClock } from '../src/clock/manual-clock.js';
import type { ConnectorError } from '../src/errors/connector-error.js';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConfigError,
  NetworkError,
  NotFoundError,
  PaginationError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../src/errors/errors.js';
import { createHttpClient } from '../src/http/client.js';
import type { ConnectorEvent } from '../src/http/events.js';
import { cursor } from '../src/paginate/cursor.js';
import { paginate } from '../src/paginate/paginate.js';
import { createRateLimiter } from '../src/rate-limit/limiter.js';
import { createDriver } from './helpers/drive.js';

const SECRET = 'hx-SUPERSECRET-4f9a2c71';
const BASE = 'https://acme.vendor.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup() {
  const clock = createManualClock();
  const driver = createDriver(clock);
  const events: ConnectorEvent[] = [];
  const http = createHttpClient({
    vendor: 'acme',
    baseUrl: `${BASE}/api/v1/`,
    auth: authorizationHeader(SECRET),
    limiter: createRateLimiter({
      clock,
      windows: [{ name: 'minute', limit: 30, intervalMs: 60_000 }],
    }),
    retry: { limit: 1, random: () => 0 },
    timeout: { totalMs: 100_000, perAttemptMs: 200_000 },
    clock,
    fetch: driver.fetch,
    onEvent: (e) => events.push(e),
  });
  return { http, events, driver };
}

/** Every place a secret could leak from an error. */
function surfaces(error: unknown): string[] {
  const e = error as Error;
  const causes: string[] = [];
  for (let c: unknown = e.cause; c !== undefined; c = (c as Error).cause) {
    causes.push(
      String((c as Error).message),
      String((c as Error).stack),
      inspect(c, { depth: 10 }),
    );
  }
  return [
    e.message,
    String(e.stack),
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
    ...causes,
  ];
}

const echo = { detail: `invalid key ${SECRET}`, key: SECRET };

describe('redaction', () => {
  const cases: Array<
    [
      string,
      new (...a: never[]) => ConnectorError,
      (s: ReturnType<typeof setup>) => Promise<unknown>,
    ]
  > = [
    [
      '401',
      AuthenticationError,
      async ({ http }) => {
        nock(BASE).get('/api/v1/x').reply(401, echo, { 'x-request-id': SECRET });
        return http.request({ path: 'x', schema: v.unknown() });
      },
    ],
    [
      '403',
      PermissionError,
      async ({ http }) => {
        nock(BASE).get('/api/v1/x').reply(403, `<html><title>Forbidden ${SECRET}</title></html>`);
        return http.request({ path: 'x', schema: v.unknown() });
      },
    ],
    [
      '404',
      NotFoundError,
      async ({ http }) => {
        nock(BASE)
          .get('/api/v1/x')
          .reply(404, [`no ${SECRET}`]);
        return http.request({ path: 'x', schema: v.unknown() });
      },
    ],
    [
      '400',
      BadRequestError,
      async ({ http }) => {
        nock(BASE)
          .get('/api/v1/x')
          .reply(400, JSON.stringify(`bad ${SECRET}`), { 'content-type': 'application/json' });
        return http.request({ path: 'x', schema: v.unknown() });
      },
    ],
    [
      '429',
      RateLimitError,
      async ({ http }) => {
        nock(BASE).get('/api/v1/x').reply(429, echo, { 'retry-after': '86400' });
        return http.request({ path: 'x', schema: v.unknown() });
      },
    ],
    [
      '500',
      ServerError,
      async ({ http, driver }) => {
        nock(BASE).get('/api/v1/x').times(2).reply(500, `oops ${SECRET}`);
        return driver.run(http.request({ path: 'x', schema: v.unknown() }));
      },
    ],
    [
      'network',
      NetworkError,
      async ({ http, driver }) => {
        nock(BASE).get('/api/v1/x').times(2).replyWithError(`connect failed for ${SECRET}`);
        return driver.run(http.request({ path: 'x', schema: v.unknown() }));
      },
    ],
    [
      'timeout',
      TimeoutError,
      async ({ http, driver }) => {
        nock(BASE).get(`/api/v1/${SECRET}`).delay(1_000_000).reply(200, {});
        return driver.run(http.request({ path: SECRET, schema: v.unknown() }), { hang: true });
      },
    ],
    [
      'validation',
      ValidationError,
      async ({ http }) => {
        nock(BASE)
          .get('/api/v1/x')
          .reply(200, { [SECRET]: SECRET });
        return http.request({ path: 'x', schema: v.record(v.string(), v.number()) });
      },
    ],
    [
      'pagination',
      PaginationError,
      async ({ http }) => {
        nock(BASE)
          .get('/api/v1/x')
          .query(true)
          .times(3)
          .reply(200, { data: [1], next: SECRET });
        const Page = v.object({ data: v.array(v.number()), next: v.string() });
        return paginate(http, {
          path: 'x',
          page: Page,
          items: (p) => p.data,
          strategy: cursor<v.InferOutput<typeof Page>>({
            read: (p) => p.next,
            send: { query: 'c' },
          }),
        }).toArray();
      },
    ],
    [
      'config',
      ConfigError,
      async ({ http }) =>
        http.request({ path: `https://evil.test/${SECRET}`, schema: v.unknown() }),
    ],
    [
      'abort',
      AbortError,
      async ({ http, events }) => {
        // Aborted while waiting to retry a 503.
        nock(BASE).get('/api/v1/x').reply(503, `busy ${SECRET}`, { 'retry-after': '10' });
        const ac = new AbortController();
        const p = http.request({ path: 'x', schema: v.unknown(), signal: ac.signal });
        const abortOnRetry = () =>
          events.some((e) => e.type === 'retry')
            ? ac.abort(new Error(SECRET))
            : setImmediate(abortOnRetry);
        abortOnRetry();
        return p;
      },
    ],
  ];

  it.each(cases)('scrubs the secret from a %s error everywhere', async (_name, type, raise) => {
    const s = setup();
    const error = await raise(s).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    for (const text of surfaces(error)) expect(text).not.toContain(SECRET);
    expect(JSON.stringify(s.events)).not.toContain(SECRET);
    expect(inspect(s.http, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(s.http)).not.toContain(SECRET);
  });

  it('the error bodies really carried the secret (the test can fail)', async () => {
    const s = setup();
    nock(BASE).get('/api/v1/x').reply(401, echo);
    const error = (await s.http
      .request({ path: 'x', schema: v.unknown() })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('[REDACTED]');
  });
});

describe('redaction of pieces and encodings of a secret', () => {
  const b64 = Buffer.from(SECRET).toString('base64');
  const escaped = [...SECRET]
    .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
  const echoes: Array<[string, string, string]> = [
    ['a 12-character prefix', SECRET.slice(0, 12), SECRET],
    ['a 12-character suffix', SECRET.slice(-12), SECRET],
    ['the base64', b64, b64],
    ['a piece of the base64', b64.slice(2, 14), b64],
    ['the JSON \\u-escaped form', escaped, escaped],
  ];
  /** Whether any 8 characters of `form` survived into `text`. */
  const leaks = (text: string, form: string) => {
    for (let i = 0; i + 8 <= form.length; i++) if (text.includes(form.slice(i, i + 8))) return true;
    return false;
  };

  it.each(echoes)(
    'scrubs %s echoed in a 401, its events and its cause',
    async (_n, piece, form) => {
      const s = setup();
      nock(BASE)
        .get('/api/v1/x')
        .reply(401, { detail: `Invalid API key ${piece}…` }, { 'x-request-id': piece });
      const error = await s.http
        .request({ path: 'x', schema: v.unknown() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toContain('[REDACTED]');
      for (const text of [...surfaces(error), String(error), JSON.stringify(s.events)]) {
        expect(leaks(text, form)).toBe(false);
      }
    },
  );

  it.each(echoes)('scrubs %s from a network error cause', async (_n, piece, form) => {
    const s = setup();
    nock(BASE).get('/api/v1/x').times(2).replyWithError(`socket hang up near ${piece}`);
    const error = await s.driver
      .run(s.http.request({ path: 'x', schema: v.unknown() }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    for (const text of surfaces(error)) expect(leaks(text, form)).toBe(false);
  });
});
