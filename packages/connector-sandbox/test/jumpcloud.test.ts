import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call, manualClock } from './helpers.js';

type V1 = { totalCount: number; results: Array<Record<string, unknown>> };
type Obj = Record<string, unknown>;

let sb: Sandbox<'jumpcloud'> | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const key = (s: Sandbox<'jumpcloud'>) => ({ 'x-api-key': s.credentials.apiKey });

async function v1All(
  s: Sandbox<'jumpcloud'>,
  path: string,
  headers = key(s),
): Promise<{ items: Obj[]; pages: number; total: number }> {
  const items: Obj[] = [];
  let pages = 0;
  let total = 0;
  for (let skip = 0; ; skip += 100) {
    const res = await call(
      `${s.url}${path}${path.includes('?') ? '&' : '?'}limit=100&skip=${skip}&sort=_id`,
      headers,
    );
    expect(res.status).toBe(200);
    const page = res.body as V1;
    total = page.totalCount;
    items.push(...page.results);
    pages++;
    if (page.results.length < 100) break;
  }
  return { items, pages, total };
}

async function v2All(
  s: Sandbox<'jumpcloud'>,
  path: string,
): Promise<{ items: Obj[]; total: number }> {
  const items: Obj[] = [];
  let total = -1;
  for (let skip = 0; ; skip += 100) {
    const res = await call(
      `${s.url}${path}${path.includes('?') ? '&' : '?'}limit=100&skip=${skip}`,
      key(s),
    );
    expect(res.status).toBe(200);
    total = Number(res.headers.get('x-total-count'));
    const page = res.body as Obj[];
    expect(Array.isArray(page)).toBe(true);
    items.push(...page);
    if (items.length >= total || page.length === 0) break;
  }
  return { items, total };
}

describe('jumpcloud sandbox: v1', () => {
  it('pages /api/systemusers with limit/skip/sort=_id to the end, ids ascending', async () => {
    sb = await startSandbox({ vendor: 'jumpcloud', size: { users: 1234 } });
    const { items, pages, total } = await v1All(sb, '/api/systemusers');
    expect(total).toBe(1234);
    expect(pages).toBe(13);
    const ids = items.map((u) => u._id as string);
    expect(new Set(ids).size).toBe(1234);
    expect([...ids].sort()).toEqual(ids);
    // Quirk: some users have no mfa object at all.
    const withoutMfa = items.filter((u) => !('mfa' in u)).length;
    expect(withoutMfa).toBeGreaterThan(100);
    expect(withoutMfa).toBeLessThan(300);
    for (const u of items) expect(u.email).toMatch(/@/);
    // Real shapes: records older than `state` have none; a staged user always has it; an
    // ACTIVATED user may not have set a password yet.
    const states = new Set(items.map((u) => u.state));
    expect(states).toEqual(new Set(['STAGED', 'ACTIVATED', 'SUSPENDED', undefined]));
    const legacy = items.filter((u) => !('state' in u));
    expect(legacy.length).toBeGreaterThan(80);
    expect(legacy.length).toBeLessThan(250);
    expect(legacy.some((u) => u.suspended === true)).toBe(true);
    // The issue's real user: no state, activated false, not suspended.
    expect(legacy.some((u) => u.activated === false && u.suspended === false)).toBe(true);
    const invited = items.filter((u) => u.state === 'ACTIVATED' && u.activated === false);
    expect(invited.length).toBeGreaterThan(40);
    expect(items.filter((u) => u.state === 'STAGED').every((u) => u.activated === false)).toBe(
      true,
    );
  });

  it('limit defaults to 10, above 100 is 400 {message,error}; filter, sort -_id and fields work', async () => {
    sb = await startSandbox({ vendor: 'jumpcloud', size: { users: 300 } });
    expect(((await call(`${sb.url}/api/systemusers`, key(sb))).body as V1).results).toHaveLength(
      10,
    );
    const tooMany = await call(`${sb.url}/api/systemusers?limit=101`, key(sb));
    expect(tooMany).toMatchObject({
      status: 400,
      body: { message: expect.any(String), error: 'Bad Request' },
    });
    const all = (await v1All(sb, '/api/systemusers')).items;
    const suspended = all.filter((u) => u.state === 'SUSPENDED');
    const filtered = (
      await call(`${sb.url}/api/systemusers?limit=100&filter=state:$eq:SUSPENDED`, key(sb))
    ).body as V1;
    expect(filtered.totalCount).toBe(suspended.length);
    const desc = (await call(`${sb.url}/api/systemusers?limit=3&sort=-_id`, key(sb))).body as V1;
    expect(desc.results.map((u) => u._id)).toEqual(
      all
        .slice(-3)
        .reverse()
        .map((u) => u._id),
    );
    const slim = (await call(`${sb.url}/api/systemusers?limit=1&fields=email%20username`, key(sb)))
      .body as V1;
    expect(Object.keys(slim.results[0] ?? {}).sort()).toEqual(['_id', 'email', 'username']);
  });

  it('serves systems, applications (with config certificates), admins and org settings', async () => {
    sb = await startSandbox({ vendor: 'jumpcloud', size: { devices: 150, apps: 4, admins: 3 } });
    expect((await v1All(sb, '/api/systems')).items).toHaveLength(150);
    const apps = (await v1All(sb, '/api/applications')).items;
    expect(apps).toHaveLength(4);
    expect(JSON.stringify(apps[0]?.config)).toContain('BEGIN PRIVATE KEY');
    expect(apps[0]).toMatchObject({
      sso: { type: 'saml', idpCertExpirationAt: expect.any(String) },
      displayLabel: expect.any(String),
    });
    const admins = (await v1All(sb, '/api/users')).items;
    expect(admins.map((a) => a.roleName)).toEqual([
      'Administrator with Billing',
      'Administrator',
      'Manager',
    ]);
    const org = (await call(`${sb.url}/api/organizations/${sb.credentials.orgId}`, key(sb)))
      .body as Obj;
    expect(org).toMatchObject({
      _id: sb.credentials.orgId,
      settings: { passwordPolicy: { minLength: expect.any(Number) } },
    });
  });
});

describe('jumpcloud sandbox: v2', () => {
  it('usergroups, members and nested membership as bare arrays with x-total-count', async () => {
    sb = await startSandbox({ vendor: 'jumpcloud', size: { users: 500, groups: 4 } });
    const groups = await v2All(sb, '/api/v2/usergroups');
    expect(groups.total).toBe(4);
    const g0 = groups.items[0]?.id as string;
    const g1 = groups.items[1]?.id as string;
    const members = await v2All(sb, `/api/v2/usergroups/${g0}/members`);
    expect(members.total).toBe(126); // 125 users + group 1 nested
    expect(members.items.at(-1)).toMatchObject({ to: { id: g1, type: 'user_group' } });
    const membership = await v2All(sb, `/api/v2/usergroups/${g0}/membership`);
    expect(membership.total).toBe(250);
    expect(new Set(membership.items.map((m) => m.id)).size).toBe(250);
    const lastPaths = membership.items.at(-1)?.paths as unknown[][] | undefined;
    expect(lastPaths?.[0]).toHaveLength(2);
  });

  it('policies with statuses, authn policies, application users and groups', async () => {
    sb = await startSandbox({
      vendor: 'jumpcloud',
      size: { users: 200, groups: 5, devices: 30, policies: 3, apps: 2 },
    });
    const policies = await v2All(sb, '/api/v2/policies');
    expect(policies.total).toBe(3);
    expect(policies.items[0]).toMatchObject({
      template: { name: expect.any(String), osMetaFamily: expect.any(String) },
    });
    const statuses = await v2All(sb, `/api/v2/policies/${policies.items[0]?.id}/policystatuses`);
    expect(statuses.items.length).toBe(statuses.total);
    expect(statuses.items[0]).toMatchObject({
      success: expect.any(Boolean),
      state: expect.any(String),
      systemID: expect.any(String),
    });
    expect((await v2All(sb, '/api/v2/authn/policies')).items[0]).toMatchObject({
      type: expect.any(String),
      effect: { action: expect.any(String) },
    });
    const apps = (await v1All(sb, '/api/applications')).items;
    const users = await v2All(sb, `/api/v2/applications/${apps[0]?._id}/users`);
    expect(users.total).toBe(3 + 40);
    const groups = await v2All(sb, `/api/v2/applications/${apps[0]?._id}/usergroups`);
    expect(groups.items).toHaveLength(1);
    expect(
      await call(`${sb.url}/api/v2/usergroups/000000000000000000000000`, key(sb)),
    ).toMatchObject({
      status: 404,
      body: { code: 404, message: expect.any(String), status: 'Not Found' },
    });
  });
});

describe('jumpcloud sandbox: Directory Insights', () => {
  it('pages events with search_after to the end; headers present on the last page', async () => {
    const epochMs = Date.UTC(2026, 0, 31);
    sb = await startSandbox({ vendor: 'jumpcloud', size: { events: 2345 }, epochMs });
    const url = `${sb.credentials.insightsBaseUrl}/events`;
    const body = { service: ['all'], start_time: '2025-12-01T00:00:00Z', limit: 1000, sort: 'ASC' };
    const seen: string[] = [];
    let searchAfter: unknown;
    let pages = 0;
    for (;;) {
      const res = await call(url, key(sb), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          searchAfter === undefined ? body : { ...body, search_after: searchAfter },
        ),
      });
      expect(res.status).toBe(200);
      pages++;
      const events = res.body as Array<{ id: string; timestamp: string }>;
      seen.push(...events.map((e) => e.id));
      expect(res.headers.get('x-result-count')).toBe(String(events.length));
      expect(res.headers.get('x-limit')).toBe('1000');
      const header = res.headers.get('x-search_after');
      expect(header).not.toBeNull();
      searchAfter = JSON.parse(header as string);
      if (events.length < 1000) break;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(2345);
    expect(new Set(seen).size).toBe(2345);
    const sso = await call(url, key(sb), {
      method: 'POST',
      body: JSON.stringify({ ...body, service: ['sso'], limit: 10000 }),
    });
    expect((sso.body as Array<{ service: string }>).every((e) => e.service === 'sso')).toBe(true);
  });
});

describe('jumpcloud sandbox: auth and x-org-id', () => {
  it('401 for a wrong key; OAuth client credentials issue a Bearer token that works for an hour', async () => {
    const clock = manualClock();
    sb = await startSandbox({ vendor: 'jumpcloud', clock });
    expect(await call(`${sb.url}/api/systemusers`, { 'x-api-key': 'wrong' })).toMatchObject({
      status: 401,
      body: { error: 'Unauthorized' },
    });
    const { clientId, clientSecret } = sb.credentials.oauthClient;
    const basic = (id: string, s: string) =>
      `Basic ${Buffer.from(`${id}:${s}`).toString('base64')}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const bad = await call(
      sb.credentials.tokenUrl,
      { authorization: basic(clientId, 'nope'), ...form },
      { method: 'POST', body: 'grant_type=client_credentials&scope=api' },
    );
    expect(bad).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const ok = await call(
      sb.credentials.tokenUrl,
      { authorization: basic(clientId, clientSecret), ...form },
      { method: 'POST', body: 'grant_type=client_credentials&scope=api' },
    );
    expect(ok.body).toMatchObject({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: 'bearer',
    });
    // RFC 6749 §2.3.1: the user and password are form-urlencoded, and decoded as such.
    const encoded = await call(
      sb.credentials.tokenUrl,
      { authorization: basic(clientId.replaceAll('-', '%2D'), clientSecret), ...form },
      { method: 'POST', body: 'grant_type=client_credentials&scope=api' },
    );
    expect(encoded.status).toBe(200);
    const bearer = {
      authorization: `Bearer ${(ok.body as { access_token: string }).access_token}`,
    };
    expect((await call(`${sb.url}/api/systemusers`, bearer)).status).toBe(200);
    clock.advance(3_600_000);
    expect((await call(`${sb.url}/api/systemusers`, bearer)).status).toBe(401);
  });

  it('x-org-id: 403 on organization routes, 400 empty/malformed, 404 unknown, 401 multi-tenant without', async () => {
    sb = await startSandbox({ vendor: 'jumpcloud', size: { orgs: 3 } });
    const { orgId } = sb.credentials;
    const withOrg = (v: string) => ({ ...key(sb as Sandbox<'jumpcloud'>), 'x-org-id': v });
    expect(await call(`${sb.url}/api/organizations`, withOrg(orgId))).toMatchObject({
      status: 403,
      body: { message: 'Forbidden: organization selection not allowed via header' },
    });
    expect((await call(`${sb.url}/api/organizations/${orgId}`, withOrg(orgId))).status).toBe(403);
    expect(
      (await call(`${sb.url}/api/v2/providers/abc/organizations`, withOrg(orgId))).status,
    ).toBe(403);
    expect((await call(`${sb.url}/api/v2/organizations/abc`, withOrg(orgId))).status).toBe(403);
    expect((await call(`${sb.url}/api/systemusers`, withOrg(''))).status).toBe(400);
    expect((await call(`${sb.url}/api/systemusers`, withOrg('not-an-id'))).status).toBe(400);
    expect(
      (await call(`${sb.url}/api/systemusers`, withOrg('0123456789abcdef01234567'))).status,
    ).toBe(404);
    expect((await call(`${sb.url}/api/systemusers`, withOrg(orgId))).status).toBe(200);

    const msp = sb.control.addCredential({ multiTenant: true });
    const mspKey = { 'x-api-key': msp.apiKey };
    expect((await call(`${sb.url}/api/systemusers`, mspKey)).status).toBe(401);
    const orgs = (await call(`${sb.url}/api/organizations`, mspKey)).body as V1;
    expect(orgs.totalCount).toBe(3);
    const other = orgs.results[2]?._id as string;
    const a = (
      await call(`${sb.url}/api/systemusers?limit=1&sort=_id`, { ...mspKey, 'x-org-id': orgId })
    ).body as V1;
    const b = (
      await call(`${sb.url}/api/systemusers?limit=1&sort=_id`, { ...mspKey, 'x-org-id': other })
    ).body as V1;
    expect(a.results[0]?._id).not.toBe(b.results[0]?._id);
    expect(b.results[0]?.organization).toBe(other);
    // A single-tenant admin cannot select another org.
    expect((await call(`${sb.url}/api/systemusers`, withOrg(other))).status).toBe(404);
  });

  it('403 when the admin role lacks the route (Help Desk cannot read applications)', async () => {
    sb = await startSandbox({ vendor: 'jumpcloud' });
    const helpDesk = sb.control.addCredential({ permissions: ['Help Desk'] });
    const h = { 'x-api-key': helpDesk.apiKey };
    expect((await call(`${sb.url}/api/systemusers`, h)).status).toBe(200);
    expect(await call(`${sb.url}/api/applications`, h)).toMatchObject({
      status: 403,
      body: { error: 'Forbidden' },
    });
    expect(await call(`${sb.url}/api/v2/policies`, h)).toMatchObject({
      status: 403,
      body: { code: 403, status: 'Forbidden' },
    });
  });

  it('rate limit is configurable: 429 with Retry-After', async () => {
    const clock = manualClock(1_800_000_000_000);
    sb = await startSandbox({
      vendor: 'jumpcloud',
      clock,
      limits: { perMinute: { limit: 2, intervalMs: 60_000 } },
    });
    expect((await call(`${sb.url}/api/systemusers`, key(sb))).status).toBe(200);
    expect((await call(`${sb.url}/api/v2/usergroups`, key(sb))).status).toBe(200);
    const limited = await call(`${sb.url}/api/systemusers`, key(sb));
    expect(limited).toMatchObject({ status: 429, body: { message: 'Too Many Requests' } });
    expect(limited.headers.get('retry-after')).toBe('60');
    clock.advance(60_000);
    expect((await call(`${sb.url}/api/systemusers`, key(sb))).status).toBe(200);
  });
});

describe('jumpcloud sandbox: a requested sort honoured, ignored or reversed', () => {
  const ids = async (s: Sandbox<'jumpcloud'>, query: string) =>
    ((await call(`${s.url}/api/systemusers?limit=100${query}`, key(s))).body as V1).results.map(
      (u) => String(u._id),
    );

  it.each(['honoured', 'ignored', 'reversed'] as const)('order %s', async (order) => {
    sb = await startSandbox({ vendor: 'jumpcloud', size: { users: 6 }, order });
    const ascending = [...(await ids(sb, ''))].sort();
    // A changed user moves to the end of storage order: what a vendor ignoring `sort` sends.
    const changed = ascending[1] as string;
    sb.control.updateUser(changed, { department: 'moved' });
    const storage = [...ascending.filter((id) => id !== changed), changed];
    const expected = {
      honoured: [ascending, [...ascending].reverse()],
      ignored: [storage, storage],
      reversed: [[...ascending].reverse(), ascending],
    }[order];
    expect(await ids(sb, '&sort=_id')).toEqual(expected[0]);
    expect(await ids(sb, '&sort=-_id')).toEqual(expected[1]);
  });
});
