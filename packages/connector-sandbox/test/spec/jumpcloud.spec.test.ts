import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxScenario, startSandbox } from '../../src/index.js';
import { JUMPCLOUD_ALLOWED } from './allow-list.js';
import { Exchanges } from './exchanges.js';
import { describeViolation, type FactSheetShape, SpecCheck } from './validator.js';

// Every route the JumpCloud sandbox serves (v1, v2, Directory Insights, the token endpoint),
// every seeded page of every list, every object, its error bodies and its fault replies,
// validated against JumpCloud's published specs (vendored subsets, MIT) with ajv; where the specs
// document nothing, against the fact sheet's shapes. 0 violations, each named by route, status,
// spec operation and JSON path; the spec's known mistakes are in the allow-list.

/** JumpCloud's error bodies, as the fact sheet has them: `{ message, error }`, or the specs' `{ code, message, status }`. */
const ERROR = {
  type: 'object',
  required: ['message'],
  properties: {
    message: { type: 'string' },
    error: { type: 'string' },
    code: { type: 'integer' },
    status: { type: 'string' },
  },
};

const FACTS: FactSheetShape[] = [
  {
    // "Administrators GET /api/users (works, undocumented; v1 envelope)"
    matches: (e) => e.path === '/api/users' && e.status === 200,
    schema: {
      type: 'object',
      required: ['totalCount', 'results'],
      properties: {
        totalCount: { type: 'integer', minimum: 0 },
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: [
              '_id',
              'email',
              'roleName',
              'suspended',
              'enableMultiFactor',
              'totpEnrolled',
              'apiKeyAllowed',
              'apiKeySet',
            ],
            properties: {
              _id: { type: 'string' },
              email: { type: 'string' },
              roleName: {
                enum: [
                  'Administrator with Billing',
                  'Administrator',
                  'Manager',
                  'Command Runner',
                  'Help Desk',
                  'Read Only',
                ],
              },
              suspended: { type: 'boolean' },
              enableMultiFactor: { type: 'boolean' },
              totpEnrolled: { type: 'boolean' },
              apiKeyAllowed: { type: 'boolean' },
              apiKeySet: { type: 'boolean' },
            },
          },
        },
      },
    },
    why: 'jumpcloud.md: administrators at GET /api/users, undocumented, in the v1 envelope',
  },
  {
    // RFC 6749 §5.1: the token endpoint is in no JumpCloud spec.
    matches: (e) => e.path === '/oauth2/token' && e.status === 200,
    schema: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in'],
      properties: {
        access_token: { type: 'string', minLength: 1 },
        token_type: { type: 'string', pattern: '^[Bb]earer$' },
        expires_in: { type: 'integer', minimum: 1 },
        scope: { const: 'api' },
      },
    },
    why: 'jumpcloud.md (service accounts) and RFC 6749 §5.1',
  },
  {
    // RFC 6749 §5.2.
    matches: (e) => e.path === '/oauth2/token' && e.status >= 400,
    schema: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          enum: [
            'invalid_request',
            'invalid_client',
            'invalid_grant',
            'unauthorized_client',
            'unsupported_grant_type',
            'invalid_scope',
          ],
        },
        error_description: { type: 'string' },
      },
    },
    why: 'RFC 6749 §5.2',
  },
  {
    // A 502 comes from the load balancer in front of the API: an HTML page, no API body.
    matches: (e) => e.status === 502,
    schema: 'html',
    why: 'a gateway page, which no JumpCloud document describes as an API body',
  },
  {
    // 405, 429, 503 and every Directory Insights error: statuses the specs list no body for.
    matches: (e) => e.status >= 400,
    schema: ERROR,
    why: 'jumpcloud.md, "Rate limits and errors": { message, error } seen, { code, message, status } in the specs',
  },
];

const check = new SpecCheck(
  [
    { name: 'jumpcloud-v2', file: 'jumpcloud-v2.subset.json', prefix: '/api/v2' },
    { name: 'jumpcloud-v1', file: 'jumpcloud-v1.subset.json', prefix: '/api' },
    {
      name: 'jumpcloud-directory-insights',
      file: 'jumpcloud-directory-insights.subset.json',
      prefix: '/insights/directory/v1',
    },
  ],
  { facts: FACTS, allow: JUMPCLOUD_ALLOWED },
);

/** The System Insights tables JumpCloud documents (every `/systeminsights/<table>` of the v2 spec). */
const TABLES = Object.keys(
  (
    JSON.parse(
      readFileSync(new URL('./vendored/jumpcloud-v2.subset.json', import.meta.url), 'utf8'),
    ) as { paths: Record<string, unknown> }
  ).paths,
)
  .filter((p) => /^\/systeminsights\/[a-z_]+$/.test(p))
  .map((p) => p.slice('/systeminsights/'.length));

/** The sandbox's reference time: Directory Insights events run to here. */
const EPOCH = Date.UTC(2026, 0, 15, 12);

const opened: Sandbox[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));

/** Every page of a v1 (`{ totalCount, results }`) or v2 (bare array) list, 100 at a time. */
async function walk(x: Exchanges, path: string): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  await x.get(path); // the default page size (10)
  for (let skip = 0; ; skip += 100) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await x.get(`${path}${sep}limit=100&skip=${skip}`);
    const items = (
      Array.isArray(page.body) ? page.body : (page.body as { results: [] }).results
    ) as Array<Record<string, unknown>>;
    all.push(...items);
    if (items.length < 100) return all;
  }
}

async function tenant(
  scenario?: SandboxScenario,
): Promise<{ s: Sandbox<'jumpcloud'>; x: Exchanges }> {
  const s = await startSandbox({
    vendor: 'jumpcloud',
    limits: false,
    size: { orgs: 2 },
    epochMs: EPOCH,
    ...(scenario ? { scenario } : {}),
  });
  opened.push(s);
  return { s, x: new Exchanges(s, { 'x-api-key': s.credentials.apiKey }) };
}

/** Every list, every page, every object, every relation of one tenant. */
async function seeded(x: Exchanges, s: Sandbox<'jumpcloud'>): Promise<void> {
  for (const user of await walk(x, '/api/systemusers?sort=_id'))
    await x.get(`/api/systemusers/${user._id}`);
  await walk(x, '/api/systemusers?fields=email username firstname lastname state mfa');
  for (const system of await walk(x, '/api/systems')) await x.get(`/api/systems/${system._id}`);
  for (const app of await walk(x, '/api/applications')) {
    await x.get(`/api/applications/${app._id}`);
    await walk(x, `/api/v2/applications/${app._id}/users`);
    await walk(x, `/api/v2/applications/${app._id}/usergroups`);
  }
  await walk(x, '/api/users');
  for (const org of await walk(x, '/api/organizations'))
    await x.get(`/api/organizations/${org._id}`);
  for (const group of await walk(x, '/api/v2/usergroups')) {
    await x.get(`/api/v2/usergroups/${group.id}`);
    await walk(x, `/api/v2/usergroups/${group.id}/members`);
    await walk(x, `/api/v2/usergroups/${group.id}/membership`);
  }
  for (const policy of await walk(x, '/api/v2/policies')) {
    await x.get(`/api/v2/policies/${policy.id}`);
    await walk(x, `/api/v2/policies/${policy.id}/policystatuses`);
  }
  for (const mdm of await walk(x, '/api/v2/applemdms'))
    await walk(x, `/api/v2/applemdms/${mdm.id}/devices`);
  await walk(x, '/api/v2/authn/policies');
  for (const table of TABLES) await walk(x, `/api/v2/systeminsights/${table}`);
  // Directory Insights: every page of the 30 days of events, oldest first and newest first.
  const start = new Date(EPOCH - 31 * 86_400_000).toISOString();
  for (const sort of ['ASC', 'DESC']) {
    let searchAfter: unknown;
    for (;;) {
      const body = {
        service: ['all'],
        start_time: start,
        limit: 1000,
        sort,
        ...(searchAfter ? { search_after: searchAfter } : {}),
      };
      const page = await x.send('POST', '/insights/directory/v1/events', { body });
      if ((page.body as unknown[]).length < 1000) break;
      searchAfter = JSON.parse(page.headers.get('x-search_after') ?? '[]');
    }
  }
  await x.send('POST', '/insights/directory/v1/events/count', {
    body: { service: ['directory'], start_time: start },
  });
  // The token endpoint, and a list read with its token.
  const { clientId, clientSecret } = s.credentials.oauthClient;
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const token = await x.send('POST', '/oauth2/token', {
    form: 'grant_type=client_credentials&scope=api',
    headers: { authorization: basic, 'x-api-key': '' },
  });
  await x.get('/api/systemusers?limit=5', {
    authorization: `Bearer ${(token.body as { access_token: string }).access_token}`,
    'x-api-key': '',
  });
}

/** Every error the sandbox answers, and every fault reply that claims to be JumpCloud's. */
async function errors(x: Exchanges, s: Sandbox<'jumpcloud'>): Promise<void> {
  const families = ['/api/systemusers', '/api/v2/usergroups', '/insights/directory/v1/events'];
  const send = (path: string, headers?: Record<string, string>) =>
    path.startsWith('/insights')
      ? x.send('POST', path, {
          body: { service: ['all'], start_time: '2020-01-01T00:00:00Z' },
          ...(headers ? { headers } : {}),
        })
      : x.get(path, headers);
  for (const path of families) {
    await send(path, { 'x-api-key': '' }); // 401, no key
    await send(path, { 'x-api-key': 'jca_wrong' }); // 401
    await send(path, { 'x-org-id': 'not-an-org' }); // 400
    await send(path, { 'x-org-id': 'ffffffffffffffffffffffff' }); // 404
  }
  const helpDesk = s.control.addCredential({ permissions: ['Help Desk'] });
  await x.get('/api/v2/policies', { 'x-api-key': helpDesk.apiKey }); // 403
  await x.get('/api/applications', { 'x-api-key': helpDesk.apiKey });
  await x.send('POST', '/insights/directory/v1/events', {
    body: { service: ['all'], start_time: '2020-01-01T00:00:00Z' },
    headers: { 'x-api-key': helpDesk.apiKey },
  });
  const msp = s.control.addCredential({ multiTenant: true });
  await x.get('/api/systemusers', { 'x-api-key': msp.apiKey }); // 401: x-org-id required
  await x.get('/api/organizations', { 'x-org-id': s.credentials.orgId }); // 403
  await x.get('/api/systemusers?limit=1000'); // 400
  await x.get('/api/v2/usergroups?limit=1000');
  await x.get('/api/systemusers?filter=nonsense');
  await x.get('/api/v2/usergroups?filter=name:nope:x');
  await x.get('/api/systemusers/000000000000000000000000'); // 404
  await x.get('/api/v2/usergroups/000000000000000000000000');
  await x.get('/api/v2/systeminsights/no_such_table');
  await x.get('/api/nothing-here');
  await x.send('POST', '/api/systemusers'); // 405
  await x.send('POST', '/insights/directory/v1/events', { body: { service: [] } }); // 400
  await x.send('POST', '/insights/directory/v1/events', {
    body: { service: ['all'], start_time: 'x' },
  });
  await x.send('POST', '/insights/directory/v1/events', {
    body: { service: ['all'], start_time: '2020-01-01T00:00:00Z', limit: 0 },
  });
  // The token endpoint's refusals.
  await x.send('POST', '/oauth2/token', {
    form: 'grant_type=client_credentials',
    headers: { authorization: 'Basic bm86cGU=', 'x-api-key': '' },
  });
  const { clientId, clientSecret } = s.credentials.oauthClient;
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  await x.send('POST', '/oauth2/token', {
    form: 'grant_type=password',
    headers: { authorization: basic, 'x-api-key': '' },
  });
  await x.send('POST', '/oauth2/token', {
    form: 'grant_type=client_credentials&scope=admin',
    headers: { authorization: basic, 'x-api-key': '' },
  });
  await x.get('/oauth2/token', { 'x-api-key': '' });
  // A rate limit, and the vendor-shaped fault replies.
  s.control.setLimits({ perMinute: { limit: 1, intervalMs: 60_000 } });
  for (const path of families) {
    await send(path);
    await send(path); // 429
  }
  s.control.setLimits(false);
  for (const kind of ['429', '500', '502', '503'] as const) {
    for (const path of families) {
      s.control.fault({ kind, path: path.replace(/^\/api/, '') });
      await send(path);
    }
  }
}

describe("the JumpCloud sandbox's responses validate against JumpCloud's specs", () => {
  it('every seeded page, object and relation of a generated tenant and of the misconfigured scenario, and every error and fault reply', async () => {
    const plain = await tenant();
    await seeded(plain.x, plain.s);
    await errors(plain.x, plain.s);
    const flawed = await tenant('misconfigured');
    await seeded(flawed.x, flawed.s);
    plain.x.sent.push(...flawed.x.sent);
    plain.x.assertConforms(check);
  });
});

describe('the JumpCloud spec check fails what the spec refuses', () => {
  it('names the route, the spec operation and the JSON path of each violation', async () => {
    const { x } = await tenant();
    const page = await x.get('/api/systemusers?limit=2');
    const [user] = (page.body as { results: Array<Record<string, unknown>> }).results;
    const wrong = { totalCount: 2, results: [user, { ...user, state: 'DISABLED', mfa: 'on' }] };
    expect(check.check({ ...page, body: page.body })).toEqual([]);
    expect(check.check({ ...page, body: wrong }).map(describeViolation)).toEqual([
      'GET /api/systemusers → 200 (jumpcloud-v1 GET /systemusers) at /results/1/mfa: must be object (got string)',
      'GET /api/systemusers → 200 (jumpcloud-v1 GET /systemusers) at /results/1/state: must be equal to one of the allowed values (got string)',
    ]);
    const members = await x.get(
      `/api/v2/usergroups/${((await x.get('/api/v2/usergroups')).body as Array<{ id: string }>)[0]?.id}/members`,
    );
    const nullAttributes = (members.body as Array<Record<string, unknown>>).map((m) => ({
      ...m,
      attributes: null,
    }));
    expect(check.check({ ...members, body: nullAttributes })[0]?.at).toBe('/0/attributes');
    const error = await x.get('/api/systemusers/000000000000000000000000');
    expect(check.check({ ...error, body: { message: 404 } }).map((v) => v.at)).toEqual([
      '/message',
    ]);
  });
});
