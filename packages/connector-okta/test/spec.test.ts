import { readFileSync } from 'node:fs';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The sandbox's Okta responses, validated against Okta's published OpenAPI spec (the vendored
// subset in test/spec, Apache-2.0) with ajv: the sandbox is a model of Okta, and where the two
// disagree the spec wins.

type Json = Record<string, unknown>;
const spec = JSON.parse(
  readFileSync(new URL('./spec/okta-management.subset.json', import.meta.url), 'utf8'),
) as { paths: Record<string, { get: { responses: { 200: Json } } }>; components: Json };

/**
 * OpenAPI 3.0 schema objects as JSON Schema: `nullable` admits `null`; a `oneOf` with a
 * `discriminator` picks its branch by the discriminating property, as the spec means it (the
 * subtypes `allOf` their base, so plain `oneOf` would match several); a discriminator on a base
 * schema alone says nothing to validate.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, discriminator, oneOf, ...rest } = node as Json & {
    discriminator?: { propertyName: string; mapping?: Record<string, string> };
  };
  const out: Json = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]));
  let schema: Json = out;
  if (oneOf && discriminator?.mapping) {
    const prop = discriminator.propertyName;
    const mapping = discriminator.mapping;
    schema = {
      ...out,
      type: 'object',
      required: [prop],
      properties: { [prop]: { enum: Object.keys(mapping) } },
      allOf: Object.entries(mapping).map(([value, ref]) => ({
        if: { properties: { [prop]: { const: value } } },
        // JSON Schema's own keyword, not a thenable.
        // biome-ignore lint/suspicious/noThenProperty: the if/then of JSON Schema
        then: { $ref: ref.startsWith('#') ? `okta${ref}` : ref },
      })),
    };
  } else if (oneOf) schema = { ...out, oneOf: toJsonSchema(oneOf) };
  return nullable === true ? { anyOf: [schema, { type: 'null' }] } : schema;
}

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its plugin is the module's `default`.
(formats as unknown as { default: (a: Ajv) => Ajv }).default(ajv);
ajv.addSchema({ $id: 'okta', components: toJsonSchema(spec.components) });

const rewriteRefs = (node: unknown): unknown =>
  JSON.parse(JSON.stringify(node).replaceAll('"#/components/', '"okta#/components/'));

function responseSchema(path: string): ValidateFunction {
  const schema = (spec.paths[path]?.get.responses[200] as Json | undefined)?.content as
    | { 'application/json': { schema: Json } }
    | undefined;
  if (!schema) throw new Error(`the spec subset has no 200 of GET ${path}`);
  return ajv.compile(toJsonSchema(rewriteRefs(schema['application/json'].schema)) as Json);
}

let sb: Sandbox<'okta'>;
let sample: { user: string; admin: string; group: string; withFactors: string };
const get = async (path: string) => {
  const res = await fetch(`${sb.url}${path}`, {
    headers: { authorization: `SSWS ${sb.credentials.apiToken}` },
  });
  expect(res.status, path).toBe(200);
  return { body: (await res.json()) as unknown, headers: res.headers };
};

beforeAll(async () => {
  sb = await startSandbox({ vendor: 'okta', size: { users: 120, groups: 4 }, limits: false });
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

function expectValid(validate: ValidateFunction, body: unknown) {
  const ok = validate(body);
  expect(ajv.errorsText(validate.errors, { separator: '\n' })).toBe('No errors');
  expect(ok).toBe(true);
}

describe("the Okta sandbox's responses validate against Okta's OpenAPI spec", () => {
  it('GET /api/v1/users: every user (every status, with and without lastLogin) is a User', async () => {
    const validate = responseSchema('/api/v1/users');
    const { body, headers } = await get('/api/v1/users?limit=200');
    expect((body as unknown[]).length).toBeGreaterThan(100);
    expectValid(validate, body);
    const statuses = new Set((body as Array<{ status: string }>).map((u) => u.status));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
    expect(statuses.has('DEPROVISIONED')).toBe(false); // only when searched for
    expectValid(
      validate,
      (await get('/api/v1/users?search=status%20eq%20%22DEPROVISIONED%22')).body,
    );
    // The next page is in the Link header (RFC 8288), with an opaque `after` cursor.
    expect(headers.get('link')).toMatch(/<[^>]+\/api\/v1\/users\?limit=200>; rel="self"/);
  });

  it('GET /api/v1/users/{id} is a User', async () => {
    expectValid(
      responseSchema('/api/v1/users/{id}'),
      (await get(`/api/v1/users/${sample.user}`)).body,
    );
  });

  it('GET /api/v1/users/{userId}/factors: each factor is the UserFactor its factorType names', async () => {
    const { body } = await get(`/api/v1/users/${sample.withFactors}/factors`);
    expect((body as unknown[]).length).toBeGreaterThan(1);
    expectValid(responseSchema('/api/v1/users/{userId}/factors'), body);
    // The discriminator is enforced: a push factor with an SMS profile's provider is refused.
    const wrong = (body as Json[]).map((f) => ({ ...f, factorType: 'push', provider: 'SYMANTEC' }));
    expect(responseSchema('/api/v1/users/{userId}/factors')(wrong)).toBe(false);
  });

  it('GET /api/v1/users/{userId}/roles: an admin role assignment is a StandardRole', async () => {
    const { body } = await get(`/api/v1/users/${sample.admin}/roles`);
    expect((body as unknown[]).length).toBe(1);
    expectValid(responseSchema('/api/v1/users/{userId}/roles'), body);
  });

  it('GET /api/v1/groups and /api/v1/groups/{groupId}/users', async () => {
    expectValid(responseSchema('/api/v1/groups'), (await get('/api/v1/groups')).body);
    const members = (await get(`/api/v1/groups/${sample.group}/users`)).body;
    expect((members as unknown[]).length).toBeGreaterThan(0);
    expectValid(responseSchema('/api/v1/groups/{groupId}/users'), members);
  });

  it('the validator refuses what the spec refuses (a status Okta does not have, a date that is none)', async () => {
    const [user] = (await get('/api/v1/users?limit=1')).body as Json[];
    const validate = responseSchema('/api/v1/users');
    expect(validate([{ ...user, status: 'DISABLED' }])).toBe(false);
    expect(validate([{ ...user, created: 'yesterday' }])).toBe(false);
  });
});
