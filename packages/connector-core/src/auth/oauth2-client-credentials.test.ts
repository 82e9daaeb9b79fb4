import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDriver } from '../../test/helpers/drive.js';
import { createManualClock } from '../clock/manual-clock.js';
import {
  AuthenticationError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import { oauth2ClientCredentials } from './oauth2-client-credentials.js';

const API = 'https://console.vendor.test';
const IDP = 'https://auth.vendor.test';
const basic = `Basic ${Buffer.from('client-1:shh-client-secret').toString('base64')}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup(
  o: {
    timeoutMs?: number;
    retry?: { limit: number };
    clientId?: string;
    clientSecret?: string;
  } = {},
) {
  const clock = createManualClock();
  const driver = createDriver(clock);
  const auth = oauth2ClientCredentials({
    tokenUrl: `${IDP}/oauth2/token`,
    clientId: o.clientId ?? 'client-1',
    clientSecret: o.clientSecret ?? 'shh-client-secret',
    scope: 'api',
    clock,
    fetch: driver.fetch,
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
  });
  const http = createHttpClient({
    vendor: 'acme',
    baseUrl: API,
    auth,
    clock,
    fetch: driver.fetch,
    ...(o.retry ? { retry: o.retry } : {}),
  });
  return { clock, auth, http, driver };
}

function tokenEndpoint(token: string, expiresIn = 3600) {
  return nock(IDP, { reqheaders: { authorization: basic } })
    .post('/oauth2/token', 'grant_type=client_credentials&scope=api')
    .reply(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
}

describe('oauth2ClientCredentials', () => {
  it('makes one token request for 20 concurrent requests (single-flight)', async () => {
    const token = tokenEndpoint('access-1');
    const api = nock(API, { reqheaders: { authorization: 'Bearer access-1' } })
      .get('/api/things')
      .times(20)
      .reply(200, { ok: true });
    const { http } = setup();
    await Promise.all(
      Array.from({ length: 20 }, () => http.request({ path: 'api/things', schema: v.unknown() })),
    );
    token.done();
    api.done();
  });

  it('caches the token until shortly before it expires', async () => {
    tokenEndpoint('access-1', 600);
    tokenEndpoint('access-2', 600);
    nock(API)
      .get('/api/things')
      .matchHeader('authorization', 'Bearer access-1')
      .times(2)
      .reply(200, {});
    nock(API).get('/api/things').matchHeader('authorization', 'Bearer access-2').reply(200, {});
    const { http, clock } = setup();
    await http.request({ path: 'api/things', schema: v.unknown() });
    await clock.advance(500_000); // 540 s is the refresh point (600 s minus 60 s skew)
    await http.request({ path: 'api/things', schema: v.unknown() });
    await clock.advance(50_000);
    await http.request({ path: 'api/things', schema: v.unknown() });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refreshes once and retries after a 401, even for a POST', async () => {
    tokenEndpoint('stale');
    tokenEndpoint('fresh');
    nock(API).post('/api/search').matchHeader('authorization', 'Bearer stale').reply(401, {});
    nock(API)
      .post('/api/search')
      .matchHeader('authorization', 'Bearer fresh')
      .reply(200, { hits: 1 });
    const { http } = setup();
    const res = await http.request({
      method: 'POST',
      path: 'api/search',
      json: {},
      schema: v.unknown(),
    });
    expect(res.data).toEqual({ hits: 1 });
  });

  it('refreshes only once when 20 concurrent requests get a 401', async () => {
    tokenEndpoint('stale');
    const fresh = tokenEndpoint('fresh');
    nock(API)
      .get('/api/things')
      .matchHeader('authorization', 'Bearer stale')
      .times(20)
      .reply(401, {});
    nock(API)
      .get('/api/things')
      .matchHeader('authorization', 'Bearer fresh')
      .times(20)
      .reply(200, {});
    const { http } = setup();
    await Promise.all(
      Array.from({ length: 20 }, () => http.request({ path: 'api/things', schema: v.unknown() })),
    );
    fresh.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('gives up with AuthenticationError when the fresh token is rejected too', async () => {
    tokenEndpoint('a');
    tokenEndpoint('b');
    nock(API).get('/api/things').times(2).reply(401, { error: 'invalid token' });
    const { http } = setup();
    await expect(http.request({ path: 'api/things', schema: v.unknown() })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reports rejected client credentials as AuthenticationError without the secret', async () => {
    nock(IDP)
      .post('/oauth2/token')
      .reply(401, { error: 'invalid_client', secret: 'shh-client-secret' });
    const { http } = setup();
    const error = await http
      .request({ path: 'api/things', schema: v.unknown() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(
      'shh-client-secret',
    );
  });

  it('form-urlencodes the client id and secret before the Basic header (RFC 6749 §2.3.1)', async () => {
    // Without the encoding, `a:b` + `c` and `a` + `b:c` send the same header.
    const expected = `Basic ${Buffer.from('tenant%3Aclient:s%2Bc+r%25t%3A1').toString('base64')}`;
    const token = nock(IDP, { reqheaders: { authorization: expected } })
      .post('/oauth2/token')
      .reply(200, { access_token: 'access-1', expires_in: 3600 });
    nock(API).get('/api/things').reply(200, {});
    const { http, auth } = setup({ clientId: 'tenant:client', clientSecret: 's+c r%t:1' });
    await http.request({ path: 'api/things', schema: v.unknown() });
    token.done();
    // The encoded secret is a secret too: an error echoing it is redacted.
    expect(auth.secrets()).toEqual(expect.arrayContaining(['s+c r%t:1', 's%2Bc+r%25t%3A1']));
  });

  it('names expires_in, not the access token, when expires_in is null', async () => {
    nock(IDP)
      .post('/oauth2/token')
      .reply(200, { access_token: 'access-1', token_type: 'bearer', expires_in: null });
    const { http } = setup();
    const error = await http
      .request({ path: 'api/things', schema: v.unknown() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/response's expires_in is null, expected/);
    expect((error as ValidationError).path).toBe('$.expires_in');
    expect(JSON.stringify(error)).not.toContain('access-1');
  });

  it('names the access token when it is missing', async () => {
    nock(IDP).post('/oauth2/token').reply(200, { token_type: 'bearer', expires_in: 3600 });
    const { http } = setup();
    const error = await http
      .request({ path: 'api/things', schema: v.unknown() })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("The OAuth token response's access_token is missing");
  });

  it('lists the client secret, the Basic value and issued tokens as secrets', async () => {
    tokenEndpoint('access-1');
    nock(API).get('/api/things').reply(200, {});
    const { http, auth } = setup();
    await http.request({ path: 'api/things', schema: v.unknown() });
    expect(auth.secrets()).toEqual(
      expect.arrayContaining(['shh-client-secret', basic.slice(6), 'access-1']),
    );
    expect(JSON.stringify(auth)).not.toContain('shh');
  });

  it('never sends credentials to another origin', async () => {
    const clock = createManualClock();
    const driver = createDriver(clock);
    const http = createHttpClient({
      vendor: 'acme',
      baseUrl: API,
      auth: oauth2ClientCredentials({
        tokenUrl: `${IDP}/t`,
        clientId: 'c',
        clientSecret: 's',
        clock,
      }),
      clock,
      fetch: driver.fetch,
    });
    await expect(
      http.request({ path: 'https://evil.test/x', schema: v.unknown() }),
    ).rejects.toThrow(/another origin/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries the API request when the token endpoint fails once with a 503', async () => {
    nock(IDP).post('/oauth2/token').reply(503, 'unavailable');
    tokenEndpoint('access-1');
    const api = nock(API, { reqheaders: { authorization: 'Bearer access-1' } })
      .get('/api/things')
      .reply(200, { ok: true });
    const { http, driver } = setup();
    const res = await driver.run(http.request({ path: 'api/things', schema: v.unknown() }));
    expect(res.data).toEqual({ ok: true });
    api.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('gives up on a token endpoint that never answers, and the next request asks again', async () => {
    nock(IDP).post('/oauth2/token').delay(3_600_000).reply(200, { access_token: 'late' });
    tokenEndpoint('access-2');
    nock(API, { reqheaders: { authorization: 'Bearer access-2' } })
      .get('/api/things')
      .reply(200, { ok: true });
    const { http, driver } = setup({ timeoutMs: 5_000, retry: { limit: 0 } });
    const first = driver.run(http.request({ path: 'api/things', schema: v.unknown() }), {
      hang: true,
    });
    await expect(first).rejects.toBeInstanceOf(TimeoutError);
    await expect(first).rejects.toThrow(/did not answer within 5000 ms/);
    // The hung request no longer blocks the connection: a new token is requested and used.
    const second = await driver.run(http.request({ path: 'api/things', schema: v.unknown() }));
    expect(second.data).toEqual({ ok: true });
  });
});

describe('oauth2ClientCredentials without a fetch', () => {
  const direct = () =>
    oauth2ClientCredentials({
      tokenUrl: `${IDP}/oauth2/token`,
      clientId: 'client-1',
      clientSecret: 'shh-client-secret',
      scope: 'api',
    });

  it('asks for the token over node:http, as the client sends every other request', async () => {
    const stub = vi.spyOn(globalThis, 'fetch');
    try {
      const token = nock(IDP, {
        reqheaders: {
          authorization: basic,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String('grant_type=client_credentials&scope=api'.length),
        },
      })
        .post('/oauth2/token', 'grant_type=client_credentials&scope=api')
        .reply(200, { access_token: 'access-9', token_type: 'bearer', expires_in: 3600 });
      const api = nock(API, { reqheaders: { authorization: 'Bearer access-9' } })
        .get('/api/things')
        .reply(200, { ok: true });
      const http = createHttpClient({ vendor: 'acme', baseUrl: API, auth: direct() });
      await http.request({ path: 'api/things', schema: v.unknown() });
      token.done();
      api.done();
      expect(stub).not.toHaveBeenCalled();
    } finally {
      stub.mockRestore();
    }
  });

  it('does not follow a redirect of the token request', async () => {
    nock(IDP)
      .post('/oauth2/token')
      .reply(302, '', { location: 'https://elsewhere.test/oauth2/token' });
    const elsewhere = nock('https://elsewhere.test').post('/oauth2/token').reply(200, {});
    const http = createHttpClient({
      vendor: 'acme',
      baseUrl: API,
      auth: direct(),
      retry: { limit: 0 },
    });
    const error = await http.request({ path: 'api/things', schema: v.unknown() }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/redirected the token request; not followed/);
    expect(elsewhere.isDone()).toBe(false);
  });
});
