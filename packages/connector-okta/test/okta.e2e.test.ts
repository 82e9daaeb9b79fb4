import { createClockDriver, createManualClock } from '@org/connector-core/testing';
import { startSandbox } from '@org/connector-sandbox';
import { describe, expect, it } from 'vitest';
import { createOktaConnector, type OktaConnectorOptions } from '../src/index.js';

async function okta(users: number, o: { perMinute?: number } = {}) {
  const clock = createManualClock();
  const sandbox = await startSandbox({
    vendor: 'okta',
    clock,
    size: { users, groups: 3 },
    limits:
      o.perMinute === undefined ? false : { perMinute: { limit: o.perMinute, intervalMs: 60_000 } },
  });
  const driver = createClockDriver(clock);
  const connect = (over: Partial<OktaConnectorOptions> = {}) =>
    createOktaConnector({
      ...sandbox.credentials,
      clock,
      fetch: driver.fetch,
      retry: { random: () => 0.5 },
      ...over,
    });
  return { sandbox, clock, driver, connect };
}

describe('Okta against its sandbox', () => {
  it("paces each endpoint from Okta's X-Rate-Limit headers: no 429, and budget() shows the announced limit", async () => {
    const { sandbox, driver, connect } = await okta(900, { perMinute: 3 });
    try {
      const c = connect({ pageSize: 100 });
      const accounts = await driver.run(
        (async () => {
          const out = [];
          for await (const a of c.accounts()) out.push(a);
          return out;
        })(),
      );
      // 9 pages on a bucket of 3 a minute: the limiter waited for each reset instead of a 429.
      expect(accounts.length).toBe(sandbox.control.users().length);
      expect(sandbox.control.counters().rateLimited).toBe(0);
      const users = c.budget().windows.find((w) => w.name === 'GET /api/v1/users');
      expect(users).toMatchObject({ limit: 3, intervalMs: 60_000 });
      // Another endpoint family has its own budget: groups are read at once.
      const groups = await driver.run(c.groups.list().toArray());
      expect(groups.map((g) => g.profile.name)).toContain('Everyone');
      expect(sandbox.control.counters().rateLimited).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('reads groups, members, factors, roles and last sign-ins; deprovisioned users only when searched', async () => {
    const { sandbox, driver, connect } = await okta(60);
    try {
      const c = connect();
      const accounts = await driver.run(
        (async () => {
          const out = [];
          for await (const a of c.accounts()) out.push(a);
          return out;
        })(),
      );
      expect(accounts.some((a) => a.lastLoginAt instanceof Date)).toBe(true);
      expect(accounts.some((a) => a.status === 'pending' && a.lastLoginAt === undefined)).toBe(
        true,
      );
      const gone = await driver.run(
        c.users.list({ search: 'status eq "DEPROVISIONED"' }).toArray(),
      );
      expect(gone.every((u) => u.status === 'DEPROVISIONED')).toBe(true);
      expect(accounts.some((a) => gone.some((g) => g.id === a.id))).toBe(false);
      const [, team] = await driver.run(c.groups.list().toArray());
      const members = await driver.run(c.groups.members(team?.id ?? '').toArray());
      expect(members.length).toBeGreaterThan(0);
      const admin = accounts[0]?.id ?? '';
      expect((await driver.run(c.users.roles(admin).toArray())).map((r) => r.type)).toEqual([
        'SUPER_ADMIN',
      ]);
      const factors = await driver.run(c.users.factors(accounts[1]?.id ?? '').toArray());
      expect(factors.every((f) => typeof f.factorType === 'string')).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  it('a service app signs a private_key_jwt assertion, gets a token once and reads with Bearer', async () => {
    const { sandbox, driver, connect } = await okta(30);
    try {
      const { baseUrl, oauthClient } = sandbox.credentials;
      const c = connect({ apiToken: undefined, baseUrl, serviceApp: oauthClient });
      expect((await driver.run(c.verify())).details).toMatchObject({ auth: 'service-app' });
      await driver.run(c.users.list().toArray());
      const token = driver.sent.filter((r) => r.url.pathname === '/oauth2/v1/token');
      expect(token).toHaveLength(1);
      expect(driver.sent.at(-1)?.headers.get('authorization')).toMatch(/^Bearer /);
      // Without okta.users.read the service app gets a PermissionError naming the scope.
      const denied = connect({
        apiToken: undefined,
        baseUrl,
        serviceApp: { ...oauthClient, scopes: ['okta.groups.read'] },
      });
      await expect(driver.run(denied.verify())).rejects.toMatchObject({
        code: 'permission',
        permission: 'okta.users.read',
      });
    } finally {
      await sandbox.close();
    }
  });
});
