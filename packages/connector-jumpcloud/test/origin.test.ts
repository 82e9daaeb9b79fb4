import { inspect } from 'node:util';
import {
  AuthenticationError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@org/connector-core';
import { errorSurface, leaksSecret } from '@org/connector-sandbox';
import { createLeakHarness } from '@org/connector-sandbox/testing';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJumpCloudConnector, type JumpCloudConnectorOptions } from '../src/index.js';

/**
 * JumpCloud's own credential checks, beside the conformance suite's generic canaries: unique
 * credentials (an API key, or a service account's client secret and the access tokens it
 * obtains) go only to their own origin (console, Directory Insights, token endpoint), servers
 * echo them in bodies and headers, and everything a host app can observe is searched for any
 * 10-character run of them.
 */
const KEY = 'jck-CANARY-Mn4Bv8Cx2Za6Sd0Fg3Hj7Kl1Qw5Er9Ty';
const CLIENT_SECRET = 'jcs-CANARY-Pl0Ok9Ij8Uh7Yg6Tf5Rd4Es3Wa2Qz1Xc';
// Access tokens with `/`, which JSON encoders may escape as `\/`.
const ACCESS_1 = 'jat-CANARY-1a/Vb2Nc3/Md4Le5/Kf6Jg7/Hh8Gi9Fj0';
const ACCESS_2 = 'jat-CANARY-2k/Lm3Nn4/Ob5Pc6/Qd7Re8/Sf9Tg0Uh1';
const SECRETS = [KEY, CLIENT_SECRET, ACCESS_1, ACCESS_2];
/** A private key in an SSO application's `config`: never to surface anywhere. */
const SSO_KEY = '-----BEGIN PRIVATE KEY-----ssoCANARY-Ya7Xb6Wc5Vd4Ue3Tf2Sg1Rh0';
const API = 'https://console.jumpcloud.com';
const INSIGHTS = 'https://api.jumpcloud.com';
const IDP = 'https://admin-oauth.id.jumpcloud.com';
const ORG = '5a1b2c3d4e5f6a7b8c9d0e1f';
const EVIL = 'https://evil.test';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** True when any 10-character run of any secret appears: a clipped secret is still a leak. */
const leaks = (text: string, secrets: readonly string[] = [...SECRETS, SSO_KEY]) =>
  leaksSecret(text, secrets);

function setup(auth: 'apiKey' | 'serviceAccount' = 'apiKey') {
  const h = createLeakHarness({
    secrets: [...SECRETS, SSO_KEY],
    foreignOrigin: EVIL,
    foreignReply: { access_token: 'attacker-token', expires_in: 3600 },
  });
  const credentials: Partial<JumpCloudConnectorOptions> =
    auth === 'apiKey'
      ? { apiKey: KEY }
      : { serviceAccount: { clientId: 'client-1', clientSecret: CLIENT_SECRET } };
  const jc = createJumpCloudConnector({
    ...credentials,
    orgId: ORG,
    pageSize: 2,
    clock: h.clock,
    retry: { limit: 1, random: () => 0 },
    timeout: { perAttemptMs: 5_000 },
    onEvent: h.onEvent,
    fetch: h.fetch,
  });
  return Object.assign(h, { jc });
}

type Setup = ReturnType<typeof setup>;

/**
 * Nothing observable holds a secret; the API key and access tokens went to the console and
 * Directory Insights origins only, the client credentials to the token URL only.
 */
function assertClean(s: Setup, error?: unknown) {
  s.assertNoLeak(s.jc, error);
  // x-org-id is not a secret: it stays visible.
  expect(JSON.stringify(s.jc)).toContain(ORG);
  for (const r of s.sent) {
    const where = `${r.url.origin}${r.url.pathname}`;
    const auth = r.headers.get('authorization') ?? '';
    if (where === `${IDP}/oauth2/token`) {
      expect(r.headers.get('x-api-key')).toBeNull();
      expect(auth.startsWith('Basic ')).toBe(true);
    } else {
      expect([API, INSIGHTS]).toContain(r.url.origin);
      expect(auth.startsWith('Basic ')).toBe(false);
    }
  }
}

const uid = (n: number) => `5f00${n.toString(16).padStart(20, '0')}`;
const user = (n: number) => ({
  _id: uid(n),
  email: `user${n}@acme.io`,
  username: `user${n}`,
  state: 'ACTIVATED',
});

/** Page 1 of 2 (pages overlap by one); page 2 is what the case makes fail. */
function firstPage() {
  nock(API)
    .get('/api/systemusers')
    .query((q) => q.skip === '0')
    .reply(200, { totalCount: 3, results: [user(1), user(2)] });
  return nock(API)
    .get('/api/systemusers')
    .query((q) => q.skip === '1');
}

/** A service account gets ACCESS_1, then ACCESS_2 when it refreshes after a 401. */
function tokenEndpoint() {
  nock(IDP).post('/oauth2/token').reply(200, { access_token: ACCESS_1, expires_in: 3600 });
  nock(IDP).post('/oauth2/token').reply(200, { access_token: ACCESS_2, expires_in: 3600 });
}

/** The credential a request carried, as a server that echoes it back sees it. */
function credentialOf(request: unknown): string {
  const headers = (request as Request).headers;
  return headers.get('x-api-key') ?? headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
}

const long = (n: number, secret: string) => `${'x'.repeat(n)}${secret}`;
const echoHeaders = (secret: string) => ({
  'x-request-id': long(185, secret),
  'www-authenticate': `Bearer error="invalid_token", token="${secret}"`,
});
/** Replies `status` with `body(secret)`, echoing the credential the request carried. */
const echo =
  (status: number, body: (secret: string) => unknown, headers: Record<string, string> = {}) =>
  (request: unknown): [number, unknown, Record<string, string>] => {
    const secret = credentialOf(request);
    return [status, body(secret), { ...echoHeaders(secret), ...headers }];
  };

type Arrange = (s: Setup, ac: AbortController, cred: string) => void;
// The generic canaries (every failure mid-listing, both credentials) are the conformance suite's
// (conformance.test.ts); what stays here is JumpCloud's own: its "blocked" 403, the token
// endpoint, Directory Insights, construction and the SSO application config.
const cases: Array<[string, new (...a: never[]) => Error, Arrange, boolean?]> = [
  [
    '403 "blocked" asking for an hour',
    RateLimitError,
    () => {
      firstPage().reply(
        echo(403, (c) => ({ message: 'Forbidden', error: `blocked for abuse ${long(150, c)}` }), {
          'retry-after': '3600',
        }),
      );
    },
  ],
];

describe.each([
  ['API key', 'apiKey' as const, KEY],
  ['service account', 'serviceAccount' as const, ACCESS_1],
])(
  'jumpcloud secret canary (%s): a failure mid-pagination only JumpCloud sends',
  (_label, mode, cred) => {
    it.each(cases)('%s', async (_name, type, arrange, hang) => {
      const s = setup(mode);
      if (mode === 'serviceAccount') tokenEndpoint();
      const ac = new AbortController();
      arrange(s, ac, cred);
      const error = await s
        .run(s.jc.users.list({ signal: ac.signal }).toArray(), { hang })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      const pages = s.sent.filter((r) => r.url.pathname === '/api/systemusers');
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[1]?.url.searchParams.get('skip')).toBe('1');
      expect(pages[0]?.headers.get('x-org-id')).toBe(ORG);
      if (mode === 'apiKey') expect(pages[0]?.headers.get('x-api-key')).toBe(KEY);
      else expect(pages[0]?.headers.get('authorization')).toBe(`Bearer ${ACCESS_1}`);
      assertClean(s, error);
    });
  },
);

describe('jumpcloud: credentials go to their own origin only', () => {
  it('the echoes were real: a 401 after a refresh echoed both access tokens', async () => {
    const s = setup('serviceAccount');
    tokenEndpoint();
    const seen: string[] = [];
    firstPage()
      .times(2)
      .reply((request: string) => {
        seen.push(credentialOf(request));
        return echo(401, (c) => ({ message: `invalid token ${c}` }))(request);
      });
    const error = (await s.run(s.jc.users.list().toArray()).catch((e: unknown) => e)) as Error;
    expect(seen).toEqual([ACCESS_1, ACCESS_2]);
    expect(error).toBeInstanceOf(AuthenticationError);
    // The 401 says what to do; the vendor's text (which echoed the token) is left out.
    expect(error.message).toMatch(/rejected the service account/);
    expect(error.message).not.toContain('invalid token');
    assertClean(s, error);
  });

  it('the token request goes to the token URL with Basic client credentials; API calls carry only the bearer', async () => {
    const s = setup('serviceAccount');
    tokenEndpoint();
    nock(API)
      .get('/api/systemusers')
      .query(true)
      .reply(200, { totalCount: 1, results: [user(1)] });
    nock(INSIGHTS)
      .post('/insights/directory/v1/events')
      .reply(200, [], { 'x-result-count': '0', 'x-limit': '1000' });
    expect(await s.run(s.jc.users.list().toArray())).toHaveLength(1);
    expect(await s.run(s.jc.events.list({ start: '2024-01-01T00:00:00Z' }).toArray())).toEqual([]);
    const basic = `Basic ${Buffer.from(`client-1:${CLIENT_SECRET}`).toString('base64')}`;
    expect(s.sent.map((r) => [r.url.origin, r.headers.get('authorization')])).toEqual([
      [IDP, basic],
      [API, `Bearer ${ACCESS_1}`],
      [INSIGHTS, `Bearer ${ACCESS_1}`],
    ]);
    assertClean(s);
  });

  it('a token endpoint that rejects the client and echoes the secret and the Basic value', async () => {
    const s = setup('serviceAccount');
    nock(IDP)
      .post('/oauth2/token')
      .reply((request: string) => {
        const basic = (request as unknown as Request).headers.get('authorization') ?? '';
        return [
          401,
          { error: 'invalid_client', error_description: `${basic} / ${CLIENT_SECRET}` },
          { 'x-request-id': long(185, CLIENT_SECRET), 'www-authenticate': basic },
        ];
      });
    const error = await s.run(s.jc.users.list().toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    assertClean(s, error);
  });

  it('a token endpoint that redirects to another host is not followed', async () => {
    const s = setup('serviceAccount');
    nock(IDP)
      .post('/oauth2/token')
      .reply(307, '', { location: `${EVIL}/oauth2/token` });
    const api = nock(API).get('/api/systemusers').query(true).reply(200, {});
    const error = (await s.run(s.jc.verify()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toMatch(/redirect/);
    expect(api.isDone()).toBe(false);
    assertClean(s, error);
  });

  it('a Directory Insights error echoing the key is scrubbed', async () => {
    const s = setup('apiKey');
    nock(INSIGHTS)
      .post('/insights/directory/v1/events')
      .times(2)
      .reply(echo(500, (c) => ({ message: long(170, c) })));
    const error = await s
      .run(s.jc.events.list({ start: '2024-01-01T00:00:00Z' }).toArray())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    assertClean(s, error);
  });

  it.each([
    ['http: baseUrl on a public host', { baseUrl: 'http://console.jumpcloud.com' }],
    ['http: token URL on a public host', { tokenUrl: 'http://admin-oauth.id.jumpcloud.com/t' }],
    ['http: insights URL on a public host', { insightsBaseUrl: 'http://api.jumpcloud.com/x' }],
    ['a base URL with credentials', { baseUrl: `https://u:${KEY}@console.jumpcloud.com` }],
    ['an unknown region', { region: 'evil.test' as never }],
  ])('refuses %s at construction, without echoing a secret', (_name, over) => {
    let error: unknown;
    try {
      createJumpCloudConnector({
        serviceAccount: { clientId: 'client-1', clientSecret: CLIENT_SECRET },
        ...over,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(leaks(errorSurface(error))).toBe(false);
  });

  it.each([
    [
      'both an API key and a service account',
      { apiKey: KEY, serviceAccount: { clientId: 'c', clientSecret: CLIENT_SECRET } },
    ],
    ['a key with whitespace', { apiKey: `${KEY} ${KEY}` }],
    [
      'a client secret with whitespace',
      { serviceAccount: { clientId: 'c', clientSecret: `${CLIENT_SECRET}\n${CLIENT_SECRET}` } },
    ],
  ])('a bad credential config (%s) does not echo the secret', (_name, config) => {
    let error: unknown;
    try {
      createJumpCloudConnector(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(leaks(errorSurface(error))).toBe(false);
  });
});

describe('jumpcloud: an SSO application config never surfaces', () => {
  const app = (n: number, extra: Record<string, unknown> = {}) => ({
    _id: uid(n),
    name: `app-${n}`,
    displayLabel: `App ${n}`,
    sso: { type: 'saml', idpCertExpirationAt: '2030-01-01T00:00:00Z' },
    config: {
      idpPrivateKey: { value: SSO_KEY },
      idpCertificate: { value: SSO_KEY.replace('PRIVATE KEY', 'CERTIFICATE') },
    },
    ...extra,
  });

  it('not in list or get results, nor in events', async () => {
    const s = setup();
    nock(API)
      .get('/api/applications')
      .query(true)
      .reply(200, { totalCount: 2, results: [app(1), app(2)] })
      // The full page ends at the total: the next one (its overlap row only) confirms it.
      .get('/api/applications')
      .query(true)
      .reply(200, { totalCount: 2, results: [app(2)] });
    nock(API)
      .get(`/api/applications/${uid(1)}`)
      .reply(200, app(1));
    const apps = await s.run(s.jc.applications.list().toArray());
    const one = await s.run(s.jc.applications.get(uid(1)));
    expect(apps.map((a) => a.displayLabel)).toEqual(['App 1', 'App 2']);
    expect(one.sso?.idpCertExpirationAt).toBe('2030-01-01T00:00:00Z');
    for (const a of [...apps, one]) expect(a).not.toHaveProperty('config');
    expect(leaks(JSON.stringify([apps, one]) + inspect([apps, one], { depth: Infinity }))).toBe(
      false,
    );
    assertClean(s);
  });

  it('not in a ValidationError about the application that holds it', async () => {
    const s = setup();
    nock(API)
      .get('/api/applications')
      .query(true)
      .reply(200, { totalCount: 1, results: [app(1, { _id: 7, name: { config: SSO_KEY } })] });
    const error = (await s
      .run(s.jc.applications.list().toArray())
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.path).toBe('$.results[0]._id');
    assertClean(s, error);
  });
});
