import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../test/helpers/drive.js';
import { bearer } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import {
  AuthenticationError,
  BadRequestError,
  ConfigError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../errors/errors.js';
import { createHttpClient } from './client.js';
import type { ConnectorEvent } from './events.js';
import type { HttpClientOptions } from './options.js';

const BASE = 'https://api.vendor.test';
const Users = v.object({ results: v.array(v.object({ id: v.number(), email: v.string() })) });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

function client(over: Partial<HttpClientOptions> = {}) {
  const clock = createManualClock();
  const driver = createDriver(clock);
  const events: ConnectorEvent[] = [];
  const http = createHttpClient({
    fetch: driver.fetch,
    vendor: 'acme',
    baseUrl: `${BASE}/api/v1/`,
    auth: bearer('tok-secret-123'),
    userAgent: '@org/connector-acme/1.2.3',
    clock,
    retry: { random: () => 0.5 },
    onEvent: (e) => events.push(e),
    ...over,
  });
  return { http, clock, events, drive: driver.run };
}

describe('createHttpClient', () => {
  it('sends auth, user agent and query, and validates the body', async () => {
    const scope = nock(BASE, {
      reqheaders: {
        authorization: 'Bearer tok-secret-123',
        'user-agent': '@org/connector-acme/1.2.3',
      },
    })
      .get('/api/v1/users/')
      .query({ page: '2' })
      .reply(200, { results: [{ id: 1, email: 'a@b.c' }] }, { 'x-request-id': 'req-1' });
    const { http, events } = client();
    const res = await http.request({
      path: 'users/',
      query: { page: 2, skip: undefined },
      schema: Users,
    });
    expect(res.data.results[0]?.email).toBe('a@b.c');
    expect(res.status).toBe(200);
    scope.done();
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
    expect(events[1]).toMatchObject({
      endpoint: 'GET /api/v1/users/',
      status: 200,
      requestId: 'req-1',
    });
  });

  it('maps a schema mismatch to ValidationError with a JSON path and kinds, never the value', async () => {
    nock(BASE)
      .get('/api/v1/users/')
      .reply(200, {
        results: [
          { id: 1, email: 'a@b.c' },
          { id: 2, email: 'b@b.c' },
          { id: 3, email: 'c@b.c' },
          { id: 4, email: 12345 },
        ],
      });
    const { http } = client();
    const error = await http.request({ path: 'users/', schema: Users }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const ve = error as ValidationError;
    expect(ve.path).toBe('$.results[3].email');
    expect(ve.issues[0]).toEqual({
      path: '$.results[3].email',
      expected: 'string',
      received: 'number',
    });
    expect(ve.message).not.toContain('12345');
    expect(ve.endpoint).toBe('GET /api/v1/users/');
    expect(ve.vendor).toBe('acme');
  });

  it.each([
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
    [400, BadRequestError],
    [422, BadRequestError],
  ])('does not retry HTTP %i', async (status, type) => {
    const scope = nock(BASE).get('/api/v1/users/').once().reply(status, { detail: 'nope' });
    const { http } = client();
    const error = await http.request({ path: 'users/', schema: Users }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toContain('nope');
    scope.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries a 5xx then succeeds, with backoff on the injected clock', async () => {
    nock(BASE).get('/api/v1/users/').reply(502, '<html><title>Bad Gateway</title></html>');
    nock(BASE).get('/api/v1/users/').reply(503, '');
    nock(BASE).get('/api/v1/users/').reply(200, { results: [] });
    const { http, events, drive } = client();
    const res = await drive(http.request({ path: 'users/', schema: Users }));
    expect(res.data.results).toEqual([]);
    const retries = events.filter((e) => e.type === 'retry');
    // full jitter with random() = 0.5: half of 500 ms, then half of 1000 ms
    expect(retries.map((e) => (e.type === 'retry' ? e.delayMs : 0))).toEqual([250, 500]);
    expect(retries.map((e) => (e.type === 'retry' ? e.reason : ''))).toEqual([
      'HTTP 502',
      'HTTP 503',
    ]);
  });

  it('gives up on 5xx after the retry limit with ServerError', async () => {
    nock(BASE).get('/api/v1/users/').times(3).reply(500, { message: 'boom' });
    const { http, drive } = client({ retry: { limit: 2, random: () => 0 } });
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
    expect((error as ServerError).retryable).toBe(true);
  });

  it('honours Retry-After in seconds', async () => {
    nock(BASE).get('/api/v1/users/').reply(429, { detail: 'slow down' }, { 'retry-after': '7' });
    nock(BASE).get('/api/v1/users/').reply(200, { results: [] });
    const { http, clock, events, drive } = client();
    const started = clock.now();
    await drive(http.request({ path: 'users/', schema: Users }));
    expect(clock.now() - started).toBe(7_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 7_000 }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'retry', delayMs: 7_000, reason: 'HTTP 429' }),
    );
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { http, clock, drive } = client();
    const at = new Date(clock.now() + 20_000).toUTCString();
    nock(BASE).get('/api/v1/users/').reply(429, '', { 'retry-after': at });
    nock(BASE).get('/api/v1/users/').reply(200, { results: [] });
    const started = clock.now();
    await drive(http.request({ path: 'users/', schema: Users }));
    expect(clock.now() - started).toBe(20_000);
  });

  it('uses the vendor retryAfter hook when Retry-After is missing', async () => {
    nock(BASE)
      .get('/api/v1/users/')
      .reply(429, { detail: 'Request was throttled. Expected available in 12.0 seconds.' });
    nock(BASE).get('/api/v1/users/').reply(200, { results: [] });
    const { http, clock, drive } = client({
      retryAfter: ({ bodyText }) => {
        const m = /available in ([\d.]+) seconds/.exec(bodyText);
        return m ? Number(m[1]) * 1000 : undefined;
      },
    });
    const started = clock.now();
    await drive(http.request({ path: 'users/', schema: Users }));
    expect(clock.now() - started).toBe(12_000);
  });

  it('fails fast with RateLimitError when the server asks for longer than maxDelayMs', async () => {
    nock(BASE).get('/api/v1/users/').reply(429, '', { 'retry-after': '7200' });
    const { http } = client();
    const error = await http.request({ path: 'users/', schema: Users }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 7_200_000, scope: 'quota', status: 429 });
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    nock(BASE).post('/api/v1/search').reply(503, '');
    const { http } = client();
    await expect(
      http.request({ method: 'POST', path: 'search', json: { q: 1 }, schema: v.unknown() }),
    ).rejects.toBeInstanceOf(ServerError);

    nock(BASE).post('/api/v1/search', { q: 1 }).reply(503, '');
    nock(BASE).post('/api/v1/search', { q: 1 }).reply(200, { ok: true });
    const { http: h2, drive } = client();
    const res = await drive(
      h2.request({
        method: 'POST',
        path: 'search',
        json: { q: 1 },
        schema: v.unknown(),
        idempotent: true,
      }),
    );
    expect(res.data).toEqual({ ok: true });
  });

  it('maps errors through the vendor mapError hook', async () => {
    nock(BASE).get('/api/v1/users/').reply(403, { message: 'blocked' });
    nock(BASE).get('/api/v1/users/').reply(200, { results: [] });
    const { http, clock, drive } = client({
      mapError: ({ status, body }) =>
        status === 403 && (body as { message?: string }).message === 'blocked'
          ? new RateLimitError('blocked', { retryAfterMs: 3_000 })
          : undefined,
    });
    const started = clock.now();
    await drive(http.request({ path: 'users/', schema: Users }));
    expect(clock.now() - started).toBe(3_000);
  });

  it('times out an attempt on the injected clock and retries it', async () => {
    nock(BASE).get('/api/v1/users/').delay(60_000).reply(200, { results: [] });
    nock(BASE)
      .get('/api/v1/users/')
      .reply(200, { results: [{ id: 1, email: 'x' }] });
    const { http, events, drive } = client({ timeout: { perAttemptMs: 5_000 } });
    const res = await drive(http.request({ path: 'users/', schema: Users }), { hang: true });
    expect(res.data.results).toHaveLength(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', reason: 'timeout' }));
  });

  it('fails with TimeoutError when the total timeout runs out', async () => {
    nock(BASE).get('/api/v1/users/').times(10).reply(503, '', { 'retry-after': '20' });
    const { http, clock, drive } = client({ timeout: { totalMs: 45_000 } });
    const started = clock.now();
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError); // the next wait would cross the deadline: no pointless wait
    expect(clock.now() - started).toBeLessThanOrEqual(45_000);
    nock.cleanAll();

    nock(BASE).get('/api/v1/users/').delay(600_000).reply(200, { results: [] });
    const { http: h2, drive: d2 } = client({ timeout: { totalMs: 10_000, perAttemptMs: 60_000 } });
    const e2 = await d2(h2.request({ path: 'users/', schema: Users }), { hang: true }).catch(
      (e: unknown) => e,
    );
    expect(e2).toBeInstanceOf(TimeoutError);
    expect((e2 as Error).message).toContain('10000 ms');
  });

  it('maps a connection failure to NetworkError', async () => {
    nock(BASE).get('/api/v1/users/').times(5).replyWithError('socket hang up');
    const { http, drive } = client({ retry: { limit: 1, random: () => 0 } });
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NetworkError);
  });

  it('maps a non-JSON success body to a retryable ServerError', async () => {
    nock(BASE)
      .get('/api/v1/users/')
      .times(5)
      .reply(200, '{"results": [', { 'content-type': 'application/json' });
    const { http, drive } = client({ retry: { limit: 1, random: () => 0 } });
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
  });

  it('refuses paths that leave the configured origin', async () => {
    const { http } = client();
    await expect(
      http.request({ path: 'https://evil.test/x', schema: v.unknown() }),
    ).rejects.toBeInstanceOf(ConfigError);
    nock(BASE).get('/api/v1/evil.test/x').reply(200, {});
    await expect(
      http.request({ path: '//evil.test/x', schema: v.unknown() }),
    ).resolves.toBeTruthy();
  });

  it('does not follow a redirect to another origin', async () => {
    nock(BASE).get('/api/v1/users/').reply(302, '', { location: 'https://evil.test/steal' });
    const evil = nock('https://evil.test').get('/steal').reply(200, {});
    const { http } = client();
    await expect(http.request({ path: 'users/', schema: v.unknown() })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(evil.isDone()).toBe(false);
  });

  it('removes a default header when the request sets it to undefined', async () => {
    nock(BASE, { badheaders: ['x-org-id'] })
      .get('/api/v1/orgs')
      .reply(200, {});
    const { http } = client({ headers: { 'x-org-id': 'org-1' } });
    await http.request({ path: 'orgs', headers: { 'x-org-id': undefined }, schema: v.unknown() });
  });

  it('describes itself without secrets', () => {
    const { http } = client();
    expect(JSON.stringify(http)).not.toContain('tok-secret-123');
    expect(http.toJSON()).toMatchObject({ vendor: 'acme', auth: 'bearer' });
  });
});
