import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJumpCloudConnector, type JumpCloudConnector } from '../src/index.js';
import { readAll, readEvents } from './helpers/oracle.js';

// Sized so the whole file runs in seconds on a loaded 2-core machine; size itself is `pnpm bench`'s.
const SIZE = {
  users: 5_000,
  groups: 100,
  devices: 500,
  policies: 12,
  apps: 10,
  admins: 6,
  events: 12_000,
};
// The sandbox's reference time, pinned: its Directory Insights events are the 30 days before it.
const EPOCH = Date.UTC(2025, 2, 1);

let sb: Sandbox<'jumpcloud'>;
let jc: JumpCloudConnector;
let headers: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ vendor: 'jumpcloud', size: SIZE, limits: false, epochMs: EPOCH });
  const c = sb.credentials;
  headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId };
  jc = createJumpCloudConnector({
    apiKey: c.apiKey,
    orgId: c.orgId,
    baseUrl: c.baseUrl,
    insightsBaseUrl: c.insightsBaseUrl,
    name: 'sandbox',
  });
});
afterAll(() => sb?.close());

const ids = (items: Array<Record<string, unknown>>, key = '_id') =>
  items.map((i) => String(i[key]));

describe('a full directory sync against the sandbox', () => {
  it('verifies the connection', async () => {
    const result = await jc.verify();
    expect(result.details).toMatchObject({ users: SIZE.users, orgId: sb.credentials.orgId });
  });

  it('syncs 5,000 users exactly, as accounts, streaming', async () => {
    sb.control.resetCounters();
    const accounts = [];
    for await (const a of jc.accounts()) accounts.push(a);
    const requests = sb.control.counters().requests;
    const oracle = await readAll(sb.url, 'api/systemusers', headers, { v1: true, sort: '_id' });
    expect(accounts.map((a) => a.id)).toEqual(ids(oracle));
    expect(new Set(accounts.map((a) => a.id)).size).toBe(SIZE.users);
    const byId = new Map(oracle.map((u) => [String(u._id), u as Record<string, unknown>]));
    const shapes = new Set<string>();
    for (const a of accounts) {
      expect(a.email).toBe(a.email.toLowerCase());
      // One meaning per record shape: staged is pending, suspended (by state or, on records
      // older than state, by flag) is suspended; whether a password is set never matters.
      const u = byId.get(a.id) ?? {};
      const expected =
        u.state === 'STAGED'
          ? 'pending'
          : u.state === 'SUSPENDED' || (u.state === undefined && u.suspended === true)
            ? 'suspended'
            : 'active';
      expect([a.id, a.status]).toEqual([a.id, expected]);
      shapes.add(`${String(u.state)}/${String(u.activated)}/${a.status}`);
      expect(a.department).toBe(u.department);
      expect(a.title).toBe(u.jobTitle);
      expect(a.externalId).toBe(u.employeeIdentifier);
    }
    // The sandbox serves what real tenants do: both shapes, and ACTIVATED without a password.
    expect(shapes).toEqual(
      new Set([
        'ACTIVATED/true/active',
        'ACTIVATED/false/active',
        'STAGED/false/pending',
        'SUSPENDED/true/suspended',
        'undefined/true/active',
        'undefined/false/active',
        'undefined/true/suspended',
      ]),
    );
    // Some sandbox users have no mfa object: they sync like the others (all ids matched above).
    expect(oracle.some((u) => (u as { mfa?: unknown }).mfa === undefined)).toBe(true);
    expect(requests).toBe(await jc.estimateSyncCost());
  });

  it('syncs 100 groups with their direct members and full membership', async () => {
    const groups = await jc.userGroups.list().toArray();
    const oracleGroups = await readAll(sb.url, 'api/v2/usergroups', headers, {
      v1: false,
      sort: 'id',
    });
    expect(ids(groups as never, 'id')).toEqual(ids(oracleGroups, 'id'));
    expect(groups).toHaveLength(SIZE.groups);
    // Direct members of every group, then full membership checked against them: a group's
    // membership is its direct users plus the membership of the groups nested in it.
    const direct = new Map<string, { users: string[]; groups: string[] }>();
    for (const g of groups) {
      const members = await jc.userGroups.members(g.id).toArray();
      const oracle = await readAll(sb.url, `api/v2/usergroups/${g.id}/members`, headers, {
        v1: false,
      });
      expect(members.map((m) => `${m.to.type}:${m.to.id}`)).toEqual(
        oracle.map((m) => {
          const to = m.to as { id: string; type: string };
          return `${to.type}:${to.id}`;
        }),
      );
      direct.set(g.id, {
        users: members.filter((m) => m.to.type === 'user').map((m) => m.to.id),
        groups: members.filter((m) => m.to.type === 'user_group').map((m) => m.to.id),
      });
    }
    const expected = (id: string): Set<string> => {
      const d = direct.get(id);
      if (!d) return new Set();
      return new Set([...d.users, ...d.groups.flatMap((n) => [...expected(n)])]);
    };
    let users = 0;
    let inherited = 0;
    for (const g of groups) {
      const membership = await jc.userGroups.membership(g.id).toArray();
      expect(new Set(membership.map((m) => m.id))).toEqual(expected(g.id));
      for (const m of membership) {
        const hops = m.paths?.[0]?.length ?? 0;
        expect(hops).toBe(direct.get(g.id)?.users.includes(m.id) ? 1 : 2);
        if (hops === 2) inherited++;
      }
      users += direct.get(g.id)?.users.length ?? 0;
    }
    expect(users).toBeGreaterThanOrEqual(SIZE.users * 0.9);
    expect(inherited).toBeGreaterThan(0);
  });

  it('syncs 500 systems, the policies with every status, and the conditional-access policies', async () => {
    const systems = await jc.systems.list().toArray();
    expect(ids(systems as never)).toEqual(
      ids(await readAll(sb.url, 'api/systems', headers, { v1: true, sort: '_id' })),
    );
    expect(systems).toHaveLength(SIZE.devices);

    const policies = await jc.policies.list().toArray();
    expect(policies).toHaveLength(SIZE.policies);
    for (const p of policies) {
      const statuses = await jc.policies.statuses(p.id).toArray();
      const oracle = await readAll(sb.url, `api/v2/policies/${p.id}/policystatuses`, headers, {
        v1: false,
        sort: 'id',
      });
      expect(ids(statuses as never, 'id')).toEqual(ids(oracle, 'id'));
      expect(statuses.length).toBeGreaterThan(SIZE.devices / 2);
    }
    const authn = await jc.authnPolicies.list().toArray();
    expect(ids(authn as never, 'id')).toEqual(
      ids(await readAll(sb.url, 'api/v2/authn/policies', headers, { v1: false, sort: 'id' }), 'id'),
    );
  });

  it('syncs apps without their config, with user and group assignments', async () => {
    const apps = await jc.applications.list().toArray();
    expect(apps).toHaveLength(SIZE.apps);
    for (const app of apps) {
      expect('config' in app).toBe(false);
      const users = await jc.applications.users(app._id).toArray();
      const groups = await jc.applications.userGroups(app._id).toArray();
      const oracle = await readAll(sb.url, `api/v2/applications/${app._id}/users`, headers, {
        v1: false,
      });
      expect(ids(users as never, 'id')).toEqual(ids(oracle, 'id'));
      expect(groups.length).toBeLessThanOrEqual(1);
    }
    const raw = await readAll(sb.url, 'api/applications', headers, { v1: true, sort: '_id' });
    // The sandbox does send config (with keys); the connector never keeps it.
    expect(raw.some((a) => a.config !== undefined)).toBe(true);
    expect(JSON.stringify(raw)).toMatch(/PRIVATE KEY/);
    expect(JSON.stringify(apps)).not.toMatch(/PRIVATE KEY|CERTIFICATE-----/);
  });

  it('syncs administrators and the organization with its settings', async () => {
    const admins = await jc.administrators.list().toArray();
    expect(admins).toHaveLength(SIZE.admins);
    expect(admins.every((a) => typeof a.roleName === 'string')).toBe(true);
    const orgs = await jc.organizations.list().toArray();
    expect(orgs.map((o) => o._id)).toEqual([sb.credentials.orgId]);
    const org = await jc.organizations.get(sb.credentials.orgId);
    expect(typeof org.settings?.requireAdminMFA).toBe('boolean');
    expect(org.settings?.passwordPolicy).toBeDefined();
  });

  it('reads a day of Directory Insights events, every one once, in order', async () => {
    const end = new Date(EPOCH);
    const start = new Date(end.getTime() - 86_400_000);
    const events = await jc.events.list({ start, end, limit: 100 }).toArray();
    // The same range read by plain fetch, in pages of another size, following X-Search_after.
    const oracle = await readEvents(sb.url, headers, { start, end, limit: 37 });
    expect(events.map((e) => e.id)).toEqual(ids(oracle, 'id'));
    // The sandbox spreads its events evenly over 30 days: exactly a 30th of them in the last day.
    const perDay = SIZE.events / 30;
    expect(events).toHaveLength(perDay);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t >= start.getTime() && t < end.getTime())).toBe(true);
    // One service only.
    const sso = await jc.events.list({ start, end, service: ['sso'], limit: 1000 }).toArray();
    expect(sso.length).toBeGreaterThan(0);
    expect(sso.every((e) => e.service === 'sso')).toBe(true);
    expect(sso).toEqual(events.filter((e) => e.service === 'sso'));
  });
});
