import { inspect } from 'node:util';
import { ValidationError } from '@org/connector-core';
import { errorSurface, leaksSecret } from '@org/connector-sandbox';
import { createLeakHarness } from '@org/connector-sandbox/testing';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKandjiConnector, type KandjiConnector } from '../src/index.js';

/**
 * Kandji-specific credential checks the conformance suite (`conformance.test.ts`, every failure
 * kind against the sandbox) does not make: a `next` link on another host, the JSON path of a
 * validation error in Kandji's user shape, same-origin redirects and construction-time refusals.
 * Everything a host app can observe is searched for any 10-character run of the token.
 */
const TOKEN = 'kdj-CANARY-Zr8Qm2Xv5Tn9Lw4Hc7Pb1Ks6Dy3Fg0Ja';
const API = 'https://acme.api.kandji.io';
const EVIL = 'https://evil.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup() {
  const h = createLeakHarness({
    secrets: [TOKEN],
    foreignOrigin: EVIL,
    foreignReply: { next: null, previous: null, results: [] },
  });
  const kandji = createKandjiConnector({
    apiToken: TOKEN,
    apiUrl: 'acme.api.kandji.io',
    clock: h.clock,
    retry: { limit: 1, random: () => 0 },
    timeout: { perAttemptMs: 5_000 },
    onEvent: h.onEvent,
    fetch: h.fetch,
  });
  return Object.assign(h, { kandji });
}

type Setup = ReturnType<typeof setup>;
const leaks = (text: string) => leaksSecret(text, [TOKEN]);

/** Nothing observable holds the token, and it went to the API origin only. */
function assertClean(s: Setup, error?: unknown) {
  s.assertNoLeak(s.kandji, error);
  for (const r of s.sent) expect(r.url.origin).toBe(API);
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const user = (n: number) => ({
  id: uuid(n),
  email: `user${n}@acme.io`,
  name: `User ${n}`,
  active: true,
  archived: false,
  created_at: '2024-09-06T21:00:04.304248Z',
  updated_at: '2024-09-06T21:00:04.304280Z',
});

/** Page 1 answers with a `next` link on the foreign host; page 2 is what the case makes fail. */
function firstPage() {
  nock(API)
    .get('/api/v1/users')
    .reply(200, {
      next: `${EVIL}/api/v1/users?cursor=c2&token=${TOKEN}`,
      previous: null,
      results: [user(1)],
    });
  return nock(API).get('/api/v1/users').query({ cursor: 'c2' });
}

describe('kandji: what the conformance suite cannot see', () => {
  it("a next link on another host gives only its cursor: page 2 goes to the API, without the link's token", async () => {
    const s = setup();
    firstPage().reply(200, { next: null, previous: null, results: [user(2)] });
    const users = await s.run(s.kandji.users.list().toArray());
    expect(users.map((u) => u.email)).toEqual(['user1@acme.io', 'user2@acme.io']);
    expect(s.sent[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(s.sent[1]?.url.searchParams.get('cursor')).toBe('c2');
    expect(s.sent[1]?.url.searchParams.has('token')).toBe(false);
    assertClean(s);
  });

  it('a ValidationError names the JSON path and the kind, never the value', async () => {
    const s = setup();
    firstPage().reply(200, {
      next: null,
      previous: null,
      results: [
        { ...user(2), id: TOKEN.length, email: TOKEN },
        { ...user(3), active: TOKEN },
      ],
    });
    const error = (await s
      .run(s.kandji.users.list().toArray())
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.path).toBe('$.results[0].id');
    expect(error.message).toContain('$.results[0].id');
    expect(error.issues.map((i) => [i.path, i.received])).toEqual(
      expect.arrayContaining([
        ['$.results[0].id', 'number'],
        ['$.results[1].active', 'string'],
      ]),
    );
    assertClean(s, error);
  });
});

describe('kandji: the token goes to the configured origin only', () => {
  it('follows a same-origin redirect with the token, and a foreign next link only by its cursor', async () => {
    const s = setup();
    firstPage().reply(307, '', { location: '/api/v1/users/?cursor=c2&moved=1' });
    nock(API)
      .get('/api/v1/users/')
      .query({ cursor: 'c2', moved: '1' })
      .reply(200, { next: null, previous: null, results: [user(2)] });
    const users = await s.run(s.kandji.users.list().toArray());
    expect(users.map((u) => u.email)).toEqual(['user1@acme.io', 'user2@acme.io']);
    // Page 1, the redirected hop, and its target: all on the API origin, all with the token.
    expect(s.sent.map((r) => r.url.origin)).toEqual([API, API, API]);
    expect(s.sent[2]?.url.pathname).toBe('/api/v1/users/');
    expect(s.sent[2]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    assertClean(s);
  });

  it.each([
    ['http: on a public host', { baseUrl: 'http://acme.api.kandji.io' }],
    ['http: apiUrl', { apiUrl: 'http://acme.api.kandji.io' }],
    ['a look-alike host', { apiUrl: 'https://acme.api.kandji.io.evil.test' }],
    ['a host hidden behind userinfo', { apiUrl: `https://acme.api.kandji.io@evil.test` }],
    ['a backslash trick', { apiUrl: 'https://evil.test\\.api.kandji.io' }],
    ['a path on another host', { apiUrl: 'evil.test/acme.api.kandji.io' }],
  ])('refuses %s at construction, without echoing the token', (_name, over) => {
    let error: unknown;
    try {
      createKandjiConnector({ apiToken: TOKEN, ...over });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(leaks(errorSurface(error))).toBe(false);
  });

  it('accepts http: on loopback only (the sandbox)', () => {
    const k: KandjiConnector = createKandjiConnector({
      apiToken: TOKEN,
      baseUrl: 'http://127.0.0.1:9/',
    });
    expect(JSON.stringify(k)).toContain('http://127.0.0.1:9/api/v1/');
    expect(leaks(JSON.stringify(k) + inspect(k, { depth: Infinity }))).toBe(false);
  });

  it('a token pasted with a Bearer prefix is refused without echoing it', () => {
    let error: unknown;
    try {
      createKandjiConnector({ apiToken: `Bearer ${TOKEN}`, apiUrl: API });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(leaks(errorSurface(error))).toBe(false);
  });
});
