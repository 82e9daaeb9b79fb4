import { inspect } from 'node:util';
import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import { ConfigError, NotFoundError, ValidationError } from '../errors/errors.js';
import type { InvalidItem } from '../model/connector.js';
import { cursor } from '../paginate/cursor.js';
import { offset } from '../paginate/offset.js';
import { pageNumber } from '../paginate/page-number.js';
import { createMemoryRateLimitStore } from '../rate-limit/store.js';
import { accountEmail, invalidField } from './account-mapper.js';
import { defineConnector } from './define-connector.js';
import { credentialDigest, userAgentOf } from './identity.js';
import { getOf, listOf, resource } from './resource-table.js';
import { connectorOptions, httpsUrl, secret } from './schema-pieces.js';

const KEY = 'acme-key-7f3a9c2e5b1d';
const Person = v.object({ id: v.number(), email: v.optional(v.nullable(v.string())) });
const PersonPage = v.object({ total: v.number(), people: v.array(Person) });

/** A made-up vendor, declared the way a real connector is. */
const createAcmeConnector = defineConnector({
  vendor: 'acme',
  label: 'Acme',
  userAgent: userAgentOf({ name: '@org/connector-acme', version: '1.2.3' }),
  config: v.object({
    apiKey: secret(),
    baseUrl: v.optional(httpsUrl(), 'https://api.acme.test/v2/'),
    ...connectorOptions({ defaultPageSize: 2, maxPageSize: 100 }),
  }),
  hints: {
    apiKey: 'create one in Acme Admin > Settings > API',
    baseUrl: 'give the API root, such as https://api.acme.test/v2/',
  },
  defaultName: (config) => `acme-${credentialDigest(config.apiKey)}`,
  identity: (config) => ({
    vendor: 'acme',
    host: new URL(config.baseUrl).host,
    tenant: credentialDigest(config.apiKey),
  }),
  transport: (config) => ({
    hosts: { api: config.baseUrl, audit: new URL('audit/', config.baseUrl).href },
    auth: bearer(config.apiKey),
    windows: [{ name: 'minute', limit: 60, intervalMs: 60_000 }],
  }),
  setup: () => ({ checks: 0 }),
  beforeCall: async (runtime) => {
    runtime.state.checks++;
  },
  resources: {
    people: resource({
      list: listOf({
        path: 'people',
        page: PersonPage,
        items: (p) => p.people,
        query: (o: { team?: string }) => ({ team: o.team }),
        paging: (ctx) => offset({ limit: ctx.pageSize, total: (p) => p.total }),
        id: (person) => String(person.id),
      }),
      get: getOf({ path: (id: number) => `people/${id}`, schema: Person }),
    }),
    events: resource({
      list: listOf({
        host: 'audit',
        path: 'events',
        page: v.array(v.object({ at: v.string() })),
        items: (p) => p,
        paging: (ctx) => offset({ limit: ctx.pageSize }),
      }),
    }),
  },
  accounts: {
    from: 'people',
    itemsPath: '$.people',
    map: (person, connection) => {
      const email = accountEmail(person.email); // null: a service identity, no account
      if (typeof email !== 'string') return email;
      return {
        vendor: 'acme',
        connection,
        id: String(person.id),
        email,
        name: undefined,
        status: 'active',
        createdAt: undefined,
        raw: person,
      };
    },
  },
  verify: async (runtime, o) => {
    const { data } = await runtime.http.request({
      path: 'people',
      query: { limit: 1 },
      schema: PersonPage,
      signal: o.signal,
    });
    return { people: data.total };
  },
  describe: (runtime) => ({ checks: runtime.state.checks }),
  members: (runtime) => ({ checks: () => runtime.state.checks }),
});

const api = () => nock('https://api.acme.test', { reqheaders: { authorization: `Bearer ${KEY}` } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('accountEmail', () => {
  it('lowercases and trims, gives no account for null or blank, and marks an absent field', () => {
    expect(accountEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(accountEmail(null)).toBeUndefined();
    expect(accountEmail('   ')).toBeUndefined();
    expect(accountEmail(undefined)).toEqual(invalidField('email', undefined, 'string or null'));
  });
});

describe('defineConnector config', () => {
  it('infers the resolved config from the schema, with shared defaults', () => {
    const config = createAcmeConnector.resolveConfig({ apiKey: ` ${KEY} ` });
    expect(config).toEqual({
      apiKey: KEY,
      baseUrl: 'https://api.acme.test/v2/',
      pageSize: 2,
      concurrency: 4,
    });
  });

  it('words errors "<Vendor> config: <field> <problem>: <what to do>" and carries the vendor', () => {
    const error = configError(() => createAcmeConnector({} as never));
    expect(error.message).toBe(
      'Acme config: apiKey is required: create one in Acme Admin > Settings > API',
    );
    expect(error.vendor).toBe('acme');
    expect(configError(() => createAcmeConnector(null as never)).message).toBe(
      'Acme config: options are required',
    );
    expect(configError(() => createAcmeConnector({ apiKey: KEY, pageSize: 101 })).message).toBe(
      'Acme config: pageSize must be at most 100',
    );
    expect(configError(() => createAcmeConnector({ apiKey: KEY, concurrency: 1.5 })).message).toBe(
      'Acme config: concurrency must be a whole number',
    );
  });

  it.each([
    ['a NUL', `${KEY}\u0000`, 'contains a control character'],
    ['a line feed', `ab${'\n'}cd`, 'contains a control character'],
    ['DEL', `${KEY}\u007f`, 'contains a control character'],
    ['a non-ASCII character', `${KEY}é`, 'contains a non-ASCII character'],
    ['a Bearer prefix', `Bearer ${KEY}`, 'must be the bare secret, without spaces'],
  ])('rejects a secret with %s, without quoting it', (_what, apiKey, problem) => {
    const error = configError(() => createAcmeConnector({ apiKey }));
    expect(error.message).toContain(`Acme config: apiKey ${problem}`);
    expect(JSON.stringify(error)).not.toContain(KEY.slice(0, 8));
    expect(error.message).not.toContain('ab');
  });

  it.each([
    [{ pagesize: 5 }, 'pagesize', 'pageSize'],
    [{ perPage: 5 }, 'perPage', 'pageSize'],
    [{ apikey: KEY }, 'apikey', 'apiKey'],
    [{ maxRetryAfterMs: 5 }, 'maxRetryAfterMs', 'retry.maxRetryAfterMs'],
    [{ timeout: { perAtemptMs: 5 } }, 'timeout.perAtemptMs', 'timeout.perAttemptMs'],
    [{ retry: { limt: 1 } }, 'retry.limt', 'retry.limit'],
  ])(
    'refuses the unknown option in %j, naming the nearest valid one',
    (extra, option, suggestion) => {
      for (const build of [createAcmeConnector, createAcmeConnector.resolveConfig]) {
        const error = configError(() => build({ apiKey: KEY, ...extra } as never));
        expect(error.message).toBe(
          `Acme config: unknown option "${option}"; did you mean "${suggestion}"?`,
        );
        expect(error).toMatchObject({ vendor: 'acme', option, suggestion });
      }
    },
  );

  it('takes every transport option beside its own', () => {
    expect(() =>
      createAcmeConnector({
        apiKey: KEY,
        retry: { limit: 1, maxDelayMs: 1, maxTotalDelayMs: 1, baseDelayMs: 1, random: () => 0 },
        timeout: { perAttemptMs: 1_000, totalMs: 2_000 },
        maxResponseBytes: 1_000,
        onEvent: () => undefined,
        signal: new AbortController().signal,
        fetch,
      }),
    ).not.toThrow();
  });

  it('takes https anywhere and http only on a loopback host', () => {
    for (const baseUrl of ['http://localhost:4010', 'http://127.0.0.1:1/x', 'http://[::1]:9/']) {
      expect(createAcmeConnector.resolveConfig({ apiKey: KEY, baseUrl }).baseUrl).toMatch(
        /^http:\/\/.*\/$/,
      );
    }
    expect(
      createAcmeConnector.resolveConfig({ apiKey: KEY, baseUrl: 'api.acme.test' }).baseUrl,
    ).toBe('https://api.acme.test/');
    for (const [baseUrl, problem] of [
      ['http://api.acme.test/', 'must use https (http only on localhost, 127.0.0.1 or [::1])'],
      ['http://127.0.0.2/', 'must use https'],
      ['https://user:pw@api.acme.test/', 'must not contain a user name or password'],
      ['https://api.acme.test/?a=1', 'must not contain a query string or fragment'],
      ['https://', 'is not a URL'],
      ['/v2/', 'is not a URL'],
    ] as const) {
      expect(configError(() => createAcmeConnector({ apiKey: KEY, baseUrl })).message).toContain(
        `Acme config: baseUrl ${problem}`,
      );
    }
  });
});

describe('defineConnector connection', () => {
  it('lists and reads through the resource table, with auth, user agent and the vendor hook', async () => {
    api()
      .matchHeader('user-agent', '@org/connector-acme/1.2.3')
      .get('/v2/people')
      .query({ team: 'red', limit: 2, offset: 0 })
      .reply(200, {
        total: 3,
        people: [
          { id: 1, email: 'A@x' },
          { id: 2, email: 'b@x' },
        ],
      })
      .get('/v2/people')
      .query({ team: 'red', limit: 2, offset: 2 })
      .reply(200, { total: 3, people: [{ id: 3, email: 'c@x' }] })
      .get('/v2/people/7')
      .reply(200, { id: 7, email: 'g@x' });
    const acme = createAcmeConnector({ apiKey: KEY, concurrency: 1 });
    const people = acme.people.list({ team: 'red' });
    expect(acme.checks()).toBe(0); // nothing happens until the list is iterated
    expect((await people.toArray()).map((p) => p.id)).toEqual([1, 2, 3]);
    expect(await acme.people.get(7)).toEqual({ id: 7, email: 'g@x' });
    expect(acme.checks()).toBe(2);
  });

  it('sends a resource to its declared host', async () => {
    api()
      .get('/v2/audit/events')
      .query({ limit: 2, offset: 0 })
      .reply(200, [{ at: '2024-01-01' }]);
    const acme = createAcmeConnector({ apiKey: KEY });
    expect(await acme.events.list().toArray()).toEqual([{ at: '2024-01-01' }]);
  });

  it('applies the connection maxItems to every list unless the call overrides it', async () => {
    api()
      .get('/v2/people')
      .query({ limit: 2, offset: 0 })
      .twice()
      .reply(200, { total: 9, people: [{ id: 1 }, { id: 2 }] });
    const acme = createAcmeConnector({ apiKey: KEY, maxItems: 1 });
    expect(await acme.people.list().toArray()).toHaveLength(1);
    expect(await acme.people.list({ maxItems: 2 }).toArray()).toHaveLength(2);
  });

  it('maps accounts, leaves out non-accounts and learns the sync cost from the last run', async () => {
    api()
      .get('/v2/people')
      .query({ limit: 2, offset: 0 })
      .reply(200, {
        total: 3,
        people: [
          { id: 1, email: 'A@X' },
          { id: 2, email: null },
        ],
      })
      .get('/v2/people')
      .query({ limit: 2, offset: 2 })
      .reply(200, { total: 3, people: [{ id: 3, email: 'c@x' }] });
    const acme = createAcmeConnector({ apiKey: KEY, concurrency: 1 });
    expect(await acme.estimateSyncCost()).toBeUndefined();
    const accounts = [];
    for await (const a of acme.accounts()) accounts.push(a);
    expect(accounts.map((a) => [a.id, a.email, a.connection])).toEqual([
      ['1', 'a@x', acme.name],
      ['3', 'c@x', acme.name],
    ]);
    expect(await acme.estimateSyncCost()).toBe(2);
  });

  it('fails a drifted run by default with a ValidationError naming vendor, field and item path', async () => {
    api()
      .get('/v2/people')
      .query({ limit: 2, offset: 0 })
      .reply(200, {
        total: 2,
        people: [
          { id: 1, email: 'a@x' },
          { id: 2, mail: 'b@x' },
        ],
      });
    const acme = createAcmeConnector({ apiKey: KEY });
    const seen: string[] = [];
    const run = async () => {
      for await (const a of acme.accounts()) seen.push(a.email);
    };
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      vendor: 'acme',
      issues: [{ path: '$.people[1].email', expected: 'string or null', received: 'undefined' }],
    });
    expect((error as Error).message).toContain('Acme people: email is missing at $.people[1]');
    expect(await acme.estimateSyncCost()).toBeUndefined(); // a failed run teaches nothing
  });

  it("skips invalid items under onInvalidItem: 'skip' and reports each", async () => {
    api()
      .get('/v2/people')
      .query({ limit: 2, offset: 0 })
      .reply(200, { total: 2, people: [{ id: 1, email: 'a@x' }, { id: 2 }] })
      // A full page ending at the total: one more page confirms the total is not too low.
      .get('/v2/people')
      .query({ limit: 2, offset: 2 })
      .reply(200, { total: 2, people: [] });
    const acme = createAcmeConnector({ apiKey: KEY, name: 'acme-prod' });
    const skipped: InvalidItem[] = [];
    const emails: string[] = [];
    for await (const a of acme.accounts({
      onInvalidItem: 'skip',
      onSkippedItem: (i) => skipped.push(i),
    }))
      emails.push(a.email);
    expect(emails).toEqual(['a@x']);
    expect(skipped).toEqual([
      {
        vendor: 'acme',
        connection: 'acme-prod',
        resource: 'people',
        path: '$.people[1]',
        field: 'email',
        itemId: '2',
        reason: 'is missing',
      },
    ]);
  });

  it('verifies with one call and reports the connection', async () => {
    api().get('/v2/people').query({ limit: 1 }).reply(200, { total: 42, people: [] });
    const acme = createAcmeConnector({ apiKey: KEY, name: 'acme-prod' });
    expect(await acme.verify()).toEqual({
      ok: true,
      vendor: 'acme',
      connection: 'acme-prod',
      details: { people: 42 },
    });
  });

  it('names the connection and its identity per tenant, and never shows the key', () => {
    const a = createAcmeConnector({ apiKey: KEY });
    const b = createAcmeConnector({ apiKey: `${KEY}x` });
    expect(a.name).not.toBe(b.name);
    expect(a.identity).toEqual({
      vendor: 'acme',
      host: 'api.acme.test',
      tenant: credentialDigest(KEY),
    });
    expect(a.identity.tenant).toMatch(/^[0-9a-f]{12}$/);
    expect(a.budget().windows.map((w) => [w.name, w.limit])).toEqual([['minute', 60]]);
    for (const text of [JSON.stringify(a), inspect(a, { depth: 10 }), String(inspect(a))]) {
      expect(text).not.toContain(KEY);
      expect(text).toContain('api.acme.test');
    }
    expect(a.toJSON()).toMatchObject({ vendor: 'acme', name: a.name, checks: 0 });
  });
});

describe('defineConnector rate budget', () => {
  it('connections to one tenant given one rateLimitStore share one budget; other tenants do not', async () => {
    const store = createMemoryRateLimitStore();
    const clock = createManualClock();
    const a = createAcmeConnector({ apiKey: KEY, rateLimitStore: store, clock });
    const b = createAcmeConnector({
      apiKey: KEY,
      rateLimitStore: store,
      clock,
      name: 'other-name',
    });
    const elsewhere = createAcmeConnector({ apiKey: `${KEY}-2`, rateLimitStore: store, clock });
    api().get('/v2/people').query(true).times(2).reply(200, { total: 1, people: [] });
    await a.verify();
    await b.verify();
    // Identity, not the connection's name, keys the budget.
    expect(a.budget().windows[0]?.remaining).toBe(58);
    expect(b.budget().windows[0]?.remaining).toBe(58);
    expect(elsewhere.budget().windows[0]?.remaining).toBe(60);
    const own = createAcmeConnector({
      apiKey: KEY,
      rateLimitStore: store,
      rateLimitKey: 'x',
      clock,
    });
    expect(own.budget().windows[0]?.remaining).toBe(60);
  });
});

describe('defineConnector listing hooks', () => {
  const Page = v.object({ count: v.number(), results: v.array(v.object({ id: v.number() })) });
  const plans: unknown[] = [];
  const createPaged = defineConnector({
    vendor: 'acme',
    label: 'Acme',
    userAgent: 'acme-test/1',
    config: v.object({
      apiKey: secret(),
      ...connectorOptions({ defaultPageSize: 2, maxPageSize: 9 }),
    }),
    hints: {},
    defaultName: () => 'acme',
    identity: () => ({ vendor: 'acme', host: 'api.acme.test', tenant: 'acme' }),
    transport: (c) => ({
      hosts: { api: 'https://api.acme.test/v2/' },
      auth: bearer(c.apiKey),
      windows: [],
    }),
    planListing: (_rt, plan) => {
      plans.push(plan);
      if (plan.requests > 5) throw new RangeError('over budget');
    },
    resources: {
      items: resource({
        list: listOf({
          path: 'items/',
          page: Page,
          items: (p) => p.results,
          paging: (ctx) => pageNumber({ size: ctx.pageSize, total: (p) => p.count }),
          continuity: (o: { backward?: boolean }) =>
            o.backward
              ? {
                  mode: 'backward',
                  id: (i) => String(i.id),
                  isVanishedPage: (e) => e instanceof NotFoundError,
                }
              : undefined,
        }),
      }),
    },
    accounts: { from: 'items', itemsPath: '$.results', map: () => undefined },
    verify: async () => ({}),
  });
  const items = (...ids: number[]) => ids.map((id) => ({ id }));

  it('reads a list with the continuity its declaration asks for, and tells planListing its size', async () => {
    plans.length = 0;
    // 5 items, 3 pages; the first item is deleted after page 1: page 3 vanishes, and item 5 moves to page 2.
    api()
      .get('/v2/items/')
      .query({ page: 1, per_page: 2 })
      .reply(200, { count: 5, results: items(1, 2) });
    api().get('/v2/items/').query({ page: 3, per_page: 2 }).reply(404, { detail: 'Invalid page.' });
    api()
      .get('/v2/items/')
      .query({ page: 2, per_page: 2 })
      .reply(200, { count: 4, results: items(4, 5) });
    api()
      .get('/v2/items/')
      .query({ page: 1, per_page: 2 })
      .reply(200, { count: 4, results: items(2, 3) });
    const acme = createPaged({ apiKey: KEY, concurrency: 1 });
    const ids = (await acme.items.list({ backward: true }).toArray()).map((i) => i.id);
    expect(ids.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(plans[0]).toEqual({
      resource: 'items',
      endpoint: 'GET /v2/items/',
      total: 5,
      requests: 3,
    });
  });

  it('plans only the pages maxItems needs, and tells planListing that many', async () => {
    plans.length = 0;
    const page = (n: number, ...ids: number[]) =>
      api()
        .get('/v2/items/')
        .query({ page: n, per_page: 2 })
        .reply(200, { count: 9, results: items(...ids) });
    page(1, 1, 2);
    page(2, 3, 4); // pages 3 to 5 are never asked for, though four may be in flight at once
    const acme = createPaged({ apiKey: KEY, concurrency: 4 });
    const ids = (await acme.items.list({ maxItems: 3 }).toArray()).map((i) => i.id);
    expect(ids).toEqual([1, 2, 3]);
    expect(plans).toEqual([
      { resource: 'items', endpoint: 'GET /v2/items/', total: 3, requests: 1 },
    ]);
  });

  it('stops a listing whose planListing throws, after the first page', async () => {
    api()
      .get('/v2/items/')
      .query({ page: 1, per_page: 2 })
      .reply(200, { count: 40, results: items(1, 2) });
    const acme = createPaged({ apiKey: KEY });
    await expect(acme.items.list().toArray()).rejects.toThrow('over budget');
  });
});

describe('lists under an item, POST searches, per-call headers, a lean accounts schema', () => {
  const Member = v.object({ id: v.string() });
  const Hit = v.object({ id: v.string() });
  const Person = v.object({ id: v.string(), email: v.string(), phone: v.number() });
  const envs: unknown[] = [];
  const createDirectory = defineConnector({
    vendor: 'acme',
    label: 'Acme',
    userAgent: 'acme-test/1',
    config: v.object({
      apiKey: secret(),
      ...connectorOptions({ defaultPageSize: 2, maxPageSize: 9 }),
    }),
    hints: {},
    defaultName: () => 'acme',
    identity: () => ({ vendor: 'acme', host: 'api.acme.test', tenant: 'acme' }),
    transport: (c, env) => {
      envs.push(env);
      return {
        hosts: { api: 'https://api.acme.test/v2/' },
        auth: bearer(c.apiKey),
        windows: [],
        headers: { 'x-tenant': 't1' },
      };
    },
    resources: {
      people: resource({
        list: listOf({
          path: 'people',
          page: v.array(Person),
          items: (p) => p,
          paging: (ctx) => offset({ limit: ctx.pageSize }),
          id: (p) => p.id,
        }),
      }),
      groups: resource({
        list: listOf({
          path: 'groups',
          page: v.array(Member),
          items: (p) => p,
          paging: (ctx) => offset({ limit: ctx.pageSize }),
        }),
        get: getOf({
          path: (id: string) => `groups/${id}`,
          headers: { 'x-tenant': undefined },
          schema: Member,
        }),
        lists: {
          members: (id: string) =>
            listOf({
              path: `groups/${id}/members`,
              page: v.array(Member),
              items: (p) => p,
              paging: (ctx) => offset({ limit: ctx.pageSize }),
              id: (m) => m.id,
              dedupe: true,
            }),
        },
      }),
      search: resource({
        list: listOf({
          path: 'search',
          method: 'POST',
          body: (o: { q: string }) => {
            if (o.q === '') throw new RangeError('q must not be empty');
            return { q: o.q };
          },
          page: v.object({ hits: v.array(Hit), after: v.nullable(v.string()) }),
          items: (p) => p.hits,
          paging: () =>
            cursor<{ hits: unknown[]; after: string | null }>({
              read: (p) => p.after,
              send: { body: 'after' },
            }),
        }),
      }),
    },
    accounts: {
      from: 'people',
      itemsPath: '$',
      // Accounts need no `phone`: a person whose phone the full schema rejects is still an account.
      page: v.array(v.object({ id: v.string(), email: v.string() })),
      map: (p: { id: string; email: string }, connection) => ({
        vendor: 'acme',
        connection,
        id: p.id,
        email: p.email,
        name: undefined,
        status: 'active',
        createdAt: undefined,
        raw: p,
      }),
    },
    verify: async () => ({}),
  });

  it('gives transport the fetch and clock the connection was given', () => {
    envs.length = 0;
    const fetchFn = globalThis.fetch;
    createDirectory({ apiKey: KEY, fetch: fetchFn });
    expect(envs).toEqual([
      { fetch: fetchFn, clock: expect.objectContaining({ now: expect.any(Function) }) },
    ]);
  });

  it('lists under one item by id, dropping repeats; a get may remove a default header', async () => {
    api()
      .get('/v2/groups/g1/members')
      .query({ limit: 2, offset: 0 })
      .reply(200, [{ id: 'a' }, { id: 'b' }])
      .get('/v2/groups/g1/members')
      .query({ limit: 2, offset: 2 })
      .reply(200, [{ id: 'b' }]);
    nock('https://api.acme.test', { badheaders: ['x-tenant'] })
      .get('/v2/groups/g1')
      .reply(200, { id: 'g1' });
    const acme = createDirectory({ apiKey: KEY });
    expect((await acme.groups.members('g1').toArray()).map((m) => m.id)).toEqual(['a', 'b']);
    expect(await acme.groups.get('g1')).toEqual({ id: 'g1' });
  });

  it('POSTs a search with its body and the cursor in it; bad options throw before any request', async () => {
    const bodies: unknown[] = [];
    api()
      .post('/v2/search', (b) => bodies.push(b) > 0)
      .reply(200, { hits: [{ id: '1' }], after: 'c1' })
      .post('/v2/search', (b) => bodies.push(b) > 0)
      .reply(200, { hits: [{ id: '2' }], after: null });
    const acme = createDirectory({ apiKey: KEY });
    expect(() => acme.search.list({ q: '' })).toThrow('q must not be empty');
    expect((await acme.search.list({ q: 'x' }).toArray()).map((h) => h.id)).toEqual(['1', '2']);
    expect(bodies).toEqual([{ q: 'x' }, { q: 'x', after: 'c1' }]);
  });

  it('validates accounts with the lean page schema, and the list with the full one', async () => {
    const people = [{ id: 'p1', email: 'a@acme.test', phone: 'n/a' }];
    api().get('/v2/people').query(true).times(2).reply(200, people);
    const acme = createDirectory({ apiKey: KEY });
    const accounts = [];
    for await (const a of acme.accounts()) accounts.push(a);
    expect(accounts.map((a) => a.raw)).toEqual([{ id: 'p1', email: 'a@acme.test' }]);
    await expect(acme.people.list().toArray()).rejects.toBeInstanceOf(ValidationError);
  });

  // The directory's people plus a per-run pass (a sign-in log) joined to them.
  const createEnriched = (pass: () => Promise<Map<string, string>>) =>
    defineConnector({
      vendor: 'acme',
      label: 'Acme',
      userAgent: 'acme-test/1',
      config: v.object({
        apiKey: secret(),
        keep: v.optional(v.array(v.string()), []),
        ...connectorOptions({ defaultPageSize: 2, maxPageSize: 9 }),
      }),
      hints: {},
      defaultName: () => 'acme',
      identity: () => ({ vendor: 'acme', host: 'api.acme.test', tenant: 'acme' }),
      transport: (c) => ({
        hosts: { api: 'https://api.acme.test/v2/' },
        auth: bearer(c.apiKey),
        windows: [],
      }),
      resources: {
        people: resource({
          list: listOf({
            path: 'people',
            page: v.array(Person),
            items: (p) => p,
            paging: (ctx) => offset({ limit: ctx.pageSize }),
            id: (p) => p.id,
          }),
        }),
      },
      accounts: {
        from: 'people',
        itemsPath: '$',
        page: (c) =>
          c.keep.includes('phone')
            ? v.array(v.object({ id: v.string(), email: v.string(), phone: v.number() }))
            : v.array(v.object({ id: v.string(), email: v.string() })),
        // Ask the vendor only for what the lean schema validates.
        query: (c) => ({ fields: ['id', 'email', ...c.keep].join(',') }),
        enrich: async () => {
          const seen = await pass();
          return (account, person) => {
            account.lastLoginAt = seen.has(person.id)
              ? new Date(seen.get(person.id) as string)
              : undefined;
            return account;
          };
        },
        map: (p: { id: string; email: string }, connection) => ({
          vendor: 'acme',
          connection,
          id: p.id,
          email: p.email,
          name: undefined,
          status: 'active',
          createdAt: undefined,
          raw: p,
        }),
      },
      verify: async () => ({}),
    });

  it('joins a per-run pass to every account, and builds the lean schema and query from the config', async () => {
    const people = [
      { id: 'p1', email: 'a@acme.test', phone: 1 },
      { id: 'p2', email: 'b@acme.test', phone: 2 },
    ];
    for (const fields of ['id,email', 'id,email,phone']) {
      api()
        .get('/v2/people')
        .query({ limit: 2, offset: 0, fields })
        .reply(200, people)
        .get('/v2/people')
        .query({ limit: 2, offset: 2, fields })
        .reply(200, []);
    }
    // list() is the resource's own listing: no accounts query.
    api().get('/v2/people').query({ limit: 2, offset: 0 }).reply(200, [people[0]]);
    let passes = 0;
    const pass = async () => {
      passes++;
      return new Map([['p2', '2025-02-01T00:00:00Z']]);
    };
    const plain = createEnriched(pass)({ apiKey: KEY });
    const run = plain.accounts();
    expect(passes).toBe(0); // nothing happens before iteration starts
    const accounts = [];
    for await (const a of run) accounts.push(a);
    expect(passes).toBe(1);
    expect(accounts.map((a) => [a.id, a.lastLoginAt?.toISOString(), a.raw])).toEqual([
      ['p1', undefined, { id: 'p1', email: 'a@acme.test' }],
      ['p2', '2025-02-01T00:00:00.000Z', { id: 'p2', email: 'b@acme.test' }],
    ]);
    const keeping = createEnriched(pass)({ apiKey: KEY, keep: ['phone'] });
    const kept = [];
    for await (const a of keeping.accounts()) kept.push(a.raw);
    expect(kept).toEqual(people);
    expect(await keeping.people.list().toArray()).toEqual([people[0]]);
    expect(nock.isDone()).toBe(true);
  });

  it('fails the run before any page is read when the pass fails', async () => {
    const acme = createEnriched(async () => {
      throw new NotFoundError('sign-in log unavailable', { vendor: 'acme' });
    })({ apiKey: KEY });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const a of acme.accounts()) seen.push(a);
      })(),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(seen).toEqual([]);
    // No people request was made: nock's pending-mocks check has nothing, and none was declared.
  });
});
