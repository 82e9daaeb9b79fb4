import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { Exchanges, type Sent } from './exchanges.js';
import { describeViolation, SpecCheck } from './validator.js';

// The sandbox's Okta responses, validated against Okta's published OpenAPI spec (the vendored
// subset, Apache-2.0) with the same checker as every vendor's: the sandbox is a model of Okta,
// and where the two disagree the spec wins.

const check = new SpecCheck([{ name: 'okta', file: 'okta-management.subset.json', prefix: '' }], {
  facts: [],
  allow: [],
});

type Json = Record<string, unknown>;
let sb: Sandbox<'okta'>;
let x: Exchanges;
let sample: { user: string; admin: string; group: string; withFactors: string };

const get = async (path: string): Promise<Sent> => {
  const res = await x.get(path);
  expect(res.status, path).toBe(200);
  return res;
};
/** Asserts the response conforms, naming each violation by route and JSON path. */
const expectValid = (res: Sent) => expect(check.check(res).map(describeViolation)).toEqual([]);

beforeAll(async () => {
  sb = await startSandbox({ vendor: 'okta', size: { users: 120, groups: 4 }, limits: false });
  x = new Exchanges(sb, { authorization: `SSWS ${sb.credentials.apiToken}` });
  const users = (await get('/api/v1/users')).body as Array<{ id: string }>;
  const groups = (await get('/api/v1/groups')).body as Array<{ id: string }>;
  let withFactors = '';
  for (const u of users.slice(0, 10)) {
    const f = (await get(`/api/v1/users/${u.id}/factors`)).body as unknown[];
    if (f.length > 1) withFactors = u.id;
  }
  sample = {
    user: users[3]?.id ?? '',
    admin: users[0]?.id ?? '',
    group: groups[1]?.id ?? '',
    withFactors,
  };
});
afterAll(() => sb.close());

describe("the Okta sandbox's responses validate against Okta's OpenAPI spec", () => {
  it('GET /api/v1/users: every user (every status, with and without lastLogin) is a User', async () => {
    const res = await get('/api/v1/users?limit=200');
    expect((res.body as unknown[]).length).toBeGreaterThan(100);
    expectValid(res);
    const statuses = new Set((res.body as Array<{ status: string }>).map((u) => u.status));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
    expect(statuses.has('DEPROVISIONED')).toBe(false); // only when searched for
    expectValid(await get('/api/v1/users?search=status%20eq%20%22DEPROVISIONED%22'));
    // The next page is in the Link header (RFC 8288), with an opaque `after` cursor.
    expect(res.headers.get('link')).toMatch(/<[^>]+\/api\/v1\/users\?limit=200>; rel="self"/);
  });

  it('GET /api/v1/users/{id} is a User', async () => {
    expectValid(await get(`/api/v1/users/${sample.user}`));
  });

  it('GET /api/v1/users/{userId}/factors: each factor is the UserFactor its factorType names', async () => {
    const res = await get(`/api/v1/users/${sample.withFactors}/factors`);
    expect((res.body as unknown[]).length).toBeGreaterThan(1);
    expectValid(res);
    // The discriminator is enforced: a push factor with an SMS profile's provider is refused.
    const wrong = (res.body as Json[]).map((f) => ({
      ...f,
      factorType: 'push',
      provider: 'SYMANTEC',
    }));
    expect(check.check({ ...res, body: wrong }).length).toBeGreaterThan(0);
  });

  it('GET /api/v1/users/{userId}/roles: an admin role assignment is a StandardRole', async () => {
    const res = await get(`/api/v1/users/${sample.admin}/roles`);
    expect((res.body as unknown[]).length).toBe(1);
    expectValid(res);
  });

  it('GET /api/v1/groups and /api/v1/groups/{groupId}/users', async () => {
    expectValid(await get('/api/v1/groups'));
    const members = await get(`/api/v1/groups/${sample.group}/users`);
    expect((members.body as unknown[]).length).toBeGreaterThan(0);
    expectValid(members);
  });

  it('the validator refuses what the spec refuses (a status Okta does not have, a date that is none)', async () => {
    const res = await get('/api/v1/users?limit=1');
    const [user] = res.body as Json[];
    expect(check.check({ ...res, body: [{ ...user, status: 'DISABLED' }] })[0]?.at).toBe(
      '/0/status',
    );
    expect(check.check({ ...res, body: [{ ...user, created: 'yesterday' }] })[0]?.at).toBe(
      '/0/created',
    );
  });
});
