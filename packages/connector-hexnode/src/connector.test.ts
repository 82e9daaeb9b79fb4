import {
  AuthenticationError,
  ConfigError,
  type ConnectorEvent,
  type InvalidItem,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@org/connector-core';
import { createClockDriver, createManualClock } from '@org/connector-core/testing';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { createHexnodeConnector, type HexnodeConnectorOptions } from './index.js';

const API_KEY = 'hx-4f9c2e7a1b8d0c3e5f6a';
const ORIGIN = 'https://acme.hexnodemdm.com';

const user = (id: number, email: string | null = `User${id}@Acme.Example`) => ({
  id,
  name: id === 1 ? 'Default User' : `User ${id}`,
  email,
  phoneno: id % 2 === 0 ? '' : null,
  domain: 'local',
  total_devices: 0,
});

const page = (count: number, results: unknown[], next: string | null = null) => ({
  count,
  next,
  previous: null,
  results,
});

function connect(o: Partial<HexnodeConnectorOptions> = {}) {
  const clock = createManualClock();
  const driver = createClockDriver(clock);
  const events: ConnectorEvent[] = [];
  const connector = createHexnodeConnector({
    apiKey: API_KEY,
    portal: 'https://acme.hexnodemdm.com/',
    managedDevices: 100,
    clock,
    fetch: driver.fetch,
    retry: { random: () => 0 },
    onEvent: (e: ConnectorEvent) => events.push(e),
    ...o,
  } as HexnodeConnectorOptions);
  return { connector, clock, events, run: driver.run };
}

const api = () => nock(ORIGIN);

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('construction', () => {
  it('rejects a bad portal with a ConfigError and sends nothing', () => {
    expect(() => createHexnodeConnector({ apiKey: API_KEY, portal: 'https://evil.com/' })).toThrow(
      ConfigError,
    );
    expect(() => createHexnodeConnector({ apiKey: '', portal: 'acme' })).toThrow(ConfigError);
  });

  it('describes itself without the API key', () => {
    const { connector } = connect();
    const text = JSON.stringify(connector);
    expect(text).toContain('acme');
    expect(text).not.toContain(API_KEY);
  });
});

describe('requests', () => {
  it('sends the raw key (no Bearer), the User-Agent and the trailing-slash path', async () => {
    // nock matches only a request carrying exactly these headers; anything else is left pending.
    nock(ORIGIN, {
      reqheaders: {
        authorization: (value) => value === API_KEY, // the raw key: no "Bearer " prefix
        'user-agent': `@org/connector-hexnode/${pkg.version}`,
        accept: 'application/json',
      },
    })
      .get('/api/v1/users/')
      .query({ per_page: 1 })
      .reply(200, page(42, [user(1, null)]));
    const { connector } = connect();
    await expect(connector.verify()).resolves.toEqual({
      ok: true,
      vendor: 'hexnode',
      connection: 'acme',
      details: { portal: 'acme', users: 42 },
    });
  });

  it('gets single objects at <collection>/<id>/', async () => {
    api().get('/api/v1/users/5/').reply(200, user(5));
    api()
      .get('/api/v1/usergroups/7/')
      .reply(200, {
        id: 7,
        groupname: 'Sales',
        description: '',
        users: [{ id: 5, name: 'User 5', email: 'u5@acme.example', phoneno: '' }],
      });
    api()
      .get('/api/v1/devices/9/')
      .reply(200, { id: 9, device_name: 'Mac', user: { id: 5, name: 'User 5' } });
    const { connector } = connect();
    expect((await connector.users.get(5)).email).toBe('User5@Acme.Example');
    expect((await connector.userGroups.get(7)).users).toHaveLength(1);
    expect((await connector.devices.get(9)).user).toEqual({ id: 5, name: 'User 5' });
    await expect(connector.users.get(-1)).rejects.toThrow(TypeError);
  });

  it('passes list filters as Hexnode query parameters', async () => {
    api()
      .get('/api/v1/devices/')
      .query({ platform: 'ios', is_active: 'true', page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(1, [{ id: 1, platform: 'ios', user: null }]));
    const { connector } = connect();
    const devices = await connector.devices
      .list({ filters: { platform: 'ios', is_active: true } })
      .toArray();
    expect(devices.map((d) => d.id)).toEqual([1]);
  });
});

describe('error mapping', () => {
  it('401 → AuthenticationError "reconnect required", not retried, key redacted', async () => {
    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(401, { detail: `Invalid API key ${API_KEY}` });
    const { connector } = connect();
    const error = await connector.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toMatch(/reconnect required/);
    expect((error as AuthenticationError).userAction).toBe('reconnect');
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(String((error as Error).stack)).not.toContain(API_KEY);
  });

  it('403 → PermissionError naming "Read Users"', async () => {
    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(403, { detail: 'You do not have permission to perform this action.' });
    const { connector } = connect();
    const error = await connector.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Read Users');
    expect((error as PermissionError).message).toContain('Read Users');
  });

  it('404 → NotFoundError with the vendor detail', async () => {
    api().get('/api/v1/usergroups/99/').reply(404, { detail: 'usergroup not found' });
    const { connector } = connect();
    const error = await connector.userGroups.get(99).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('usergroup not found');
    expect((error as NotFoundError).endpoint).toBe('GET /api/v1/usergroups/99/');
  });

  it('429 waits as long as the throttle sentence says, then succeeds', async () => {
    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(429, { detail: 'Request was throttled. Expected available in 57.0 seconds.' });
    api().get('/api/v1/users/').query(true).reply(200, page(3, []));
    const { connector, events, run } = connect();
    await expect(run(connector.verify())).resolves.toMatchObject({ details: { users: 3 } });
    const retry = events.find((e) => e.type === 'retry');
    expect(retry).toMatchObject({ delayMs: 57_000, reason: 'HTTP 429' });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 57_000 }),
    );
  });

  it('429 prefers Retry-After over the sentence', async () => {
    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(
        429,
        { detail: 'Request was throttled. Expected available in 57.0 seconds.' },
        { 'Retry-After': '12' },
      );
    api().get('/api/v1/users/').query(true).reply(200, page(3, []));
    const { connector, events, run } = connect();
    await run(connector.verify());
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 12_000 });
  });

  it('429 for the daily quota fails fast with a quota RateLimitError, without retrying', async () => {
    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(429, { detail: 'Request was throttled. Expected available in 43200.0 seconds.' });
    const { connector, events, run } = connect();
    const error = await run(connector.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).retryAfterMs).toBe(43_200_000);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(1);
  });

  it('5xx is retried, then succeeds', async () => {
    api().get('/api/v1/users/').query(true).reply(503, '<html><title>Unavailable</title></html>');
    api().get('/api/v1/users/').query(true).reply(502, '');
    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(200, page(1, [user(2)]));
    const { connector, run } = connect();
    await expect(run(connector.verify())).resolves.toMatchObject({ details: { users: 1 } });
  });

  it('a persistent HTML 500 ends in ServerError after the retries', async () => {
    api()
      .get('/api/v1/users/')
      .query(true)
      .times(3)
      .reply(500, '<!doctype html><html><head><title>Server Error (500)</title></head></html>', {
        'Content-Type': 'text/html',
      });
    const { connector, run } = connect({ retry: { limit: 2, random: () => 0 } });
    const error = await run(connector.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
    expect((error as ServerError).message).not.toContain('<html');
  });

  it('an HTML 200 body is a ServerError, a wrong shape a ValidationError', async () => {
    api().get('/api/v1/users/').query(true).times(5).reply(200, '<html>login</html>');
    const first = connect({ retry: { limit: 0 } });
    expect(await first.run(first.connector.verify()).catch((e: unknown) => e)).toBeInstanceOf(
      ServerError,
    );

    api()
      .get('/api/v1/users/')
      .query(true)
      .reply(200, { count: 1, results: [{ id: 'abc', email: null }] });
    const second = connect();
    const error = await second.run(second.connector.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('$.results[0].id');
  });
});

describe('listing', () => {
  it("with the caller's own order_by, fetches later pages in parallel, yields them in order", async () => {
    const all = Array.from({ length: 250 }, (_, i) => user(i + 1, i === 0 ? null : undefined));
    const next = (n: number) => `${ORIGIN}/api/v1/users/?page=${n}&per_page=100`;
    const arrived: number[] = [];
    const reply = (n: number, body: unknown) => () => {
      arrived.push(n);
      return [200, body] as [number, unknown];
    };
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'email' })
      .reply(reply(1, page(250, all.slice(0, 100), next(2))));
    api()
      .get('/api/v1/users/')
      .query({ page: 2, per_page: 100, order_by: 'email' })
      .delay(30)
      .reply(reply(2, page(250, all.slice(100, 200), next(3))));
    api()
      .get('/api/v1/users/')
      .query({ page: 3, per_page: 100, order_by: 'email' })
      .reply(reply(3, page(250, all.slice(200))));
    const { connector } = connect();
    const ids: number[] = [];
    const indexes: number[] = [];
    for await (const p of connector.users.list({ filters: { order_by: 'email' } }).pages()) {
      // By the time page 2 (delayed) is yielded, page 3 has already been requested.
      if (p.index === 1) expect(arrived).toContain(3);
      indexes.push(p.index);
      ids.push(...p.items.map((u) => u.id));
    }
    expect(indexes).toEqual([0, 1, 2]);
    expect(ids).toEqual(all.map((u) => u.id));
    expect(new Set(ids).size).toBe(250);
  });

  it('keeps the Default User in the raw listing', async () => {
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(2, [user(1, null), user(2)]));
    const { connector } = connect();
    const users = await connector.users.list().toArray();
    expect(users.map((u) => [u.id, u.email])).toEqual([
      [1, null],
      [2, 'User2@Acme.Example'],
    ]);
  });

  it('lists every user alive throughout when a page vanished mid-list (users deleted)', async () => {
    // 150 users; after page 1 was read, the first 60 are deleted. Page 2 no longer exists ("Invalid
    // page."), and the 50 users it held moved to page 1: they must still be listed.
    const all = Array.from({ length: 150 }, (_, i) => user(i + 2));
    const next = (n: number) => `${ORIGIN}/api/v1/users/?page=${n}&per_page=100&order_by=id`;
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(150, all.slice(0, 100), next(2)));
    api()
      .get('/api/v1/users/')
      .query({ page: 2, per_page: 100, order_by: 'id' })
      .reply(404, { detail: 'Invalid page.' });
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(90, all.slice(60)));
    const { connector } = connect();
    const ids = (await connector.users.list().toArray()).map((u) => u.id);
    expect(ids).toHaveLength(150); // each once; the deleted ones as read before their deletion
    expect(new Set(ids)).toEqual(new Set(all.map((u) => u.id)));
  });

  it('a 404 on the first page is an error, not an empty list', async () => {
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(404, { detail: 'Invalid page.' });
    const { connector } = connect();
    expect(
      await connector.users
        .list()
        .toArray()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(NotFoundError);
  });

  it('asks only for the pages maxItems needs', async () => {
    const next = (n: number) => `${ORIGIN}/api/v1/users/?page=${n}&per_page=100`;
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(
        200,
        page(
          5000,
          Array.from({ length: 100 }, (_, i) => user(i + 2)),
          next(2),
        ),
      );
    api()
      .get('/api/v1/users/')
      .query({ page: 2, per_page: 100, order_by: 'id' })
      .reply(
        200,
        page(
          5000,
          Array.from({ length: 100 }, (_, i) => user(i + 102)),
          next(3),
        ),
      );
    const { connector, events } = connect({ managedDevices: 1 }); // 10 calls: enough for 2 pages
    expect(await connector.users.list({ maxItems: 150 }).toArray()).toHaveLength(150);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(2);
  });

  it('accounts() skips the null-email Default User and lowercases emails', async () => {
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(3, [user(1, null), user(2), user(3, '  ')]));
    const { connector } = connect();
    const accounts = [];
    for await (const a of connector.accounts()) accounts.push(a);
    expect(accounts).toEqual([
      {
        vendor: 'hexnode',
        connection: 'acme',
        id: '2',
        email: 'user2@acme.example',
        name: 'User 2',
        status: 'active',
        createdAt: undefined,
        raw: { ...user(2), phoneno: null },
      },
    ]);
  });

  it('accounts() fails a run whose users lost their email field (schema drift)', async () => {
    const { email: _gone, ...renamed } = { ...user(3), mail: 'user3@acme.example' };
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(2, [user(2), renamed]));
    const { connector } = connect();
    const run = async () => {
      for await (const _ of connector.accounts());
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      vendor: 'hexnode',
      issues: [{ path: '$.results[1].email', received: 'undefined' }],
    });
  });

  it("accounts() leaves drifted users out under onInvalidItem: 'skip' and reports each", async () => {
    const { email: _gone, ...renamed } = user(3);
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(2, [user(2), renamed]));
    const { connector } = connect();
    const skipped: InvalidItem[] = [];
    const ids: string[] = [];
    for await (const a of connector.accounts({
      onInvalidItem: 'skip',
      onSkippedItem: (i) => skipped.push(i),
    }))
      ids.push(a.id);
    expect(ids).toEqual(['2']);
    expect(skipped).toEqual([
      {
        vendor: 'hexnode',
        connection: 'acme',
        resource: 'users',
        path: '$.results[1]',
        field: 'email',
        itemId: '3',
        reason: 'is missing',
      },
    ]);
  });

  it('names the portal as the identity a snapshot is bound to', () => {
    const { connector } = connect();
    expect(connector.identity).toEqual({
      vendor: 'hexnode',
      host: 'acme.hexnodemdm.com',
      tenant: 'acme',
    });
  });
});

describe('daily quota', () => {
  it('learns the quota from the device count with one call before the first list', async () => {
    api()
      .get('/api/v1/users/')
      .query({ per_page: 1 })
      .reply(200, page(50, [user(1, null)]));
    api()
      .get('/api/v1/devices/')
      .query({ per_page: 1 })
      .reply(200, page(7, [{ id: 1 }], `${ORIGIN}/api/v1/devices/?page=2&per_page=1`));
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(1, [user(2)]));
    const { connector } = connect({ managedDevices: undefined });
    expect(connector.dailyQuota()).toMatchObject({ limit: undefined, source: 'unknown' });
    expect(connector.budget().windows.map((w) => w.name)).toEqual(['minute']);
    // One call to count the users, then: learning the quota + one page of 100.
    expect(await connector.estimateSyncCost()).toBe(2);
    await connector.users.list().toArray();
    expect(connector.dailyQuota()).toMatchObject({
      limit: 70,
      remaining: 67,
      managedDevices: 7,
      source: 'learned',
    });
    expect(connector.budget().windows.find((w) => w.name === 'day')).toMatchObject({
      limit: 70,
      remaining: 67,
    });
    expect(await connector.estimateSyncCost()).toBe(1); // known count, known quota: no call
  });

  it('stops a sync the quota cannot finish after the first page, before spending more', async () => {
    const next = `${ORIGIN}/api/v1/users/?page=2&per_page=100`;
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(2000, [user(2)], next));
    const { connector, events } = connect({ managedDevices: 1 }); // 10 calls a day
    const error = await connector.users
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).message).toMatch(
      // 20 pages: 19 more, and page 1 again (the list is read backward after the first page).
      /needs 20 more calls but only 9 of 10 remain/,
    );
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(1);
    expect(connector.dailyQuota()).toMatchObject({
      limit: 10,
      remaining: 9,
      source: 'managed-devices',
    });
  });

  it('an explicit daily limit wins over the device count', () => {
    const { connector } = connect({ managedDevices: 3, limits: { perDay: { limit: 5000 } } });
    expect(connector.dailyQuota()).toMatchObject({
      limit: 5000,
      remaining: 5000,
      source: 'config',
    });
  });

  it('a key that cannot read devices still lists users, with the quota unknown', async () => {
    api()
      .get('/api/v1/devices/')
      .query({ per_page: 1 })
      .reply(403, { detail: 'You do not have permission to perform this action.' });
    api()
      .get('/api/v1/users/')
      .query({ page: 1, per_page: 100, order_by: 'id' })
      .reply(200, page(1, [user(2)]));
    const { connector } = connect({ managedDevices: undefined });
    expect(await connector.users.list().toArray()).toHaveLength(1);
    expect(connector.dailyQuota()).toMatchObject({ limit: undefined, source: 'unknown' });
    expect(await connector.estimateSyncCost()).toBe(1);
  });

  it('fails fast when the limiter has no daily slot left', async () => {
    api()
      .get('/api/v1/users/')
      .query({ per_page: 1 })
      .reply(200, page(1, [user(2)]));
    const { connector, events } = connect({ limits: { perDay: { limit: 1 } } });
    await connector.verify();
    const error = await connector.users.get(2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect(events.filter((e) => e.type === 'response')).toHaveLength(1);
  });
});
