import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call, manualClock } from './helpers.js';

// Hexnode publishes no machine-readable spec: its fact sheet (shared/vendors/hexnode.md) is the
// reference, and each of its facts the sandbox can show has a test here, named by the fact,
// section by section. (Facts about the connector alone, such as normalising a pasted portal URL,
// are the connector's tests; the sandbox's side of them is here.)

type Page = {
  count: number;
  next: string | null;
  previous: string | null;
  results: Array<Record<string, unknown>>;
};

let sb: Sandbox<'hexnode'> | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function open(o: Parameters<typeof startSandbox<'hexnode'>>[0] | object = {}) {
  sb = await startSandbox({ vendor: 'hexnode', limits: false, ...o });
  const auth = { Authorization: sb.credentials.apiKey };
  const get = (path: string, headers: Record<string, string> = auth) =>
    call(`${sb?.credentials.baseUrl}${path}`, headers);
  return { s: sb, auth, get };
}

describe('Hexnode fact sheet: setup', () => {
  it('"The admin copies the API key … and knows the portal name … Config is { apiKey, portal }", a portal name being one DNS label', async () => {
    const { s } = await open();
    expect(Object.keys(s.credentials).sort()).toEqual(['apiKey', 'baseUrl', 'portal']);
    expect(s.credentials.portal).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
    expect(s.credentials.baseUrl).toBe(`${s.url}/api/v1/`);
  });

  it('"Required permission: read users (view users and their email addresses)"', async () => {
    const { s, get } = await open();
    const readUsers = s.control.addCredential({ permissions: ['Read Users'] });
    const page = await get('users/?per_page=5&order_by=id', { Authorization: readUsers.apiKey });
    expect(page.status).toBe(200);
    expect((page.body as Page).results.slice(1).every((u) => typeof u.email === 'string')).toBe(
      true,
    );
    const devicesOnly = s.control.addCredential({ permissions: ['Read Devices'] });
    expect(await get('users/', { Authorization: devicesOnly.apiKey })).toMatchObject({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
    expect((await get('devices/', { Authorization: devicesOnly.apiKey })).status).toBe(200);
  });

  it('"If the key is revoked or API access turned off, calls fail with 401/403"', async () => {
    const { s, get } = await open();
    const key = s.control.addCredential().apiKey;
    expect((await get('users/', { Authorization: key })).status).toBe(200);
    s.control.revokeCredential(key);
    expect(await get('users/', { Authorization: key })).toMatchObject({
      status: 401,
      body: { detail: 'Invalid API key.' },
    });
  });
});

describe('Hexnode fact sheet: requests', () => {
  it('"Base URL: https://<portal>.hexnodemdm.com/api/v1/ — paths end with a slash (users/, not users)"', async () => {
    const { s } = await open();
    // Django's APPEND_SLASH answers before authentication.
    const res = await fetch(`${s.url}/api/v1/users?page=2`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${s.url}/api/v1/users/?page=2`);
  });

  it('"Auth: header Authorization: <api key> — the raw key, no Bearer prefix"', async () => {
    const { s, get } = await open();
    expect((await get('users/')).status).toBe(200);
    expect(await get('users/', {})).toMatchObject({
      status: 401,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    expect((await get('users/', { Authorization: `Bearer ${s.credentials.apiKey}` })).status).toBe(
      401,
    );
    expect((await get('users/', { Authorization: 'nope' })).status).toBe(401);
  });

  it('"Endpoints (GET): users/, users/{id}/, usergroups/, usergroups/{id}/ (detail has users[]), devices/, devices/{id}/, devicegroups/, devicegroups/{id}/"', async () => {
    const { get, s, auth } = await open({ size: { users: 50, groups: 5, devices: 20 } });
    for (const path of ['users/', 'usergroups/', 'devices/', 'devicegroups/']) {
      const list = await get(path);
      expect(list.status, path).toBe(200);
      const id = (list.body as Page).results[0]?.id;
      expect((await get(`${path}${id}/`)).body, `${path}${id}/`).toMatchObject({ id });
    }
    const group = (await get('usergroups/2/')).body as {
      users: Array<{ id: number; name: string; email: string }>;
      users_count: number;
    };
    expect(group.users.length).toBe(group.users_count);
    expect(group.users[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      email: expect.any(String),
    });
    // GET only.
    const post = await fetch(`${s.credentials.baseUrl}users/`, { method: 'POST', headers: auth });
    expect(post.status).toBe(405);
  });

  it('"User list filters seen in clients: order_by, user_type, enrollment_status"', async () => {
    const { get } = await open({ size: { users: 5 } });
    const ids = async (query: string) =>
      ((await get(`users/?per_page=10${query}`)).body as Page).results.map((u) => u.id);
    expect(await ids('&order_by=id')).toEqual([1, 2, 3, 4, 5]);
    expect(await ids('&order_by=-id')).toEqual([5, 4, 3, 2, 1]);
    // Their values are unverified: taken, and the list served as it is.
    expect((await get('users/?user_type=local&enrollment_status=enrolled')).status).toBe(200);
  });

  it('"Device filters: platform, is_active, device_type, order_by"', async () => {
    const { get } = await open({ size: { devices: 40 } });
    const devices = async (query: string) =>
      ((await get(`devices/?per_page=100${query}`)).body as Page).results;
    const all = await devices('');
    const ios = await devices('&platform=ios');
    expect(ios.length).toBeGreaterThan(0);
    expect(ios.every((d) => d.os_name === 'iOS')).toBe(true);
    const inactive = await devices('&is_active=false');
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.every((d) => d.is_active === false)).toBe(true);
    expect((await devices('&is_active=true')).length + inactive.length).toBe(all.length);
    expect((await devices('&order_by=-id')).map((d) => d.id)).toEqual(
      all.map((d) => d.id).reverse(),
    );
    expect((await get('devices/?device_type=phone')).status).toBe(200);
  });
});

describe('Hexnode fact sheet: pagination', () => {
  it('"Query: page (1-based) and per_page. Observed per_page values 100 and 250"', async () => {
    const { get } = await open({ size: { users: 600 } });
    for (const perPage of [100, 250]) {
      const first = (await get(`users/?per_page=${perPage}&order_by=id`)).body as Page;
      const second = (await get(`users/?per_page=${perPage}&page=2&order_by=id`)).body as Page;
      expect(first.results).toHaveLength(perPage);
      expect(second.results[0]?.id).toBe(perPage + 1);
    }
  });

  it('"Body: { count: <total>, next: <absolute URL or null>, previous: <URL or null>, results: [...] }"', async () => {
    const { get, s } = await open({ size: { users: 30 } });
    const first = await get('users/?per_page=10');
    expect(Object.keys(first.body as object)).toEqual(['count', 'next', 'previous', 'results']);
    const page = first.body as Page;
    expect(page).toMatchObject({ count: 30, previous: null });
    expect(page.next).toBe(`${s.url}/api/v1/users/?per_page=10&page=2`);
    const last = (await get('users/?per_page=10&page=3')).body as Page;
    expect(last.next).toBeNull();
    expect(last.previous).toBe(`${s.url}/api/v1/users/?per_page=10&page=2`);
  });

  it('"Stop when next is null. count gives the total up front"', async () => {
    const { s, auth } = await open({ size: { users: 1234 } });
    let next: string | null = `${s.credentials.baseUrl}users/?per_page=100`;
    const ids: number[] = [];
    let pages = 0;
    while (next) {
      const page = (await call(next, auth)).body as Page;
      expect(page.count).toBe(1234);
      ids.push(...page.results.map((u) => u.id as number));
      next = page.next;
      pages++;
    }
    expect(pages).toBe(13);
    expect(new Set(ids).size).toBe(1234);
  });
});

describe('Hexnode fact sheet: objects', () => {
  it('"User: { id, name, email, phoneno, domain, total_devices }. id is an integer; phoneno may be "" or null"', async () => {
    const { get } = await open({ size: { users: 60 } });
    const users = ((await get('users/?per_page=100&order_by=id')).body as Page).results;
    for (const u of users) {
      expect(Object.keys(u)).toEqual(['id', 'name', 'email', 'phoneno', 'domain', 'total_devices']);
      expect(Number.isInteger(u.id)).toBe(true);
    }
    const phones = new Set(
      users.map((u) => (u.phoneno === null ? 'null' : u.phoneno === '' ? '""' : 'number')),
    );
    expect(phones).toEqual(new Set(['null', '""', 'number']));
  });

  it('"Every portal seen has { id: 1, name: Default User, email: null, phoneno: null }" — in raw listings', async () => {
    const { get } = await open();
    const [first] = ((await get('users/?per_page=3&order_by=id')).body as Page).results;
    expect(first).toMatchObject({ id: 1, name: 'Default User', email: null, phoneno: null });
  });

  it('"Device list items carry user: { id, name } (no email), enrollment_status, udid, serial_number, compliant, imei"', async () => {
    const { get } = await open({ size: { users: 10, devices: 20 } });
    const devices = ((await get('devices/?per_page=100')).body as Page).results;
    for (const d of devices) {
      expect(Object.keys(d.user as object)).toEqual(['id', 'name']);
      expect(d).toMatchObject({
        enrollment_status: expect.any(String),
        udid: expect.any(String),
        serial_number: expect.any(String),
        compliant: expect.any(Boolean),
      });
      expect(d).toHaveProperty('imei');
    }
  });
});

describe('Hexnode fact sheet: rate limits', () => {
  it('"30 API calls per minute"; over it "HTTP 429 … Request was throttled. Expected available in 57.0 seconds." with a Retry-After', async () => {
    const clock = manualClock();
    const { get, s } = await open({ clock, limits: {} });
    for (let i = 0; i < 30; i++) {
      expect((await get('users/')).status).toBe(200);
      clock.advance(1000);
    }
    const res = await get('users/');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      detail: 'Request was throttled. Expected available in 30.0 seconds.',
    });
    expect(res.headers.get('retry-after')).toBe('30');
    expect(s.control.counters().rateLimited).toBe(1);
    clock.advance(30_000);
    expect((await get('users/')).status).toBe(200);
  });

  it('"10 calls per managed device per day, pooled across the account (a 5-device portal has 50)"', async () => {
    const clock = manualClock();
    const { get, s } = await open({ clock, size: { devices: 5 }, limits: { perMinute: false } });
    const other = s.control.addCredential().apiKey;
    for (let i = 0; i < 50; i++) {
      // Pooled: two keys of one account draw on one quota.
      expect(
        (await get('devices/', { Authorization: i % 2 ? other : s.credentials.apiKey })).status,
      ).toBe(200);
    }
    const res = await get('devices/');
    expect(res.status).toBe(429);
    expect((res.body as { detail: string }).detail).toMatch(
      /^Request was throttled\. Expected available in \d+\.\d seconds\.$/,
    );
  });
});

describe('Hexnode fact sheet: errors', () => {
  it('"404 detail: {"detail": "usergroup not found"}. 401/403 bodies … {"detail": "..."}"', async () => {
    const { get, s } = await open({ size: { groups: 3 } });
    expect(await get('usergroups/99/')).toMatchObject({
      status: 404,
      body: { detail: 'usergroup not found' },
    });
    expect((await get('users/', {})).body).toEqual({
      detail: 'Authentication credentials were not provided.',
    });
    const devicesOnly = s.control.addCredential({ permissions: ['Read Devices'] });
    expect(
      Object.keys((await get('users/', { Authorization: devicesOnly.apiKey })).body as object),
    ).toEqual(['detail']);
  });

  it('"Parse error bodies defensively (they may be HTML or empty)"', async () => {
    const { get, s } = await open();
    const missing = await get('nothing-here/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    s.control.fault({ kind: '502', path: '/users/' });
    const gateway = await get('users/');
    expect(gateway.status).toBe(502);
    expect(gateway.text).toMatch(/^<!DOCTYPE html>/);
    const redirect = await fetch(`${s.url}/api/v1/users`, { redirect: 'manual' });
    expect(await redirect.text()).toBe('');
  });
});
