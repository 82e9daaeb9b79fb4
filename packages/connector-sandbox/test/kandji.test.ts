import { afterEach, describe, expect, it } from 'vitest';
import { KANDJI_USERS_PAGE_SIZE, type Sandbox, startSandbox } from '../src/index.js';
import { call, manualClock } from './helpers.js';

type UsersPage = {
  next: string | null;
  previous: string | null;
  results: Array<Record<string, unknown>>;
};

let sb: Sandbox<'kandji'> | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/** Follows `next` the way a careful client does: takes the cursor, sends it to the API URL. */
async function allUsers(
  s: Sandbox<'kandji'>,
  query = '',
): Promise<{ users: Array<Record<string, unknown>>; pages: number; hosts: Set<string> }> {
  const auth = { Authorization: `Bearer ${s.credentials.apiToken}` };
  const users: Array<Record<string, unknown>> = [];
  const hosts = new Set<string>();
  let url: string | undefined = `${s.credentials.apiUrl}/api/v1/users${query}`;
  let pages = 0;
  while (url) {
    const res = await call(url, auth);
    expect(res.status).toBe(200);
    const page = res.body as UsersPage;
    users.push(...page.results);
    pages++;
    url = undefined;
    if (page.next) {
      const next = new URL(page.next);
      hosts.add(next.hostname);
      const target = new URL(`${s.credentials.apiUrl}/api/v1/users`);
      target.search = next.search;
      url = target.toString();
    }
  }
  return { users, pages, hosts };
}

describe('kandji sandbox', () => {
  it('cursor-pages users to the end; next names another host; no total', async () => {
    sb = await startSandbox({ vendor: 'kandji', size: { users: 1000 } });
    const { users, pages, hosts } = await allUsers(sb);
    expect(users).toHaveLength(1000);
    expect(new Set(users.map((u) => u.id)).size).toBe(1000);
    expect(pages).toBe(Math.ceil(1000 / KANDJI_USERS_PAGE_SIZE));
    expect([...hosts]).toEqual(['sandbox.kandji.test']);
    // Newest first, like the documented example (deprecated ids descending).
    expect(Number(users[0]?.deprecated_user_id)).toBeGreaterThan(
      Number(users[1]?.deprecated_user_id),
    );
    expect(users[0]).toMatchObject({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      active: expect.any(Boolean),
      archived: expect.any(Boolean),
      integration: {
        id: expect.any(Number),
        name: expect.any(String),
        type: expect.any(String),
        uuid: expect.any(String),
      },
    });
  });

  it('filters: email contains, archived, id, integration_id; field errors in Kandji shapes', async () => {
    sb = await startSandbox({ vendor: 'kandji', size: { users: 400 } });
    const { users } = await allUsers(sb);
    const archived = users.filter((u) => u.archived === true);
    expect((await allUsers(sb, '?archived=true')).users.map((u) => u.id)).toEqual(
      archived.map((u) => u.id),
    );
    const sample = users[17] as { id: string; email: string; integration: { uuid: string } };
    const part = sample.email.split('@')[0] as string;
    const byEmail = (await allUsers(sb, `?email=${encodeURIComponent(part)}`)).users;
    expect(byEmail.map((u) => u.id)).toContain(sample.id);
    expect(byEmail.every((u) => String(u.email).includes(part))).toBe(true);
    expect((await allUsers(sb, `?id=${sample.id}`)).users.map((u) => u.id)).toEqual([sample.id]);
    const inIntegration = users.filter(
      (u) => (u.integration as { uuid: string }).uuid === sample.integration.uuid,
    ).length;
    expect((await allUsers(sb, `?integration_id=${sample.integration.uuid}`)).users).toHaveLength(
      inIntegration,
    );
    const auth = { Authorization: `Bearer ${sb.credentials.apiToken}` };
    expect(await call(`${sb.url}/api/v1/users?id=nope`, auth)).toMatchObject({
      status: 400,
      body: { id: [expect.any(String)] },
    });
    const bad = await call(`${sb.url}/api/v1/users?archived=maybe`, auth);
    expect(bad.status).toBe(400);
    expect(Array.isArray(bad.body)).toBe(true);
    expect((await call(`${sb.url}/api/v1/users/${sample.id}`, auth)).body).toMatchObject({
      id: sample.id,
    });
    expect(
      await call(`${sb.url}/api/v1/users/00000000-0000-4000-8000-000000000000`, auth),
    ).toMatchObject({
      status: 404,
      body: { detail: 'Not found.' },
    });
    const html = await call(`${sb.url}/api/v1/nothing-here`, auth);
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('pages devices with limit (max 300) and offset: bare arrays, x-total-count / x-total-pages', async () => {
    sb = await startSandbox({ vendor: 'kandji', size: { devices: 650 } });
    const auth = { Authorization: `Bearer ${sb.credentials.apiToken}` };
    const ids: string[] = [];
    let offset = 0;
    for (;;) {
      const res = await call(`${sb.url}/api/v1/devices?limit=1000&offset=${offset}`, auth);
      expect(res.headers.get('x-total-count')).toBe('650');
      expect(res.headers.get('x-total-pages')).toBe('3');
      const page = res.body as Array<{ device_id: string; user: unknown }>;
      expect(page.length).toBeLessThanOrEqual(300);
      ids.push(...page.map((d) => d.device_id));
      if (page.length < 300) break;
      offset += page.length;
    }
    expect(ids).toHaveLength(650);
    expect(new Set(ids).size).toBe(650);
    const all = (await call(`${sb.url}/api/v1/devices?limit=300`, auth)).body as Array<{
      user: unknown;
      device_id: string;
    }>;
    expect(all.some((d) => d.user === '')).toBe(true);
    expect(all.find((d) => d.user !== '')?.user).toMatchObject({
      email: expect.any(String),
      is_archived: expect.any(Boolean),
    });
    expect((await call(`${sb.url}/api/v1/devices/${ids[5]}`, auth)).body).toMatchObject({
      device_id: ids[5],
    });
  });

  it("names a device user by its legacy integer id (the user's deprecated_user_id), as real tenants do", async () => {
    sb = await startSandbox({ vendor: 'kandji', size: { users: 20, devices: 30 } });
    const auth = { Authorization: `Bearer ${sb.credentials.apiToken}` };
    const users = (await call(`${sb.url}/api/v1/users`, auth)).body as UsersPage;
    const devices = (await call(`${sb.url}/api/v1/devices`, auth)).body as Array<{
      user: { id: unknown; email: string } | '';
    }>;
    const owned = devices.flatMap((d) => (d.user === '' ? [] : [d.user]));
    expect(owned.length).toBeGreaterThan(0);
    for (const u of owned) {
      expect(Number.isInteger(u.id)).toBe(true);
      const owner = users.results.find((x) => x.email === u.email);
      expect(owner?.deprecated_user_id).toBe(String(u.id));
      expect(users.results.some((x) => x.id === u.id)).toBe(false);
    }
    // The devices endpoint's user_id filter takes the user's UUID.
    const owner = users.results.find((x) => x.email === owned[0]?.email);
    const mine = (await call(`${sb.url}/api/v1/devices?user_id=${owner?.id}`, auth))
      .body as unknown[];
    expect(mine.length).toBe(owner?.device_count);
  });

  it('serves Prism categories in limit/offset pages of { data, total }, total null where Kandji sends it', async () => {
    sb = await startSandbox({ vendor: 'kandji', size: { users: 50, devices: 120 } });
    const auth = { Authorization: `Bearer ${sb.credentials.apiToken}` };
    const get = async (path: string) =>
      (await call(`${sb?.url}${path}`, auth)).body as {
        data: Array<Record<string, unknown>>;
        total: number | null;
        limit: number;
      };
    const first = await get('/api/v1/prism/device_information');
    expect(first.limit).toBe(25); // Kandji's default page
    expect(first.data).toHaveLength(25);
    expect(first.total).toBe(120);
    const ids: unknown[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await get(`/api/v1/prism/device_information?limit=50&offset=${offset}`);
      ids.push(...page.data.map((r) => r.device_id));
      if (page.data.length < 50) break;
    }
    expect(new Set(ids).size).toBe(120);
    const filevault = await get('/api/v1/prism/filevault?limit=300');
    expect(filevault.total).toBeNull();
    const count = (await call(`${sb.url}/api/v1/prism/count?category=filevault`, auth)).body;
    expect(count).toEqual({ approximate: false, count: filevault.data.length });
    expect(filevault.data.every((r) => r.device__family === 'Mac')).toBe(true);
    const bad = await call(`${sb.url}/api/v1/prism/apps?filter=not-json`, auth);
    expect(bad.status).toBe(400);
    const device = String(first.data[0]?.device_id);
    const details = (await call(`${sb.url}/api/v1/devices/${device}/details`, auth)).body as {
      mdm: { supervised: unknown };
    };
    expect(['True', 'False']).toContain(details.mdm.supervised);
    const limited = sb.control.addCredential({ permissions: ['Devices › List devices'] });
    const denied = await call(`${sb.url}/api/v1/prism/filevault`, {
      Authorization: `Bearer ${limited.apiToken}`,
    });
    expect(denied.status).toBe(403);
  });

  it('401 for a wrong token, 403 without "Users › List users"; Kong headers on every response', async () => {
    sb = await startSandbox({ vendor: 'kandji' });
    const url = `${sb.url}/api/v1/users`;
    const none = await call(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('x-ratelimit-limit-hour')).toBe('10000');
    expect((await call(url, { Authorization: 'Bearer wrong' })).body).toEqual({
      detail: 'Incorrect authentication credentials.',
    });
    const devicesOnly = sb.control.addCredential({ permissions: ['Devices > List devices'] });
    const denied = await call(url, { Authorization: `Bearer ${devicesOnly.apiToken}` });
    expect(denied).toMatchObject({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
    expect(denied.headers.get('x-ratelimit-remaining-second')).not.toBeNull();
    expect(
      (await call(`${sb.url}/api/v1/devices`, { Authorization: `Bearer ${devicesOnly.apiToken}` }))
        .status,
    ).toBe(200);
  });

  it('Kong limits: 50/s and 10,000/h by default, scalable; 429 with Retry-After', async () => {
    const clock = manualClock(1_800_000_000_000);
    sb = await startSandbox({
      vendor: 'kandji',
      clock,
      limits: {
        perSecond: { limit: 3, intervalMs: 1000 },
        perHour: { limit: 5, intervalMs: 3_600_000 },
      },
    });
    const auth = { Authorization: `Bearer ${sb.credentials.apiToken}` };
    const url = `${sb.url}/api/v1/devices`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(url, auth);
      expect(r.status).toBe(200);
      remaining.push(r.headers.get('x-ratelimit-remaining-second') ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await call(url, auth);
    expect(limited).toMatchObject({ status: 429, body: { message: 'API rate limit exceeded' } });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    clock.advance(1000);
    expect((await call(url, auth)).status).toBe(200);
    expect((await call(url, auth)).headers.get('x-ratelimit-remaining-hour')).toBe('0');
    clock.advance(1000);
    const hourly = await call(url, auth);
    expect(hourly.status).toBe(429);
    expect(Number(hourly.headers.get('retry-after'))).toBeGreaterThan(1000);
  });

  it.each([
    ['honoured', 'ascending'],
    ['ignored', 'as stored'],
    ['reversed', 'descending'],
  ] as const)('with order %s, serves a Prism sort_by %s', async (order, served) => {
    sb = await startSandbox({ vendor: 'kandji', size: { users: 5, devices: 30 }, order });
    const auth = { Authorization: `Bearer ${sb.credentials.apiToken}` };
    const names = async (query: string) =>
      (
        (await call(`${sb?.url}/api/v1/prism/device_information?limit=300${query}`, auth)).body as {
          data: Array<{ device__name: string }>;
        }
      ).data.map((r) => r.device__name);
    const stored = await names('');
    const sorted = [...stored].sort((a, b) => a.localeCompare(b));
    const expected = {
      ascending: sorted,
      'as stored': stored,
      descending: [...sorted].reverse(),
    }[served];
    expect(await names('&sort_by=device__name')).toEqual(expected);
  });
});
