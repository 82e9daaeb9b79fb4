import {
  AuthenticationError,
  ConfigError,
  type ConnectorEvent,
  type InvalidItem,
  PermissionError,
  RateLimitError,
  ValidationError,
} from '@org/connector-core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { connectorOnManualClock } from '../test/helpers/drive.js';
import { jumpCloudPasswordPending } from './accounts.js';
import { createJumpCloudConnector } from './connector.js';

const BASE = 'https://console.jumpcloud.com';
const IDP = 'https://admin-oauth.id.jumpcloud.com';
const ORG = '5a1b2c3d4e5f6a7b8c9d0e1f';
const KEY = 'jc-key-SECRET-0123456789';
const CLIENT_SECRET = 'client-SECRET-abcdef';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const page = (results: unknown[], totalCount = results.length) => ({ totalCount, results });

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('SECRET');
  return e;
}

describe('accounts()', () => {
  it('maps states, lowercases email and survives a user without mfa', async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query({
        sort: '_id',
        limit: '100',
        skip: '0',
        // Only what accounts() validates: the page is a fraction of a full user's size.
        fields:
          '_id username firstname lastname displayname state activated suspended created enable_user_portal_multifactor department jobTitle employeeIdentifier email mfa mfaEnrollment',
      })
      .reply(
        200,
        page([
          {
            _id: 'u1',
            email: ' Ada@Example.COM ',
            state: 'ACTIVATED',
            displayname: 'Ada Lovelace',
            created: '2023-05-01T10:00:00.000Z',
            mfa: { configured: true, exclusion: false },
            badLoginAttempts: 2,
          },
          {
            _id: 'u2',
            email: 'bob@example.com',
            state: 'SUSPENDED',
            firstname: 'Bob',
            lastname: 'B',
          },
          { _id: 'u3', email: 'cy@example.com', state: 'STAGED', username: 'cy' },
          { _id: 'u4', email: 'di@example.com', suspended: true },
        ]),
      );
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, name: 'Acme' });
    const accounts = await collect(jc.accounts());
    expect(accounts.map((a) => [a.id, a.email, a.name, a.status])).toEqual([
      ['u1', 'ada@example.com', 'Ada Lovelace', 'active'],
      ['u2', 'bob@example.com', 'Bob B', 'suspended'],
      ['u3', 'cy@example.com', 'cy', 'pending'],
      ['u4', 'di@example.com', undefined, 'suspended'],
    ]);
    expect(accounts[0]?.createdAt).toEqual(new Date('2023-05-01T10:00:00.000Z'));
    expect(accounts[0]?.connection).toBe('Acme');
    expect(accounts[0]?.vendor).toBe('jumpcloud');
    // raw is the validated projection the account was built from, not the whole user.
    expect(Object.keys(accounts[0]?.raw as object).sort()).toEqual(
      expect.arrayContaining(['_id', 'email']),
    );
    expect(accounts[0]?.raw).toHaveProperty('mfa');
    expect(accounts[0]?.raw).not.toHaveProperty('badLoginAttempts');
  });

  it('maps both record shapes alike: status from state, else suspended; activated is the password flag', async () => {
    // One person read from a record with `state` and from an older one without it.
    nock(BASE)
      .get('/api/systemusers')
      .query(true)
      .reply(
        200,
        page([
          { _id: 'u1', email: 'a@x.io', state: 'ACTIVATED', activated: false, suspended: false },
          { _id: 'u2', email: 'b@x.io', activated: false, suspended: false },
          { _id: 'u3', email: 'c@x.io', activated: true },
          { _id: 'u4', email: 'd@x.io', state: 'STAGED', activated: false },
          { _id: 'u5', email: 'e@x.io', state: 'SUSPENDED', suspended: true, activated: true },
          { _id: 'u6', email: 'f@x.io', state: 'LOCKED_OUT', suspended: false },
        ]),
      );
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const accounts = await collect(jc.accounts());
    expect(accounts.map((a) => [a.id, a.status])).toEqual([
      ['u1', 'active'],
      ['u2', 'active'],
      ['u3', 'active'],
      ['u4', 'pending'],
      ['u5', 'suspended'],
      ['u6', 'active'],
    ]);
    expect(
      accounts.map((a) => jumpCloudPasswordPending(a.raw as { activated?: boolean | null })),
    ).toEqual([true, true, false, true, false, undefined]);
  });

  it('fills MFA, department, title and employee id only from what the record says', async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query(true)
      .reply(
        200,
        page([
          {
            _id: 'u1',
            email: 'a@x.io',
            mfaEnrollment: { overallStatus: 'ENROLLED' },
            enable_user_portal_multifactor: true,
            mfa: { configured: true, exclusion: false },
            department: ' Finance ',
            jobTitle: 'Controller',
            employeeIdentifier: 'E-17',
          },
          {
            _id: 'u2',
            email: 'b@x.io',
            mfaEnrollment: { overallStatus: 'IN_ENROLLMENT' },
            enable_user_portal_multifactor: true,
            mfa: { exclusion: true },
          },
          { _id: 'u3', email: 'c@x.io', mfaEnrollment: { overallStatus: 'SOMETHING_NEW' } },
          { _id: 'u4', email: 'd@x.io', mfa: { configured: false }, department: '' },
          { _id: 'u5', email: 'e@x.io' },
        ]),
      );
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const accounts = await collect(jc.accounts());
    expect(accounts.map((a) => [a.mfa, a.department, a.title, a.externalId])).toEqual([
      [{ status: 'enrolled', enforced: true }, 'Finance', 'Controller', 'E-17'],
      [{ status: 'not_enrolled', enforced: false }, undefined, undefined, undefined],
      [{ status: 'unknown', enforced: undefined }, undefined, undefined, undefined],
      [{ status: 'not_enrolled', enforced: undefined }, undefined, undefined, undefined],
      [undefined, undefined, undefined, undefined],
    ]);
    // JumpCloud's user record holds no last login and no console-admin flag: never guessed.
    expect(accounts.every((a) => a.lastLoginAt === undefined && a.isAdmin === undefined)).toBe(
      true,
    );
  });

  it("fails on a user without email, or skips that user alone with onInvalidItem: 'skip'", async () => {
    const users = page([
      { _id: 'u1', email: 'a@x.io' },
      { _id: 'u2', mail: 'b@x.io' },
      { _id: 'u3', email: 'c@x.io' },
    ]);
    nock(BASE).get('/api/systemusers').query(true).times(2).reply(200, users);
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const error = await collect(jc.accounts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/email is missing at \$\.results\[1\]/);
    const skipped: InvalidItem[] = [];
    const accounts = await collect(
      jc.accounts({ onInvalidItem: 'skip', onSkippedItem: (i) => skipped.push(i) }),
    );
    expect(accounts.map((a) => a.id)).toEqual(['u1', 'u3']);
    expect(skipped).toMatchObject([{ vendor: 'jumpcloud', field: 'email', itemId: 'u2' }]);
  });

  it('sends the package User-Agent and the API key', async () => {
    nock(BASE, {
      reqheaders: { 'user-agent': `@org/connector-jumpcloud/${pkg.version}`, 'x-api-key': KEY },
    })
      .get('/api/systemusers')
      .query(true)
      .reply(200, page([]));
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    expect(await collect(jc.accounts())).toEqual([]);
  });
});

describe('verify()', () => {
  it('reports the user count on success', async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query({ limit: '1', skip: '0', fields: '_id' })
      .reply(200, page([{ _id: 'u1' }], 42));
    const { jc, run } = connectorOnManualClock({ apiKey: KEY, orgId: ORG });
    expect(await run(jc.verify())).toEqual({
      ok: true,
      vendor: 'jumpcloud',
      connection: `jumpcloud:${ORG}`,
      details: { region: 'us', auth: 'apiKey', users: 42, orgId: ORG },
    });
  });

  it('a bad key is an AuthenticationError', async () => {
    nock(BASE).get('/api/systemusers').query(true).reply(401, { message: 'Unauthorized' });
    nock(BASE).get('/api/organizations').query(true).reply(401, { message: 'Unauthorized' });
    const { jc, run } = connectorOnManualClock({ apiKey: KEY });
    const error = await failure(run(jc.verify()));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).userAction).toBe('reconnect');
  });

  it('a multi-tenant admin without orgId is a ConfigError asking for orgId', async () => {
    nock(BASE, { badheaders: ['x-org-id'] })
      .get('/api/systemusers')
      .query(true)
      .reply(401, { message: 'Unauthorized' })
      .get('/api/organizations')
      .query(true)
      .reply(200, page([{ _id: 'o1' }, { _id: 'o2' }], 7));
    const { jc, run } = connectorOnManualClock({ apiKey: KEY });
    const error = await failure(run(jc.verify()));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/orgId is required: .*Organization Profile/);
  });

  it('a missing permission is a PermissionError naming the area', async () => {
    nock(BASE).get('/api/systemusers').query(true).reply(403, { message: 'Forbidden' });
    const { jc, run } = connectorOnManualClock({ apiKey: KEY, orgId: ORG });
    const error = await failure(run(jc.verify()));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Users (read)');
  });

  it('a 403 "blocked for abuse" is a rate-limit signal, retried, then a RateLimitError', async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query(true)
      .times(3)
      .reply(403, { message: 'Forbidden', error: 'Your IP has been blocked for abuse' });
    const events: ConnectorEvent[] = [];
    const { jc, run } = connectorOnManualClock({
      apiKey: KEY,
      retry: { limit: 2, random: () => 0.5 },
      onEvent: (e) => events.push(e),
    });
    const error = await failure(run(jc.verify()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('an unknown orgId is a ConfigError', async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query(true)
      .reply(404, { message: 'organization not found' });
    const { jc, run } = connectorOnManualClock({ apiKey: KEY, orgId: ORG });
    const error = await failure(run(jc.verify()));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/orgId/);
  });
});

describe('rate limits', () => {
  it('backs off on 429 as Retry-After asks, pausing the shared limiter', async () => {
    nock(BASE)
      .get('/api/v2/usergroups')
      .query(true)
      .reply(429, { message: 'Too Many Requests' }, { 'retry-after': '7' })
      .get('/api/v2/usergroups')
      .query(true)
      .reply(200, [{ id: 'g1', name: 'Eng' }], { 'x-total-count': '1' });
    const events: ConnectorEvent[] = [];
    const { jc, collect, clock } = connectorOnManualClock({
      apiKey: KEY,
      onEvent: (e) => events.push(e),
    });
    const started = clock.now();
    const groups = await collect(jc.userGroups.list());
    expect(groups.map((g) => g.name)).toEqual(['Eng']);
    expect(clock.now() - started).toBeGreaterThanOrEqual(7000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 7000 }),
    );
  });

  it('backs off exponentially when a 429 has no Retry-After', async () => {
    nock(BASE)
      .get('/api/systems')
      .query(true)
      .times(2)
      .reply(429, {})
      .get('/api/systems')
      .query(true)
      .reply(200, page([{ _id: 's1', hostname: 'mac-1' }]));
    const events: ConnectorEvent[] = [];
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, onEvent: (e) => events.push(e) });
    expect(await collect(jc.systems.list())).toHaveLength(1);
    const delays = events.flatMap((e) => (e.type === 'retry' ? [e.delayMs] : []));
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0] as number);
  });
});

describe('service account (OAuth client credentials)', () => {
  const basic = `Basic ${Buffer.from(`client-1:${CLIENT_SECRET}`).toString('base64')}`;
  const token = (value: string, expiresIn = 3600) =>
    nock(IDP, { reqheaders: { authorization: basic } })
      .post('/oauth2/token', 'grant_type=client_credentials&scope=api')
      .reply(200, { access_token: value, token_type: 'bearer', expires_in: expiresIn });

  it('reuses one token across requests and hosts, and refreshes it when it expires', async () => {
    const first = token('tok-SECRET-1');
    const second = token('tok-SECRET-2');
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-SECRET-1' }, badheaders: ['x-api-key'] })
      .get('/api/systemusers')
      .query(true)
      .times(3)
      .reply(200, page([]));
    nock('https://api.jumpcloud.com', { reqheaders: { authorization: 'Bearer tok-SECRET-1' } })
      .post('/insights/directory/v1/events')
      .reply(200, [], { 'x-result-count': '0', 'x-limit': '1000' });
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-SECRET-2' } })
      .get('/api/systemusers')
      .query(true)
      .reply(200, page([]));
    const events: ConnectorEvent[] = [];
    const { jc, collect, clock } = connectorOnManualClock({
      serviceAccount: { clientId: 'client-1', clientSecret: CLIENT_SECRET },
      onEvent: (e) => events.push(e),
    });
    await Promise.all([
      collect(jc.users.list()),
      collect(jc.users.list()),
      collect(jc.users.list()),
    ]);
    await collect(jc.events.list({ start: new Date('2024-01-01T00:00:00Z') }));
    first.done();
    expect(second.isDone()).toBe(false);
    await clock.advance(3_600_000);
    await collect(jc.users.list());
    second.done();
    expect(JSON.stringify(events)).not.toContain('SECRET');
  });

  it('fetches a new token once after a 401 and retries', async () => {
    token('tok-old');
    token('tok-new');
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-old' } })
      .get('/api/systems')
      .query(true)
      .reply(401, { message: 'token revoked' });
    nock(BASE, { reqheaders: { authorization: 'Bearer tok-new' } })
      .get('/api/systems')
      .query(true)
      .reply(200, page([{ _id: 's1' }]));
    const { jc, collect } = connectorOnManualClock({
      serviceAccount: { clientId: 'client-1', clientSecret: CLIENT_SECRET },
    });
    expect(await collect(jc.systems.list())).toHaveLength(1);
    expect(nock.isDone()).toBe(true);
  });

  it('never shows the client secret or key in a description', () => {
    const jc = createJumpCloudConnector({
      serviceAccount: { clientId: 'client-1', clientSecret: CLIENT_SECRET },
    });
    const keyed = createJumpCloudConnector({ apiKey: KEY, orgId: ORG });
    expect(JSON.stringify(jc)).not.toContain('SECRET');
    expect(JSON.stringify(keyed)).not.toContain('SECRET');
    expect(JSON.stringify(keyed)).toContain(ORG);
  });
});

describe('configuration', () => {
  it('rejects bad options at construction', () => {
    expect(() => createJumpCloudConnector({ apiKey: KEY, pageSize: 500 })).toThrow(ConfigError);
    expect(() => createJumpCloudConnector({ apiKey: KEY, concurrency: 0 })).toThrow(ConfigError);
    expect(() => createJumpCloudConnector({ apiKey: KEY, orgId: '' })).toThrow(/orgId is empty/);
  });

  it('estimates a sync from the user count when the budget has windows to check', async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query(true)
      .reply(200, page([{ _id: 'u' }], 20_000));
    const { jc, run } = connectorOnManualClock({ apiKey: KEY, limits: { perMinute: 100 } });
    expect(await run(jc.estimateSyncCost())).toBe(1 + Math.ceil(19_900 / 99));
    // The count is remembered: the next estimate costs no request (nock would refuse one).
    expect(await run(jc.estimateSyncCost())).toBe(1 + Math.ceil(19_900 / 99));
  });

  it('spends no request on an estimate when the budget has no windows to check', async () => {
    const { jc, run } = connectorOnManualClock({ apiKey: KEY });
    expect(await run(jc.estimateSyncCost())).toBeUndefined();
  });

  it("reuses the last run's user count for the estimate", async () => {
    nock(BASE)
      .get('/api/systemusers')
      .query(true)
      .reply(200, page([{ _id: 'u1', email: 'a@x.io' }], 1));
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, limits: { perMinute: 100 } });
    await collect(jc.accounts()).catch(() => []);
    expect(await jc.estimateSyncCost()).toBe(1);
  });
});
