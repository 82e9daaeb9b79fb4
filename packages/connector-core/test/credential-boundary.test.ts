import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import nock from 'nock';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { oauth2ClientCredentials } from '../src/auth/oauth2-client-credentials.js';
import { authorizationHeader } from '../src/auth/static-auth.js';
import { createManualClock } from '../src/clock/manual-clock.js';
import { AuthenticationError, ServerError } from '../src/errors/errors.js';
import { createHttpClient } from '../src/http/client.js';
import type { ConnectorEvent } from '../src/http/events.js';
import type { ErrorContext } from '../src/http/options.js';

// Long, with a `/` so a JSON encoder may escape it as `\/`.
const SECRET = 'cb-CANARY-7Qx2/Lm9Vz4Kp8Rt3Wn6Yh1Jd5Fs0Gb';
const BASE = 'https://acme.vendor.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** True when any 10-character run of the secret appears: a clipped secret is still a leak. */
function leaks(text: string): boolean {
  for (let i = 0; i + 10 <= SECRET.length; i++)
    if (text.includes(SECRET.slice(i, i + 10))) return true;
  return false;
}

function everything(error: unknown, events: ConnectorEvent[]): string {
  const parts = [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error)];
  for (let c: unknown = error; c instanceof Error; c = c.cause)
    parts.push(c.message, String(c.stack));
  parts.push(JSON.stringify(events));
  return parts.join('\n');
}

function client(mapError?: (ctx: ErrorContext) => undefined) {
  const events: ConnectorEvent[] = [];
  const http = createHttpClient({
    vendor: 'acme',
    baseUrl: `${BASE}/api/`,
    auth: authorizationHeader(SECRET),
    clock: createManualClock(),
    retry: { limit: 0 },
    onEvent: (e) => events.push(e),
    mapError,
  });
  return { http, events };
}

describe('secrets cut short by a length limit', () => {
  it('an error summary clipped at 200 characters keeps no part of an echoed secret', async () => {
    nock(BASE)
      .get('/api/x')
      .reply(401, { detail: `${'x'.repeat(185)}${SECRET}` });
    const { http, events } = client();
    const error = await http.request({ path: 'x', schema: v.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('x'.repeat(100));
    expect(leaks(everything(error, events))).toBe(false);
  });

  it('a JSON-escaped secret (\\/) in a clipped summary leaves nothing behind', async () => {
    const escaped = JSON.stringify({ detail: `${'x'.repeat(185)}${SECRET}` }).replaceAll(
      '/',
      '\\/',
    );
    nock(BASE).get('/api/x').reply(403, escaped, { 'content-type': 'application/json' });
    const { http, events } = client();
    const error = await http.request({ path: 'x', schema: v.unknown() }).catch((e: unknown) => e);
    expect(leaks(everything(error, events))).toBe(false);
  });

  it('a request-id header clipped at 200 characters keeps no part of an echoed secret', async () => {
    nock(BASE)
      .get('/api/x')
      .reply(500, 'boom', { 'x-request-id': `${'r'.repeat(185)}${SECRET}` });
    const { http, events } = client();
    const error = await http.request({ path: 'x', schema: v.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).requestId).toMatch(/^r{185}/);
    expect(events.some((e) => e.type === 'response' && e.requestId?.startsWith('rrr'))).toBe(true);
    expect(leaks(everything(error, events))).toBe(false);
  });

  it("a vendor's mapError hook sees the body with the secret already scrubbed", async () => {
    const seen: string[] = [];
    nock(BASE)
      .get('/api/x')
      .reply(400, `{"message":"bad key ${SECRET.replaceAll('/', '\\/')}","key":"${SECRET}"}`);
    const { http } = client((ctx) => {
      seen.push(ctx.bodyText, JSON.stringify(ctx.body));
      return undefined;
    });
    await http.request({ path: 'x', schema: v.unknown() }).catch(() => {});
    expect(seen).toHaveLength(2);
    expect(seen.join('\n')).toContain('[REDACTED]');
    expect(leaks(seen.join('\n'))).toBe(false);
  });
});

describe('the OAuth token request goes only to the token URL', () => {
  // Real loopback sockets: two servers on two ports are two origins, and fetch follows (or not)
  // the redirect exactly as it would in production.
  const received: Array<{ url: string; authorization: string | undefined }> = [];
  let idp: Server;
  let evil: Server;
  const origin = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    evil = createServer((req, res) => {
      received.push({ url: req.url ?? '', authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'attacker-token', expires_in: 3600 }));
    });
    idp = createServer((req, res) => {
      // /token → another origin; /same → another path here, which then leaves too.
      res.statusCode = 307;
      res.setHeader('location', req.url === '/same' ? '/elsewhere' : `${origin(evil)}/steal`);
      res.end();
    });
    await Promise.all(
      [evil, idp].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))),
    );
  });
  afterAll(async () => {
    await Promise.all([evil, idp].map((s) => new Promise((r) => s.close(r))));
    nock.disableNetConnect();
  });

  it.each([
    ['another origin', '/token'],
    ['another path of the same origin', '/same'],
  ])('a redirect of the token request to %s is not followed', async (_label, path) => {
    received.length = 0;
    const api = nock(BASE).get('/api/x').reply(200, {});
    const http = createHttpClient({
      vendor: 'acme',
      baseUrl: `${BASE}/api/`,
      auth: oauth2ClientCredentials({
        tokenUrl: `${origin(idp)}${path}`,
        clientId: 'client-1',
        clientSecret: SECRET,
      }),
      retry: { limit: 0 },
      clock: createManualClock(),
    });
    const error = await http.request({ path: 'x', schema: v.unknown() }).catch((e: unknown) => e);
    expect(received).toEqual([]);
    expect(api.isDone()).toBe(false);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/redirect/);
    expect(leaks(everything(error, []))).toBe(false);
  });
});
