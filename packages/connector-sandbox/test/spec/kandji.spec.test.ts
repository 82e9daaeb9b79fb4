import { afterAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxScenario, startSandbox } from '../../src/index.js';
import { PRISM_CATEGORIES } from '../../src/vendors/kandji/catalog.js';
import { KANDJI_ALLOWED } from './allow-list.js';
import { Exchanges } from './exchanges.js';
import { describeViolation, type FactSheetShape, SpecCheck } from './validator.js';

// Every route the Kandji sandbox serves, every seeded page of every list, every object, its error
// bodies and its fault replies, validated against Kandji's API spec (the vendored subset of the
// OpenAPI file generated from Kandji's Postman collection, MIT) with ajv: its schemas, and where
// they leave a value's shape unsaid, its own examples. The spec documents almost no error bodies:
// those are checked against the fact sheet. 0 violations, each named by route, status, spec
// operation and JSON path; the spec's known mistakes are in the allow-list.

const FACTS: FactSheetShape[] = [
  {
    // "an HTML 404 page" (Django's, for a path it has no route for), and Django's plain 500 page.
    matches: (e) => /^text\/html/.test(e.contentType) && (e.status === 404 || e.status >= 500),
    schema: 'html',
    why: 'kandji.md, "Errors": an HTML 404 page; a server error is Django\'s HTML page',
  },
  {
    // Kong answers these before Kandji: `{ message }`.
    matches: (e) => e.status === 429 || e.status === 502 || e.status === 503,
    schema: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
    why: 'kandji.md, "Rate limits": responses come through a Kong gateway, whose errors are { message }',
  },
  {
    matches: (e) => e.status >= 400,
    schema: {
      anyOf: [
        { type: 'string' },
        { type: 'array', items: { type: 'string' } },
        { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } },
        { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      ],
    },
    why: 'kandji.md, "Errors": a bare JSON string, a JSON array, {"detail": "..."} or field-error objects',
  },
];

const check = new SpecCheck([{ name: 'kandji', file: 'kandji.subset.json', prefix: '' }], {
  facts: FACTS,
  allow: KANDJI_ALLOWED,
});

const opened: Sandbox[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));

async function tenant(scenario?: SandboxScenario): Promise<{ s: Sandbox<'kandji'>; x: Exchanges }> {
  // 700 users: three cursor pages of 300; the `next` links name the sandbox itself.
  const s = await startSandbox({
    vendor: 'kandji',
    limits: false,
    size: scenario ? {} : { users: 700 },
    quirks: { nextHost: false },
    ...(scenario ? { scenario } : {}),
  });
  opened.push(s);
  return { s, x: new Exchanges(s, { authorization: `Bearer ${s.credentials.apiToken}` }) };
}

type Row = Record<string, unknown>;

/** Every page of a list whose page says where the next one is (`next`), from `path`. */
async function follow(x: Exchanges, path: string, items: (body: Row) => Row[]): Promise<Row[]> {
  const all: Row[] = [];
  for (let url: string | null = path; url !== null; ) {
    const page = await x.get(url);
    const body = page.body as Row;
    all.push(...items(body));
    url =
      typeof body.next === 'string'
        ? new URL(body.next).pathname + new URL(body.next).search
        : null;
  }
  return all;
}

/** Every page of an offset list (`limit`, `offset`), `limit` at a time. */
async function offsets(
  x: Exchanges,
  path: string,
  limit: number,
  items: (body: unknown) => Row[],
): Promise<Row[]> {
  const all: Row[] = [];
  await x.get(path); // the default page
  for (let offset = 0; ; offset += limit) {
    const page = await x.get(
      `${path}${path.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`,
    );
    const got = items(page.body);
    all.push(...got);
    if (got.length < limit) return all;
  }
}

async function seeded(x: Exchanges): Promise<void> {
  for (const user of await follow(x, '/api/v1/users', (b) => b.results as Row[]))
    await x.get(`/api/v1/users/${user.id}`);
  await follow(x, '/api/v1/users?archived=true', (b) => b.results as Row[]);
  for (const device of await offsets(x, '/api/v1/devices', 40, (b) => b as Row[])) {
    await x.get(`/api/v1/devices/${device.device_id}`);
    await x.get(`/api/v1/devices/${device.device_id}/details`);
    await x.get(`/api/v1/devices/${device.device_id}/apps`);
  }
  for (const category of Object.keys(PRISM_CATEGORIES)) {
    await offsets(x, `/api/v1/prism/${category}`, 100, (b) => (b as { data: Row[] }).data);
    await x.get(`/api/v1/prism/count?category=${category}`);
  }
  for (const blueprint of await follow(x, '/api/v1/blueprints?limit=2', (b) => b.results as Row[]))
    await x.get(`/api/v1/blueprints/${blueprint.id}`);
  await follow(x, '/api/v1/vulnerability-management/detections?size=50', (b) => b.results as Row[]);
}

/** Every error the sandbox answers, and every fault reply that claims to be Kandji's (or Kong's). */
async function errors(x: Exchanges, s: Sandbox<'kandji'>): Promise<void> {
  await x.get('/api/v1/users', { authorization: '' }); // 401
  await x.get('/api/v1/users', { authorization: 'Bearer wrong' });
  const devicesOnly = s.control.addCredential({ permissions: ['Devices › List devices'] });
  await x.get('/api/v1/users', { authorization: `Bearer ${devicesOnly.apiToken}` }); // 403
  await x.get('/api/v1/users?id=not-a-uuid'); // 400 { id: [...] }
  await x.get('/api/v1/users?archived=maybe'); // 400 [...]
  await x.get('/api/v1/users?cursor=bm9wZQ'); // 404
  await x.get('/api/v1/devices?limit=many'); // 400 "..."
  await x.get('/api/v1/prism/count?category=nothing'); // 400
  await x.get('/api/v1/prism/apps?filter=[1]');
  await x.get('/api/v1/vulnerability-management/detections?size=0');
  await x.get('/api/v1/users/00000000-0000-0000-0000-000000000000'); // 404
  await x.get('/api/v1/devices/00000000-0000-0000-0000-000000000000/details');
  await x.get('/api/v1/blueprints/00000000-0000-0000-0000-000000000000');
  await x.get('/api/v1/nothing-here'); // Django's HTML 404
  await x.send('POST', '/api/v1/users'); // 405
  s.control.setLimits({ perSecond: { limit: 1, intervalMs: 60_000 } });
  await x.get('/api/v1/users');
  await x.get('/api/v1/users'); // 429 from Kong
  s.control.setLimits(false);
  for (const kind of ['429', '500', '502', '503'] as const) {
    s.control.fault({ kind, path: '/api/v1/users' });
    await x.get('/api/v1/users');
  }
}

describe("the Kandji sandbox's responses validate against Kandji's spec", () => {
  it('every seeded page and object of a generated tenant and of the misconfigured scenario, and every error and fault reply', async () => {
    const plain = await tenant();
    await seeded(plain.x);
    await errors(plain.x, plain.s);
    const flawed = await tenant('misconfigured');
    await seeded(flawed.x);
    plain.x.sent.push(...flawed.x.sent);
    plain.x.assertConforms(check);
  });
});

describe('the Kandji spec check fails what the spec refuses', () => {
  it('checks types by the spec’s example where its schema is silent, and allows only what the allow-list names', async () => {
    const { x } = await tenant();
    const page = await x.get('/api/v1/users');
    const body = page.body as { results: Array<Record<string, unknown>> };
    const [user] = body.results;
    const wrong = { ...body, results: [{ ...user, email: 5, integration: [] }] };
    expect(check.check({ ...page, body: wrong }).map(describeViolation)).toEqual([
      'GET /api/v1/users → 200 (kandji GET /api/v1/users) at /results/0/email: must be string,null (got number)',
      'GET /api/v1/users → 200 (kandji GET /api/v1/users) at /results/0/integration: must be object,null (got array)',
    ]);
    const one = await x.get(`/api/v1/users/${user?.id}`);
    // A boolean where the spec says integer is allowed (its examples carry booleans); a string is not.
    expect(check.check({ ...one, body: { ...(one.body as object), active: true } })).toEqual([]);
    expect(check.check({ ...one, body: { ...(one.body as object), active: 'yes' } })[0]?.at).toBe(
      '/active',
    );
    // A body no spec or fact-sheet shape documents is a violation, never skipped.
    const html = { ...one, status: 200, contentType: 'text/html', body: '<html></html>' };
    expect(check.check(html).map((v) => v.keyword)).toEqual(['contentType']);
  });
});
