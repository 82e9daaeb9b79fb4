import { inspect } from 'node:util';
import { AuthenticationError, ValidationError } from '@org/connector-core';
import { errorSurface, leaksSecret } from '@org/connector-sandbox';
import { createLeakHarness } from '@org/connector-sandbox/testing';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHexnodeConnector } from '../src/index.js';

/**
 * Hexnode-specific credential checks the conformance suite (`conformance.test.ts`, every failure
 * kind against the sandbox) does not make: a `next` link on another host (pages are numbered, so
 * it is never followed), the JSON path of a validation error in Hexnode's user shape, same-origin
 * redirects and construction-time refusals of portals and base URLs. Everything a host app can
 * observe is searched for any 10-character run of the key.
 */
const TOKEN = 'hxn-CANARY-Wq3Er7Ty1Ui5Op9As2Df6Gh0Jk4Lz8Xc';
const API = 'https://acme.hexnodemdm.com';
const EVIL = 'https://evil.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup() {
  const h = createLeakHarness({
    secrets: [TOKEN],
    foreignOrigin: EVIL,
    foreignReply: { count: 0, next: null, previous: null, results: [] },
  });
  const hexnode = createHexnodeConnector({
    apiKey: TOKEN,
    portal: 'acme',
    managedDevices: 1000,
    pageSize: 2,
    clock: h.clock,
    retry: { limit: 1, random: () => 0 },
    timeout: { perAttemptMs: 5_000 },
    onEvent: h.onEvent,
    fetch: h.fetch,
  });
  return Object.assign(h, { hexnode });
}

type Setup = ReturnType<typeof setup>;
const leaks = (text: string) => leaksSecret(text, [TOKEN]);

/** Nothing observable holds the key, and it went to the API origin only. */
function assertClean(s: Setup, error?: unknown) {
  s.assertNoLeak(s.hexnode, error);
  for (const r of s.sent) expect(r.url.origin).toBe(API);
}

const user = (n: number) => ({ id: n, name: `User ${n}`, email: `user${n}@acme.io` });

/**
 * Page 1 of 2 answers with a `next` link on the foreign host (pages are numbered, so it must be
 * ignored); page 2 is what the case makes fail.
 */
function firstPage() {
  nock(API)
    .get('/api/v1/users/')
    .query({ page: '1', per_page: '2', order_by: 'id' })
    .times(2) // read first for the count, and again last (the list is read backward after it)
    .reply(200, {
      count: 4,
      next: `${EVIL}/api/v1/users/?page=2&per_page=2&key=${TOKEN}`,
      previous: null,
      results: [user(1), user(2)],
    });
  return nock(API).get('/api/v1/users/').query({ page: '2', per_page: '2', order_by: 'id' });
}

const long = (n: number) => `${'x'.repeat(n)}${TOKEN}`;
const echoHeaders = {
  'x-request-id': long(185),
  'www-authenticate': `Bearer error="invalid_token", token="${TOKEN}"`,
  'set-cookie': `session=${TOKEN}`,
};

describe('hexnode secret canary: what the conformance suite does not check', () => {
  it('a ValidationError names the JSON path and the kind, never the value', async () => {
    const s = setup();
    firstPage().reply(200, {
      count: 4,
      next: null,
      previous: null,
      results: [
        { ...user(3), id: TOKEN },
        { ...user(4), email: { key: TOKEN } },
      ],
    });
    const error = (await s
      .run(s.hexnode.users.list().toArray())
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.path).toBe('$.results[0].id');
    expect(error.message).toContain('$.results[0].id');
    expect(error.issues.map((i) => [i.path, i.received])).toEqual(
      expect.arrayContaining([
        ['$.results[0].id', 'string'],
        ['$.results[1].email', 'object'],
      ]),
    );
    assertClean(s, error);
  });

  it('the echoes were real: the 401 body and headers did carry the key', async () => {
    const s = setup();
    let echoed = '';
    nock(API)
      .get('/api/v1/users/')
      .query(true)
      .reply((request: string) => {
        echoed = String((request as unknown as Request).headers.get('authorization'));
        return [401, { detail: `bad token ${TOKEN}` }, echoHeaders];
      });
    const error = (await s.run(s.hexnode.verify()).catch((e: unknown) => e)) as Error;
    expect(echoed).toBe(TOKEN);
    expect(error).toBeInstanceOf(AuthenticationError);
    // Hexnode's 401 message is fixed text; the echoed request id is what got scrubbed.
    expect(JSON.stringify(s.events)).toContain('[REDACTED]');
    assertClean(s, error);
  });
});

describe('hexnode: the API key goes to the configured origin only', () => {
  it('follows a same-origin redirect with the key, and a foreign next link not at all', async () => {
    const s = setup();
    firstPage().reply(307, '', { location: '/api/v1/users/moved/?page=2&per_page=2&order_by=id' });
    nock(API)
      .get('/api/v1/users/moved/')
      .query({ page: '2', per_page: '2', order_by: 'id' })
      .reply(200, { count: 4, next: null, previous: null, results: [user(3), user(4)] });
    const users = await s.run(s.hexnode.users.list().toArray());
    expect(users.map((u) => u.id)).toEqual([1, 2, 3, 4]);
    // Page 1, the redirected hop, its target and page 1 again: all on the API origin, with the key.
    expect(s.sent.map((r) => r.url.origin)).toEqual([API, API, API, API]);
    expect(s.sent[2]?.url.pathname).toBe('/api/v1/users/moved/');
    expect(s.sent[2]?.headers.get('authorization')).toBe(TOKEN);
    assertClean(s);
  });

  it.each([
    [
      'http: baseUrl on a public host',
      { portal: 'acme', baseUrl: 'http://acme.hexnodemdm.com/api/v1/' },
    ],
    ['a look-alike portal host', { portal: 'acme.hexnodemdm.com.evil.test' }],
    ['a portal hidden behind userinfo', { portal: 'https://acme.hexnodemdm.com@evil.test/' }],
    ['a portal with a fragment trick', { portal: 'evil.test#.hexnodemdm.com' }],
    ['a portal with a backslash trick', { portal: 'https://evil.test\\.hexnodemdm.com' }],
    ['a portal with a port', { portal: 'acme.hexnodemdm.com:8443' }],
    [
      'a URL on another host naming the portal in its path',
      { portal: 'https://evil.test/acme.hexnodemdm.com' },
    ],
  ])('refuses %s at construction, without echoing the key', (_name, over) => {
    let error: unknown;
    try {
      createHexnodeConnector({ apiKey: TOKEN, ...over });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(leaks(errorSurface(error))).toBe(false);
  });

  it('accepts http: on loopback only (the sandbox)', () => {
    const h = createHexnodeConnector({
      apiKey: TOKEN,
      portal: 'acme',
      baseUrl: 'http://127.0.0.1:9/api/v1/',
    });
    expect(JSON.stringify(h)).toContain('http://127.0.0.1:9/api/v1/');
    expect(leaks(JSON.stringify(h) + inspect(h, { depth: Infinity, showHidden: true }))).toBe(
      false,
    );
  });

  it('a key with spaces (a bad paste) is refused without echoing it', () => {
    let error: unknown;
    try {
      createHexnodeConnector({ apiKey: `${TOKEN} ${TOKEN}`, portal: 'acme' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(leaks(errorSurface(error))).toBe(false);
  });
});
