import ky from 'ky';
import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../test/helpers/drive.js';
import { bearer } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import { NotFoundError, ServerError, TimeoutError } from '../errors/errors.js';
import { createHttpClient } from './client.js';
import type { ConnectorEvent } from './events.js';
import { kyFetch } from './ky-fetch.js';
import type { HttpClientOptions } from './options.js';
import { ResponseTooLargeError } from './response-too-large.js';

const BASE = 'https://api.vendor.test';
const TOKEN = 'tok-secret-0123456789';
const Users = v.object({ results: v.array(v.object({ id: v.number() })) });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

/** A host's ky instance: a tracing header before each request, a log line after each response. */
function hostKy() {
  const log: string[] = [];
  let traces = 0;
  const instance = ky.create({
    // Set by the host for its own calls; must not bend the connector's absolute URLs.
    prefix: 'https://elsewhere.test/api/',
    headers: { 'x-host-app': 'fleet' },
    hooks: {
      beforeRequest: [
        ({ request }) => {
          traces += 1;
          request.headers.set('traceparent', `00-${String(traces).padStart(32, '0')}-01`);
        },
      ],
      afterResponse: [
        ({ request, response }) => {
          log.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
        },
      ],
    },
  });
  return { instance, log, traces: () => traces };
}

function client(
  instance: ReturnType<typeof hostKy>['instance'],
  over: Partial<HttpClientOptions> = {},
) {
  const clock = createManualClock();
  const driver = createDriver(clock, { fetch: kyFetch(instance) });
  const events: ConnectorEvent[] = [];
  const http = createHttpClient({
    fetch: driver.fetch,
    vendor: 'acme',
    baseUrl: `${BASE}/api/v1/`,
    auth: bearer(TOKEN),
    clock,
    retry: { random: () => 0.5 },
    onEvent: (e) => events.push(e),
    ...over,
  });
  return { http, events, drive: driver.run };
}

describe('kyFetch', () => {
  it("sends through the host's instance: its hooks and headers fire, core's auth and URL hold", async () => {
    const host = hostKy();
    const scope = nock(BASE, {
      reqheaders: {
        authorization: `Bearer ${TOKEN}`,
        'x-host-app': 'fleet',
        traceparent: /^00-0+1-01$/,
      },
    })
      .get('/api/v1/users/')
      .reply(200, { results: [{ id: 1 }] });
    const { http, drive } = client(host.instance);
    const res = await drive(http.request({ path: 'users/', schema: Users }));
    expect(res.data.results).toEqual([{ id: 1 }]);
    scope.done();
    expect(host.log).toEqual(['GET /api/v1/users/ 200']);
  });

  it("retries with core's policy, not ky's: each attempt passes the hooks once", async () => {
    const host = hostKy();
    nock(BASE).get('/api/v1/users/').reply(503, 'busy', { 'retry-after': '2' });
    nock(BASE).get('/api/v1/users/').reply(200, { results: [] });
    const { http, events, drive } = client(host.instance);
    await drive(http.request({ path: 'users/', schema: Users }));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(host.traces()).toBe(2);
    expect(host.log).toEqual(['GET /api/v1/users/ 503', 'GET /api/v1/users/ 200']);
  });

  it("maps statuses to core's typed errors (ky's HTTPError stays off)", async () => {
    const host = hostKy();
    nock(BASE).get('/api/v1/users/').reply(404, { detail: 'no such thing' });
    const { http, drive } = client(host.instance);
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("keeps core's deadlines on the injected clock", async () => {
    const host = hostKy();
    nock(BASE).get('/api/v1/users/').delay(600_000).reply(200, { results: [] });
    const { http, drive } = client(host.instance, {
      timeout: { totalMs: 10_000, perAttemptMs: 60_000 },
    });
    const error = await drive(http.request({ path: 'users/', schema: Users }), {
      hang: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('10000 ms');
  });

  it("keeps core's response byte cap", async () => {
    const host = hostKy();
    nock(BASE)
      .get('/api/v1/users/')
      .reply(200, { results: Array.from({ length: 500 }, (_, id) => ({ id })) });
    const { http, drive } = client(host.instance, { maxResponseBytes: 1_000 });
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('keeps redaction: a secret the vendor echoes never reaches an error or an event', async () => {
    const host = hostKy();
    nock(BASE)
      .get('/api/v1/users/')
      .times(3)
      .reply(500, { detail: `bad token ${TOKEN}` });
    const { http, events, drive } = client(host.instance, { retry: { limit: 2, random: () => 0 } });
    const error = await drive(http.request({ path: 'users/', schema: Users })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain('[REDACTED]');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });
});
