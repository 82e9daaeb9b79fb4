import {
  AuthenticationError,
  BadRequestError,
  ConfigError,
  type ConnectorEvent,
  type InvalidItem,
  NotFoundError,
  PaginationError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@org/connector-core';
import { createClockDriver, createManualClock } from '@org/connector-core/testing';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { createKandjiConnector, type KandjiConnectorOptions } from './index.js';

const API = 'https://acme.api.kandji.io';
const WEB = 'https://acme.kandji.io';
const TOKEN = 'kandji-token-7f3c9e1a';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup(over: Partial<KandjiConnectorOptions> = {}) {
  const clock = createManualClock();
  const driver = createClockDriver(clock);
  const events: ConnectorEvent[] = [];
  const kandji = createKandjiConnector({
    apiToken: TOKEN,
    apiUrl: 'acme.api.kandji.io/api/v1/',
    clock,
    fetch: driver.fetch,
    retry: { random: () => 0.5 },
    onEvent: (e) => events.push(e),
    ...over,
  });
  return { kandji, clock, events, sent: driver.sent, run: driver.run, peak: driver.peak };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

let seq = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
function user(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    id: uuid(seq),
    email: `User${seq}@Acme.io`,
    name: `User ${seq}`,
    active: true,
    archived: false,
    created_at: '2024-09-06T21:00:04.304248Z',
    updated_at: '2024-09-06T21:00:04.304280Z',
    department: null,
    job_title: null,
    device_count: 0,
    deprecated_user_id: String(seq),
    integration: { id: 634, name: 'acme', type: 'office365', uuid: uuid(9999) },
    ...over,
  };
}
const device = (n: number) => ({ device_id: uuid(n), device_name: `Mac ${n}`, user: '' });
const page = (limit: number, offset: number) => ({ limit: String(limit), offset: String(offset) });
const devices = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => device(from + i));

describe('users', () => {
  it('takes the cursor out of a next link on another host and sends it to the API URL only', async () => {
    const first = [user(), user()];
    const second = [user()];
    const api = nock(API)
      .get('/api/v1/users')
      .query({ archived: 'false', integration_id: uuid(9999) })
      .reply(200, {
        next: `${WEB}/api/v1/users?archived=false&cursor=cD0yOTE0Mw%3D%3D&integration_id=${uuid(9999)}`,
        previous: null,
        results: first,
      })
      .get('/api/v1/users')
      .query({ archived: 'false', integration_id: uuid(9999), cursor: 'cD0yOTE0Mw==' })
      .reply(200, { next: null, previous: `${WEB}/api/v1/users?cursor=x`, results: second });
    // A trap on the host the link names: it must never be contacted.
    const foreign = nock(WEB).get(/.*/).reply(200, { next: null, previous: null, results: [] });

    const { kandji, sent, run } = setup();
    const list = kandji.users.list({ archived: false, integrationId: uuid(9999) });
    const got = await run(list.toArray());

    expect(got.map((u) => u.id)).toEqual([...first, ...second].map((u) => u.id));
    expect(api.isDone()).toBe(true);
    expect(foreign.isDone()).toBe(false);
    expect(sent.map((r) => r.url.host)).toEqual(['acme.api.kandji.io', 'acme.api.kandji.io']);
    for (const r of sent) expect(r.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(sent[0]?.headers.get('user-agent')).toBe(`@org/connector-kandji/${pkg.version}`);
  });

  it('ignores everything but the cursor in a hostile next link', async () => {
    nock(API)
      .get('/api/v1/users')
      .query({ email: 'ann' })
      .reply(200, {
        next: 'https://attacker.example/steal/token?cursor=abc&email=someone-else&archived=true',
        previous: null,
        results: [user()],
      })
      .get('/api/v1/users')
      .query({ email: 'ann', cursor: 'abc' })
      .reply(200, { next: null, previous: null, results: [user()] });
    const trap = nock('https://attacker.example').get(/.*/).reply(200, {});

    const { kandji, sent, run } = setup();
    const got = await run(kandji.users.list({ email: 'ann' }).toArray());
    expect(got).toHaveLength(2);
    expect(trap.isDone()).toBe(false);
    expect(sent.every((r) => r.url.origin === API && r.url.pathname === '/api/v1/users')).toBe(
      true,
    );
  });

  it('stops a next link that repeats with PaginationError', async () => {
    const loop = { next: `${WEB}/api/v1/users?cursor=same`, previous: null };
    nock(API)
      .get('/api/v1/users')
      .reply(200, { ...loop, results: [user()] })
      .get('/api/v1/users')
      .query({ cursor: 'same' })
      .times(2)
      .reply(() => [200, { ...loop, results: [user()] }]);
    const { kandji, run } = setup();
    await expect(run(kandji.users.list().toArray())).rejects.toBeInstanceOf(PaginationError);
  });

  it('gets a user by UUID, and refuses anything else without a request', async () => {
    const one = user({ active: 0, archived: 1 });
    nock(API).get(`/api/v1/users/${one.id}`).reply(200, one);
    const { kandji, sent, run } = setup();
    const got = await run(kandji.users.get(one.id));
    expect(got).toMatchObject({ id: one.id, active: false, archived: true });
    await expect(kandji.users.get('../devices')).rejects.toBeInstanceOf(TypeError);
    expect(sent).toHaveLength(1);
  });

  it('maps a 404 HTML page to NotFoundError without markup in the message', async () => {
    nock(API)
      .get(`/api/v1/users/${uuid(1)}`)
      .reply(
        404,
        '<!DOCTYPE html><html><head><title>Not Found</title></head><body>x</body></html>',
        {
          'content-type': 'text/html',
        },
      );
    const { kandji, run } = setup();
    const error = await run(kandji.users.get(uuid(1))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).not.toMatch(/<|>/);
  });
});

describe('devices', () => {
  it('reads 750 devices in 3 pages of at most 300, in order', async () => {
    const scope = nock(API)
      .get('/api/v1/devices')
      .query(page(300, 0))
      .reply(200, devices(0, 300), { 'x-total-count': '750', 'x-total-pages': '3' })
      .get('/api/v1/devices')
      .query(page(300, 300))
      .reply(200, devices(300, 300), { 'x-total-count': '750' })
      .get('/api/v1/devices')
      .query(page(300, 600))
      .reply(200, devices(600, 150), { 'x-total-count': '750' });
    const { kandji, run } = setup();
    const got = await run(kandji.devices.list().toArray());
    scope.done();
    expect(got.map((d) => d.device_id)).toEqual(devices(0, 750).map((d) => d.device_id));
    expect(got[0]?.user).toBeNull();
  });

  it('fetches the later pages in parallel once the total is known', async () => {
    // The last page ends exactly at the total: one more (empty) page confirms the total.
    for (let offset = 0; offset <= 1200; offset += 300) {
      nock(API)
        .get('/api/v1/devices')
        .query(page(300, offset))
        .reply(200, offset < 1200 ? devices(offset, 300) : [], { 'x-total-count': '1200' });
    }
    const { kandji, run, peak } = setup({ concurrency: 3 });
    const got = await run(kandji.devices.list().toArray());
    expect(got.map((d) => d.device_id)).toEqual(devices(0, 1200).map((d) => d.device_id));
    // Pages 2-4 were in flight together.
    expect(peak()).toBe(3);
  });

  it('stops on a short page when there is no x-total-count', async () => {
    const scope = nock(API)
      .get('/api/v1/devices')
      .query(page(300, 0))
      .reply(200, devices(0, 300))
      .get('/api/v1/devices')
      .query(page(300, 300))
      .reply(200, devices(300, 300))
      .get('/api/v1/devices')
      .query(page(300, 600))
      .reply(200, devices(600, 150));
    const { kandji, run } = setup();
    expect(await run(kandji.devices.list().toArray())).toHaveLength(750);
    scope.done();
  });

  it('stops on an empty page after an exact multiple of the limit', async () => {
    const scope = nock(API)
      .get('/api/v1/devices')
      .query(page(300, 0))
      .reply(200, devices(0, 300))
      .get('/api/v1/devices')
      .query(page(300, 300))
      .reply(200, devices(300, 300))
      .get('/api/v1/devices')
      .query(page(300, 600))
      .reply(200, []);
    const { kandji, run } = setup();
    expect(await run(kandji.devices.list().toArray())).toHaveLength(600);
    scope.done();
  });

  it('passes filters and a smaller limit, and rejects a limit above 300', async () => {
    nock(API)
      .get('/api/v1/devices')
      .query({ limit: '100', offset: '0', platform: 'Mac' })
      .reply(200, devices(0, 10));
    const { kandji, run } = setup();
    const got = await run(
      kandji.devices.list({ limit: 100, filters: { platform: 'Mac' } }).toArray(),
    );
    expect(got).toHaveLength(10);
    expect(() => kandji.devices.list({ limit: 301 })).toThrow(RangeError);
    expect(() => kandji.devices.list({ limit: 0 })).toThrow(RangeError);
  });

  it('gets one device with its assigned user (a UUID, as the documented example has it)', async () => {
    nock(API)
      .get(`/api/v1/devices/${uuid(5)}`)
      .reply(200, {
        ...device(5),
        user: { email: 'a@acme.io', name: 'A', id: uuid(6), is_archived: 0 },
      });
    const { kandji, run } = setup();
    expect((await run(kandji.devices.get(uuid(5)))).user).toEqual({
      email: 'a@acme.io',
      name: 'A',
      legacyId: null,
      uuid: uuid(6),
      is_archived: false,
    });
  });

  it('gets a device whose user is named by a legacy integer id, as real tenants send it', async () => {
    nock(API)
      .get(`/api/v1/devices/${uuid(5)}`)
      .reply(200, {
        ...device(5),
        user: { email: 'a@acme.io', name: 'A', id: 1, is_archived: false },
      });
    const { kandji, run } = setup();
    expect((await run(kandji.devices.get(uuid(5)))).user).toEqual({
      email: 'a@acme.io',
      name: 'A',
      legacyId: '1',
      uuid: null,
      is_archived: false,
    });
  });
});

describe('accounts', () => {
  it('yields one SaasAccount per user with the status in the shared vocabulary', async () => {
    const users = [
      user({ email: '  Ann@Acme.IO ' }),
      user({ archived: 1, active: 0 }),
      user({ archived: true, active: true }),
      user({ active: 0, archived: 0 }),
      user({ email: null }),
    ];
    nock(API)
      .get('/api/v1/users')
      .reply(200, {
        next: `${WEB}/api/v1/users?cursor=p2`,
        previous: null,
        results: users.slice(0, 3),
      })
      .get('/api/v1/users')
      .query({ cursor: 'p2' })
      .reply(200, { next: null, previous: null, results: users.slice(3) });
    const { kandji, run } = setup({ name: 'kandji-prod' });
    expect(await kandji.estimateSyncCost()).toBeUndefined();
    const accounts = await run(collect(kandji.accounts()));
    expect(accounts.map((a) => [a.email, a.status])).toEqual([
      ['ann@acme.io', 'active'],
      [users[1]?.email.toLowerCase(), 'archived'],
      [users[2]?.email.toLowerCase(), 'archived'],
      [users[3]?.email.toLowerCase(), 'suspended'],
    ]); // the user without an email is no account
    expect(accounts[0]).toMatchObject({
      vendor: 'kandji',
      connection: 'kandji-prod',
      id: users[0]?.id,
      name: users[0]?.name,
      createdAt: new Date('2024-09-06T21:00:04.304Z'),
    });
    expect(await kandji.estimateSyncCost()).toBe(2);
  });

  it('fails a run whose users lost their email field (schema drift) with a ValidationError', async () => {
    const { email: _gone, ...renamed } = user({ mail: 'moved@acme.io' });
    nock(API)
      .get('/api/v1/users')
      .reply(200, { next: null, previous: null, results: [user(), renamed] });
    const { kandji, run } = setup();
    const error = await run(collect(kandji.accounts())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      vendor: 'kandji',
      issues: [{ path: '$.results[1].email', received: 'undefined' }],
    });
    expect((error as Error).message).toContain('Kandji users: email is missing at $.results[1]');
  });

  it("leaves drifted users out under onInvalidItem: 'skip' and reports each", async () => {
    const { email: _gone, ...renamed } = user();
    nock(API)
      .get('/api/v1/users')
      .reply(200, { next: null, previous: null, results: [user(), renamed] });
    const { kandji, run } = setup({ name: 'kandji-prod' });
    const skipped: InvalidItem[] = [];
    const accounts = await run(
      collect(kandji.accounts({ onInvalidItem: 'skip', onSkippedItem: (i) => skipped.push(i) })),
    );
    expect(accounts).toHaveLength(1);
    expect(skipped).toEqual([
      {
        vendor: 'kandji',
        connection: 'kandji-prod',
        resource: 'users',
        path: '$.results[1]',
        field: 'email',
        itemId: renamed.id,
        reason: 'is missing',
      },
    ]);
  });

  it('treats an empty user list (no directory integration) as a normal empty result', async () => {
    nock(API).get('/api/v1/users').reply(200, { next: null, previous: null, results: [] });
    const { kandji, run } = setup();
    expect(await run(collect(kandji.accounts()))).toEqual([]);
  });
});

describe('verify', () => {
  it('checks the token with one users request', async () => {
    nock(API).get('/api/v1/users').reply(200, { next: null, previous: null, results: [] });
    const { kandji, run } = setup();
    expect(await run(kandji.verify())).toEqual({
      ok: true,
      vendor: 'kandji',
      connection: 'acme',
      details: { apiHost: 'acme.api.kandji.io', region: 'us', tenant: 'acme', hasUsers: false },
    });
  });

  it('maps 401 to AuthenticationError (reconnect) without the token', async () => {
    nock(API)
      .get('/api/v1/users')
      .reply(401, { detail: `Invalid token ${TOKEN}` });
    const { kandji, run } = setup();
    const error = await run(kandji.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).userAction).toBe('reconnect');
    expect((error as Error).message).toMatch(/Settings > Access/);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('maps 403 to PermissionError naming "Users › List users"', async () => {
    nock(API)
      .get('/api/v1/users')
      .reply(403, ['You do not have permission to perform this action.']);
    const { kandji, run } = setup();
    const error = await run(kandji.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({
      permission: 'Users › List users',
      userAction: 'grant_permission',
    });
    expect((error as Error).message).toContain('Users › List users');
    expect((error as Error).message).toContain('You do not have permission');
  });

  it('names the devices permission for a devices 403', async () => {
    nock(API).get('/api/v1/devices').query(true).reply(403, '"Forbidden"');
    const { kandji, run } = setup();
    const error = await run(kandji.devices.list().toArray()).catch((e: unknown) => e);
    expect(error).toMatchObject({ permission: 'Devices › List devices' });
  });
});

describe('errors and retries', () => {
  it('reads a bare JSON string error body', async () => {
    nock(API).get('/api/v1/users').query({ email: 'x' }).reply(400, '"Invalid email filter"', {
      'content-type': 'application/json',
    });
    const { kandji, run } = setup();
    const error = await run(kandji.users.list({ email: 'x' }).toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain('Invalid email filter');
  });

  it('reads a JSON array error body', async () => {
    nock(API).get('/api/v1/users').reply(400, ['Invalid cursor']);
    const { kandji, run } = setup();
    const error = await run(kandji.users.list().toArray()).catch((e: unknown) => e);
    expect((error as Error).message).toContain('Invalid cursor');
  });

  it('waits out a 429 (Retry-After) on the injected clock and pauses the whole connection', async () => {
    nock(API)
      .get('/api/v1/users')
      .reply(429, { detail: 'Too many requests' }, { 'retry-after': '7' })
      .get('/api/v1/users')
      .reply(200, { next: null, previous: null, results: [user()] });
    const { kandji, clock, events, sent, run } = setup();
    const started = clock.now();
    expect(await run(kandji.users.list().toArray())).toHaveLength(1);
    expect((sent[1]?.at ?? 0) - started).toBeGreaterThanOrEqual(7_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 7_000 }),
    );
  });

  it('gives up on a 429 that persists with RateLimitError', async () => {
    nock(API).get('/api/v1/users').times(3).reply(429, 'rate limited', { 'retry-after': '1' });
    const { kandji, run } = setup({ retry: { limit: 2 } });
    const error = await run(kandji.users.list().toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('retries a 503 then continues where it was', async () => {
    nock(API)
      .get('/api/v1/devices')
      .query({ limit: '300', offset: '0' })
      .reply(200, devices(0, 300))
      .get('/api/v1/devices')
      .query({ limit: '300', offset: '300' })
      .reply(503, '<html><body>Service Unavailable</body></html>')
      .get('/api/v1/devices')
      .query({ limit: '300', offset: '300' })
      .reply(200, devices(300, 20));
    const { kandji, run } = setup();
    const got = await run(kandji.devices.list().toArray());
    expect(got.map((d) => d.device_id)).toEqual(devices(0, 320).map((d) => d.device_id));
  });

  it('fails with ServerError after a 500 that persists', async () => {
    nock(API).get('/api/v1/users').times(3).reply(500, { detail: 'boom' });
    const { kandji, run } = setup({ retry: { limit: 2, random: () => 0.5 } });
    const error = await run(kandji.users.list().toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
  });
});

describe('pacing', () => {
  it('waits for the next second when Kong says the per-second budget is spent', async () => {
    nock(API)
      .get('/api/v1/devices')
      .query({ limit: '300', offset: '0' })
      .reply(200, devices(0, 300), {
        'x-ratelimit-limit-second': '50',
        'x-ratelimit-remaining-second': '0',
        'x-ratelimit-limit-hour': '10000',
        'x-ratelimit-remaining-hour': '9000',
      })
      .get('/api/v1/devices')
      .query({ limit: '300', offset: '300' })
      .reply(200, devices(300, 1));
    const { kandji, events, sent, run } = setup();
    expect(await run(kandji.devices.list().toArray())).toHaveLength(301);
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'limiter' }),
    );
    // The hour window learned what the server has already counted.
    const hour = kandji.budget().windows.find((w) => w.name === 'hour');
    expect(hour?.remaining).toBeLessThanOrEqual(9000);
  });

  it('spreads a burst over the 50-per-second window before the server has to say 429', async () => {
    for (let offset = 0; offset <= 120; offset++) {
      nock(API)
        .get('/api/v1/devices')
        .query(page(1, offset))
        .reply(200, offset < 120 ? devices(offset, 1) : [], { 'x-total-count': '120' });
    }
    const { kandji, sent, run } = setup({ concurrency: 10 });
    expect(await run(kandji.devices.list({ limit: 1 }).toArray())).toHaveLength(120);
    // No span of one second holds more than 50 requests.
    const at = sent.map((r) => r.at).sort((a, b) => a - b);
    for (let i = 50; i < at.length; i++) {
      expect((at[i] ?? 0) - (at[i - 50] ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('fails fast with a quota RateLimitError when the hourly budget is spent', async () => {
    nock(API)
      .get('/api/v1/users')
      .reply(
        200,
        { next: `${WEB}/api/v1/users?cursor=p2`, previous: null, results: [user()] },
        {
          'x-ratelimit-limit-hour': '10000',
          'x-ratelimit-remaining-hour': '0',
        },
      );
    const { kandji, sent, run } = setup();
    const error = await run(kandji.users.list().toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect(sent).toHaveLength(1);
  });
});

describe('construction', () => {
  it('throws ConfigError for an API URL that is not Kandji, before any request', () => {
    expect(() =>
      createKandjiConnector({ apiToken: TOKEN, apiUrl: 'https://evil.example' }),
    ).toThrow(ConfigError);
  });

  it('rejects nonsensical limits', () => {
    const base = { apiToken: TOKEN, apiUrl: 'acme.api.kandji.io' };
    expect(() => createKandjiConnector({ ...base, concurrency: 0 })).toThrow(ConfigError);
    expect(() => createKandjiConnector({ ...base, limits: { perSecond: -1 } })).toThrow(
      ConfigError,
    );
  });

  it('reports the budget per second and per hour', () => {
    const { kandji } = setup({ limits: { perHour: 5_000 } });
    expect(kandji.budget().windows.map((w) => [w.name, w.limit, w.remaining])).toEqual([
      ['second', 50, 50],
      ['hour', 5_000, 5_000],
    ]);
    expect(kandji).toMatchObject({ vendor: 'kandji', name: 'acme', tenant: 'acme', region: 'us' });
    expect(kandji.identity).toEqual({
      vendor: 'kandji',
      host: 'acme.api.kandji.io',
      tenant: 'acme',
    });
  });
});

describe('secrets', () => {
  it('keeps the token out of toJSON and inspect', async () => {
    const { inspect } = await import('node:util');
    const { kandji } = setup();
    expect(JSON.stringify(kandji)).not.toContain(TOKEN);
    expect(inspect(kandji, { depth: 10 })).not.toContain(TOKEN);
    expect(JSON.stringify(kandji.toJSON())).toContain('acme.api.kandji.io');
  });
});
