import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call, manualClock } from './helpers.js';

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

describe('hexnode sandbox', () => {
  it('pages users/ with page & per_page to the end, following absolute next links', async () => {
    sb = await startSandbox({ vendor: 'hexnode', size: { users: 1234 } });
    const auth = { Authorization: sb.credentials.apiKey };
    expect(sb.credentials.baseUrl).toBe(`${sb.url}/api/v1/`);
    let next: string | null = `${sb.credentials.baseUrl}users/?per_page=100`;
    const ids: number[] = [];
    let pages = 0;
    while (next) {
      expect(new URL(next).origin).toBe(sb.url);
      const { status, body } = await call(next, auth);
      expect(status).toBe(200);
      const page = body as Page;
      expect(page.count).toBe(1234);
      ids.push(...page.results.map((u) => u.id as number));
      next = page.next;
      pages++;
    }
    expect(pages).toBe(13);
    expect(ids).toHaveLength(1234);
    expect(new Set(ids).size).toBe(1234);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
  });

  it('has the Default User (id 1, null email and phoneno) and plausible users', async () => {
    sb = await startSandbox({ vendor: 'hexnode' });
    const { body } = await call(`${sb.credentials.baseUrl}users/?per_page=3&order_by=id`, {
      Authorization: sb.credentials.apiKey,
    });
    const [first, second] = (body as Page).results;
    expect(first).toMatchObject({ id: 1, name: 'Default User', email: null, phoneno: null });
    expect(second?.id).toBe(2);
    expect(second?.email).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z-]+\.example$/);
    expect(Object.keys(second ?? {})).toEqual([
      'id',
      'name',
      'email',
      'phoneno',
      'domain',
      'total_devices',
    ]);
  });

  it('sends users newest first unless order_by asks otherwise, as the real API does', async () => {
    sb = await startSandbox({ vendor: 'hexnode', size: { users: 5 } });
    const ids = async (query: string) =>
      (
        (
          await call(`${sb?.credentials.baseUrl}users/?per_page=10${query}`, {
            Authorization: sb?.credentials.apiKey ?? '',
          })
        ).body as Page
      ).results.map((u) => u.id);
    expect(await ids('')).toEqual([5, 4, 3, 2, 1]);
    expect(await ids('&order_by=id')).toEqual([1, 2, 3, 4, 5]);
    expect(await ids('&order_by=-id')).toEqual([5, 4, 3, 2, 1]);
  });

  it.each([
    // order, then users for order_by=id, for -id, for none, and devices for order_by=id
    ['ignored', [5, 4, 3, 2, 1], [5, 4, 3, 2, 1], [5, 4, 3, 2, 1], [1, 2, 3]],
    ['reversed', [5, 4, 3, 2, 1], [1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [3, 2, 1]],
  ] as const)(
    'with order %s, serves users and devices as such a portal would',
    async (order, byId, byMinusId, byNone, devices) => {
      sb = await startSandbox({ vendor: 'hexnode', size: { users: 5, devices: 3 }, order });
      const ids = async (path: string, query: string) =>
        (
          (
            await call(`${sb?.credentials.baseUrl}${path}?per_page=10${query}`, {
              Authorization: sb?.credentials.apiKey ?? '',
            })
          ).body as Page
        ).results.map((u) => u.id);
      expect(await ids('users/', '&order_by=id')).toEqual(byId);
      expect(await ids('users/', '&order_by=-id')).toEqual(byMinusId);
      expect(await ids('users/', '')).toEqual(byNone);
      expect(await ids('devices/', '&order_by=id')).toEqual(devices);
    },
  );

  it('answers 301 to the slashed path when the trailing slash is missing (before auth)', async () => {
    sb = await startSandbox({ vendor: 'hexnode' });
    const res = await fetch(`${sb.url}/api/v1/users?page=2`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${sb.url}/api/v1/users/?page=2`);
  });

  it('previous links drop page=1, out-of-range pages are 404 "Invalid page."', async () => {
    sb = await startSandbox({ vendor: 'hexnode', size: { users: 30 } });
    const auth = { Authorization: sb.credentials.apiKey };
    const p2 = (await call(`${sb.credentials.baseUrl}users/?per_page=10&page=2`, auth))
      .body as Page;
    expect(p2.previous).toBe(`${sb.url}/api/v1/users/?per_page=10`);
    expect(p2.next).toBe(`${sb.url}/api/v1/users/?per_page=10&page=3`);
    const bad = await call(`${sb.credentials.baseUrl}users/?per_page=10&page=9`, auth);
    expect(bad).toMatchObject({ status: 404, body: { detail: 'Invalid page.' } });
  });

  it('serves details, groups with users[], devices and device groups; 404 detail bodies', async () => {
    sb = await startSandbox({ vendor: 'hexnode', size: { users: 50, groups: 5, devices: 20 } });
    const auth = { Authorization: sb.credentials.apiKey };
    const base = sb.credentials.baseUrl;
    expect((await call(`${base}users/7/`, auth)).body).toMatchObject({ id: 7 });
    const group = (await call(`${base}usergroups/2/`, auth)).body as {
      users: Array<{ id: number }>;
      users_count: number;
    };
    expect(group.users.length).toBe(group.users_count);
    expect(group.users.length).toBeGreaterThan(0);
    expect(await call(`${base}usergroups/99/`, auth)).toMatchObject({
      status: 404,
      body: { detail: 'usergroup not found' },
    });
    const devices = (await call(`${base}devices/?per_page=100`, auth)).body as Page;
    expect(devices.count).toBe(20);
    expect(devices.results[0]).toMatchObject({
      id: 1,
      user: { id: expect.any(Number), name: expect.any(String) },
    });
    expect(devices.results[0]).not.toHaveProperty('user.email');
    // As real lists: `os_name` but no `platform`; unassigned devices belong to the Default User.
    expect(devices.results.every((d) => !('platform' in d) && 'os_name' in d)).toBe(true);
    expect(devices.results.map((d) => (d as { user: { id: number } }).user.id)).toContain(1);
    expect((await call(`${base}devices/3/`, auth)).body).toMatchObject({ id: 3 });
    expect((await call(`${base}devicegroups/`, auth)).body).toMatchObject({ count: 2 });
    const detail = (await call(`${base}devicegroups/1/`, auth)).body as {
      devices: Array<Record<string, unknown>>;
    };
    expect(detail).toMatchObject({ id: 1, policy: [], location_history: [] });
    expect(detail.devices.length).toBeGreaterThan(0);
    const listed = devices.results.find((d) => d.id === detail.devices[0]?.id) as Record<
      string,
      unknown
    >;
    expect(detail.devices[0]).toEqual({
      id: listed.id,
      name: listed.device_name,
      user_id: (listed.user as { id: number }).id,
      user_name: (listed.user as { name: string }).name,
      model_name: listed.model_name,
      platform: String(listed.os_name).toLowerCase(),
    });
  });

  it('401 without or with a wrong key (raw key, no Bearer), 403 without the permission', async () => {
    sb = await startSandbox({ vendor: 'hexnode' });
    const url = `${sb.credentials.baseUrl}users/`;
    expect(await call(url)).toMatchObject({
      status: 401,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    expect((await call(url, { Authorization: 'nope' })).status).toBe(401);
    expect((await call(url, { Authorization: `Bearer ${sb.credentials.apiKey}` })).status).toBe(
      401,
    );
    const devicesOnly = sb.control.addCredential({ permissions: ['Read Devices'] });
    expect(await call(url, { Authorization: devicesOnly.apiKey })).toMatchObject({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
    expect(
      (await call(`${sb.credentials.baseUrl}devices/`, { Authorization: devicesOnly.apiKey }))
        .status,
    ).toBe(200);
    sb.control.revokeCredential(devicesOnly.apiKey);
    expect(
      (await call(`${sb.credentials.baseUrl}devices/`, { Authorization: devicesOnly.apiKey }))
        .status,
    ).toBe(401);
  });

  it('throttles at 30/min by default with the DRF message and Retry-After', async () => {
    const clock = manualClock();
    sb = await startSandbox({ vendor: 'hexnode', clock });
    const auth = { Authorization: sb.credentials.apiKey };
    for (let i = 0; i < 30; i++) {
      expect((await call(`${sb.credentials.baseUrl}users/`, auth)).status).toBe(200);
      clock.advance(1000);
    }
    const res = await call(`${sb.credentials.baseUrl}users/`, auth);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      detail: 'Request was throttled. Expected available in 30.0 seconds.',
    });
    expect(res.headers.get('retry-after')).toBe('30');
    expect(sb.control.counters().rateLimited).toBe(1);
    clock.advance(30_000);
    expect((await call(`${sb.credentials.baseUrl}users/`, auth)).status).toBe(200);
  });

  it('can leave Retry-After out, so the wait is only in the throttle sentence', async () => {
    const clock = manualClock();
    sb = await startSandbox({
      vendor: 'hexnode',
      clock,
      quirks: { retryAfterHeader: false },
      limits: { perMinute: { limit: 1, intervalMs: 60_000 } },
    });
    const auth = { Authorization: sb.credentials.apiKey };
    expect((await call(`${sb.credentials.baseUrl}users/`, auth)).status).toBe(200);
    const res = await call(`${sb.credentials.baseUrl}users/`, auth);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.body).toEqual({
      detail: 'Request was throttled. Expected available in 60.0 seconds.',
    });
  });

  it('scales limits (3 per 300 ms) and enforces the daily quota of 10 × devices', async () => {
    const clock = manualClock();
    sb = await startSandbox({
      vendor: 'hexnode',
      clock,
      size: { devices: 1 },
      limits: { perMinute: { limit: 3, intervalMs: 300 } },
    });
    const auth = { Authorization: sb.credentials.apiKey };
    const url = `${sb.credentials.baseUrl}devices/`;
    for (let i = 0; i < 3; i++) expect((await call(url, auth)).status).toBe(200);
    const minute = await call(url, auth);
    expect(minute.body).toEqual({
      detail: 'Request was throttled. Expected available in 0.3 seconds.',
    });
    let sent = 3;
    while (sent < 10) {
      clock.advance(300);
      for (let i = 0; i < 3 && sent < 10; i++, sent++)
        expect((await call(url, auth)).status).toBe(200);
    }
    clock.advance(300);
    const daily = await call(url, auth);
    expect(daily.status).toBe(429);
    expect((daily.body as { detail: string }).detail).toMatch(
      /^Request was throttled\. Expected available in 8\d{4}\.\d seconds\.$/,
    );
    sb.control.setLimits(false);
    expect((await call(url, auth)).status).toBe(200);
  });
});
