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

// What the fact sheet says is tested in hexnode-facts.test.ts; here, what the sandbox does beyond it.
describe('hexnode sandbox', () => {
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

  it('serves devices as real lists do, and device groups whose details list their devices', async () => {
    sb = await startSandbox({ vendor: 'hexnode', size: { users: 50, groups: 5, devices: 20 } });
    const auth = { Authorization: sb.credentials.apiKey };
    const base = sb.credentials.baseUrl;
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
