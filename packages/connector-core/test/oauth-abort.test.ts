import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauth2ClientCredentials } from '../src/auth/oauth2-client-credentials.js';
import { createManualClock } from '../src/clock/manual-clock.js';
import { AbortError } from '../src/errors/errors.js';
import { createHttpClient } from '../src/http/client.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

let server: Server;
let base = '';
const token = { received: 0, closed: 0 };

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  // A token endpoint that takes the request and never answers.
  server = createServer((req, res) => {
    token.received++;
    req.resume();
    res.on('close', () => token.closed++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  nock.disableNetConnect();
});

describe('the OAuth token request follows its callers', () => {
  it('closes the token request socket when the only caller aborts', async () => {
    const clock = createManualClock();
    const http = createHttpClient({
      vendor: 'acme',
      baseUrl: `${base}/api/`,
      clock,
      auth: oauth2ClientCredentials({
        tokenUrl: `${base}/oauth2/token`,
        clientId: 'client',
        clientSecret: 'client-secret-value',
        clock,
      }),
    });
    const ac = new AbortController();
    const call = http
      .request({ path: 'users', schema: v.unknown(), signal: ac.signal })
      .catch((e: unknown) => e);
    while (token.received === 0) await turn();
    ac.abort();
    expect(await call).toBeInstanceOf(AbortError);
    // No clock time passes: the 30 s token timeout never fires; only the abort can close it.
    for (let i = 0; i < 200 && token.closed === 0; i++) await turn();
    expect(token.closed).toBe(1);
  });

  it('keeps the request going while another caller still waits for it', async () => {
    const clock = createManualClock();
    const auth = oauth2ClientCredentials({
      tokenUrl: `${base}/oauth2/token`,
      clientId: 'client',
      clientSecret: 'client-secret-value',
      clock,
    });
    const http = createHttpClient({ vendor: 'acme', baseUrl: `${base}/api/`, clock, auth });
    token.received = 0;
    token.closed = 0;
    const first = new AbortController();
    const second = new AbortController();
    const a = http
      .request({ path: 'a', schema: v.unknown(), signal: first.signal })
      .catch((e: unknown) => e);
    const b = http
      .request({ path: 'b', schema: v.unknown(), signal: second.signal })
      .catch((e: unknown) => e);
    while (token.received === 0) await turn();
    first.abort();
    expect(await a).toBeInstanceOf(AbortError);
    for (let i = 0; i < 50; i++) await turn();
    expect(token).toEqual({ received: 1, closed: 0 });
    second.abort();
    expect(await b).toBeInstanceOf(AbortError);
    for (let i = 0; i < 200 && token.closed === 0; i++) await turn();
    expect(token.closed).toBe(1);
  });
});
