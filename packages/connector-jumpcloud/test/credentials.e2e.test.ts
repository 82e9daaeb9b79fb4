import { AuthenticationError, ConfigError, PermissionError } from '@org/connector-core';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJumpCloudConnector } from '../src/index.js';

// The sandbox's reference time, pinned: its Directory Insights events are the 30 days before it.
const EPOCH = Date.UTC(2025, 2, 1);

let sb: Sandbox<'jumpcloud'>;
beforeAll(async () => {
  sb = await startSandbox({
    vendor: 'jumpcloud',
    seed: 3,
    size: { users: 300, orgs: 3 },
    limits: false,
    epochMs: EPOCH,
  });
});
afterAll(() => sb?.close());

const hosts = () => ({
  baseUrl: sb.credentials.baseUrl,
  insightsBaseUrl: sb.credentials.insightsBaseUrl,
  tokenUrl: sb.credentials.tokenUrl,
});

describe('verify() and credentials against the sandbox', () => {
  it("takes the sandbox's API-key credentials as they are; baseUrl alone moves every host", async () => {
    const jc = createJumpCloudConnector(sb.credentials);
    expect((await jc.verify()).details).toMatchObject({ auth: 'apiKey', users: 300 });
    expect(jc.identity).toEqual({
      vendor: 'jumpcloud',
      host: new URL(sb.credentials.baseUrl).host,
      tenant: sb.credentials.orgId,
    });
    sb.control.resetCounters();
    const { apiKey, orgId, baseUrl } = sb.credentials;
    const moved = createJumpCloudConnector({ apiKey, orgId, baseUrl });
    expect(
      (await moved.events.list({ start: new Date(EPOCH - 86_400_000) }).toArray()).length,
    ).toBeGreaterThan(0);
    expect(sb.control.counters().byPath['/insights/directory/v1/events']).toBeGreaterThan(0);
  });

  it('a multi-tenant admin needs orgId; with it the connection works', async () => {
    const cred = sb.control.addCredential({ multiTenant: true });
    const without = createJumpCloudConnector({ apiKey: cred.apiKey, ...hosts() });
    const error = await without.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/set orgId/);
    expect(JSON.stringify(error)).not.toContain(cred.apiKey);
    // It can still list its organizations (no x-org-id on that route).
    expect(await without.organizations.list().toArray()).toHaveLength(3);
    const withOrg = createJumpCloudConnector({
      apiKey: cred.apiKey,
      orgId: cred.orgId,
      ...hosts(),
    });
    expect((await withOrg.verify()).details).toMatchObject({ users: 300, orgId: cred.orgId });
  });

  it('an unknown orgId is a ConfigError', async () => {
    const jc = createJumpCloudConnector({
      apiKey: sb.credentials.apiKey,
      orgId: 'ffffffffffffffffffffffff',
      ...hosts(),
    });
    expect(await jc.verify().catch((e: unknown) => e)).toBeInstanceOf(ConfigError);
  });

  it('a role without access to users fails verify with a PermissionError; Help Desk cannot read policies', async () => {
    const runner = sb.control.addCredential({ permissions: ['Command Runner'] });
    const jc = createJumpCloudConnector({ apiKey: runner.apiKey, ...hosts() });
    const error = await jc.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Users (read)');

    const helpDesk = sb.control.addCredential({ permissions: ['Help Desk'] });
    const hd = createJumpCloudConnector({ apiKey: helpDesk.apiKey, ...hosts() });
    expect((await hd.verify()).ok).toBe(true);
    const policies = await hd.policies
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(policies).toBeInstanceOf(PermissionError);
    expect((policies as PermissionError).permission).toBe('Policies (read)');
  });

  it('a regenerated (revoked) key is an AuthenticationError', async () => {
    const cred = sb.control.addCredential();
    const jc = createJumpCloudConnector({ apiKey: cred.apiKey, ...hosts() });
    expect((await jc.verify()).ok).toBe(true);
    sb.control.revokeCredential(cred.apiKey);
    const error = await jc.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(cred.apiKey);
  });

  it('a read-only administrator key reads everything a compliance collector needs', async () => {
    const ro = sb.control.addCredential({ permissions: ['Read Only'] });
    const jc = createJumpCloudConnector({
      apiKey: ro.apiKey,
      orgId: ro.orgId,
      ...hosts(),
      name: 'evidence',
    });
    expect((await jc.verify()).connection).toBe('evidence');
    expect(await jc.users.list().toArray()).toHaveLength(300);
    expect((await jc.systems.list().toArray()).length).toBeGreaterThan(0);
    expect((await jc.policies.list().toArray()).length).toBeGreaterThan(0);
    expect((await jc.administrators.list().toArray()).length).toBeGreaterThan(0);
  });

  it('a service account gets one token, reuses it, and gets a new one when it is invalidated', async () => {
    const { oauthClient: serviceAccount, orgId } = sb.credentials;
    const jc = createJumpCloudConnector({ serviceAccount, orgId, ...hosts() });
    sb.control.resetCounters();
    expect((await jc.verify()).details).toMatchObject({ auth: 'serviceAccount', users: 300 });
    expect(await jc.users.list().toArray()).toHaveLength(300);
    expect(
      (await jc.events.list({ start: new Date(EPOCH - 86_400_000) }).toArray()).length,
    ).toBeGreaterThan(0);
    expect(sb.control.counters().byPath['/oauth2/token']).toBe(1);
    sb.control.expireTokens();
    expect(await jc.systems.list().toArray()).toHaveLength(100);
    expect(sb.control.counters().byPath['/oauth2/token']).toBe(2);
    expect(JSON.stringify(jc)).not.toContain(serviceAccount.clientSecret);
  });
});
