import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorOnManualClock } from '../../test/helpers/drive.js';
import { orgHeaderAllowed, orgHeaderOf, orgHeaders } from './org-header.js';

const BASE = 'https://console.jumpcloud.com';
const INSIGHTS = 'https://api.jumpcloud.com';
const ORG = '5a1b2c3d4e5f6a7b8c9d0e1f';
const KEY = 'jc-key-0123456789';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('orgHeaderAllowed', () => {
  it.each([
    ['api/systemusers', true],
    ['api/v2/usergroups/abc/members', true],
    ['api/users', true],
    ['events', true],
    ['api/organizations', false],
    ['api/organizations/abc', false],
    ['/api/organizations?x=1', false],
    ['api/v2/providers/p1/organizations', false],
    ['api/v2/organizations/abc/x', false],
    ['api/organizationsettings', true],
  ])('%s → %s', (path, allowed) => {
    expect(orgHeaderAllowed(path)).toBe(allowed);
  });

  it('never yields an empty value', () => {
    expect(orgHeaders('')).toBeUndefined();
    expect(orgHeaders(undefined)).toBeUndefined();
    expect(orgHeaders(ORG)).toEqual({ 'x-org-id': ORG });
    expect(orgHeaderOf('api/organizations')).toEqual({ 'x-org-id': undefined });
    expect(orgHeaderOf('api/systems')).toBeUndefined();
  });
});

/** Registers one empty page per route, asserting the org header is (or is not) there. */
function routes(orgId: string | undefined) {
  const scoped = nock(BASE, orgId === undefined ? { badheaders: ['x-org-id'] } : {});
  const v1 = { totalCount: 0, results: [] };
  const v2: unknown[] = [];
  const total = { 'x-total-count': '0' };
  for (const path of ['/api/systemusers', '/api/systems', '/api/applications', '/api/users']) {
    scoped.get(path).query(true).reply(200, v1);
  }
  const scoped2 = nock(BASE, orgId === undefined ? { badheaders: ['x-org-id'] } : {});
  for (const path of [
    '/api/v2/usergroups',
    '/api/v2/usergroups/g1/members',
    '/api/v2/usergroups/g1/membership',
    '/api/v2/policies',
    '/api/v2/policies/p1/policystatuses',
    '/api/v2/authn/policies',
    '/api/v2/applications/a1/users',
    '/api/v2/applications/a1/usergroups',
  ]) {
    scoped2.get(path).query(true).reply(200, v2, total);
  }
  const orgRoutes = nock(BASE, { badheaders: ['x-org-id'] })
    .get('/api/organizations')
    .query(true)
    .reply(200, { totalCount: 1, results: [{ _id: ORG, displayName: 'Acme' }] })
    .get(`/api/organizations/${ORG}`)
    .reply(200, { _id: ORG, settings: { requireAdminMFA: true } });
  const events = nock(INSIGHTS, orgId === undefined ? { badheaders: ['x-org-id'] } : {})
    .post('/insights/directory/v1/events')
    .reply(200, [], { 'x-result-count': '0', 'x-limit': '1000' });
  return [scoped, scoped2, orgRoutes, events];
}

describe('x-org-id per route', () => {
  it.each([
    ['with orgId', ORG],
    ['without orgId', undefined],
  ])('%s: sent where allowed, never on organization routes, never empty', async (_label, orgId) => {
    const scopes = routes(orgId);
    // The header of every request, as sent.
    const seen: Array<[string, string | null]> = [];
    const { jc, collect, run } = connectorOnManualClock({
      apiKey: KEY,
      orgId,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push([new URL(request.url).pathname, request.headers.get('x-org-id')]);
        return fetch(request);
      },
    });
    await collect(jc.users.list());
    await collect(jc.systems.list());
    await collect(jc.applications.list());
    await collect(jc.administrators.list());
    await collect(jc.userGroups.list());
    await collect(jc.userGroups.members('g1'));
    await collect(jc.userGroups.membership('g1'));
    await collect(jc.policies.list());
    await collect(jc.policies.statuses('p1'));
    await collect(jc.authnPolicies.list());
    await collect(jc.applications.users('a1'));
    await collect(jc.applications.userGroups('a1'));
    await collect(jc.organizations.list());
    await run(jc.organizations.get(ORG));
    await collect(jc.events.list({ start: '2024-01-01T00:00:00Z' }));
    for (const scope of scopes) scope.done();
    expect(seen).toHaveLength(15);
    for (const [path, header] of seen) {
      const expected = orgId !== undefined && !path.startsWith('/api/organizations') ? orgId : null;
      expect([path, header]).toEqual([path, expected]);
    }
  });
});
