import { AssertionError } from 'node:assert';
import type { Connector } from '@org/connector-core';
import {
  authorizationHeader,
  defineConnector,
  linkHeader,
  listOf,
  resource,
} from '@org/connector-core/kit';
import {
  type ConformanceAdapter,
  conformanceCases,
  SuiteInjectionError,
} from '@org/connector-sandbox/testing';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createOktaConnector,
  mapOktaError,
  OktaOptions,
  oktaRateLimitBucket,
} from '../src/index.js';

// The suite works from Okta's declared facts (Link-header paging, email at profile.email), so the
// cases that once failed the real connector for the suite's own assumptions now fail connectors
// that get exactly those facts wrong, and only them: conformance.test.ts passes the real one.

/** The real connector, seeing responses without their `Link` header: it never finds page 2. */
const ignoresLinkHeader: ConformanceAdapter<'okta'> = {
  vendor: 'okta',
  connect: (credentials, o) =>
    createOktaConnector({
      ...credentials,
      ...o,
      fetch: async (input, init) => {
        const res = await (o.fetch ?? fetch)(input, init);
        const headers = new Headers(res.headers);
        headers.delete('link');
        return new Response(res.body, { status: res.status, headers });
      },
    }),
};

/**
 * An Okta connector written as if the email sat at the top of a user (as with the first three
 * vendors): a user without `email` is taken for one without an address and left out.
 */
const createTopLevelEmailConnector = defineConnector({
  vendor: 'okta',
  label: 'Okta',
  userAgent: 'broken/0.0.0',
  config: OktaOptions,
  hints: {},
  defaultName: () => 'okta-broken',
  identity: (c) => ({
    vendor: 'okta',
    host: new URL(c.origin).host,
    tenant: new URL(c.origin).host,
  }),
  transport: (c) => ({
    hosts: { api: `${c.origin}/api/v1/` },
    auth: authorizationHeader(c.auth.kind === 'api-token' ? c.auth.apiToken : 'x', {
      scheme: 'SSWS',
    }),
    windows: [],
    rateLimitHeaders: ['okta'],
    rateLimitBucket: oktaRateLimitBucket,
    mapError: mapOktaError,
  }),
  resources: {
    users: resource({
      list: listOf({
        path: 'users',
        page: v.array(v.looseObject({ id: v.string(), email: v.nullish(v.string()) })),
        items: (p) => p,
        paging: () => linkHeader({ params: ['after'] }),
        id: (u) => u.id,
      }),
    }),
  },
  accounts: {
    from: 'users',
    itemsPath: '$',
    map: (u, connection) =>
      typeof u.email === 'string'
        ? {
            vendor: 'okta',
            connection,
            id: u.id,
            email: u.email,
            name: undefined,
            status: 'active',
            createdAt: undefined,
            raw: u,
          }
        : undefined,
  },
  verify: async (rt, o) => {
    await rt.http.request({
      path: 'users',
      query: { limit: 1 },
      schema: v.unknown(),
      signal: o.signal,
    });
    return {};
  },
});

const readsTopLevelEmail: ConformanceAdapter<'okta'> = {
  vendor: 'okta',
  connect: (credentials, o): Connector => createTopLevelEmailConnector({ ...credentials, ...o }),
};

/** The real connector, adding the first 12 characters of its token to every listing error. */
const echoesATokenPrefix: ConformanceAdapter<'okta'> = {
  vendor: 'okta',
  connect: (credentials, o) => {
    const real = createOktaConnector({ ...credentials, ...o });
    return {
      vendor: real.vendor,
      name: real.name,
      identity: real.identity,
      verify: (co) => real.verify(co),
      budget: () => real.budget(),
      toJSON: () => real.toJSON(),
      accounts: async function* (co) {
        try {
          yield* real.accounts(co);
        } catch (error) {
          (error as Error).message += ` (token ${credentials.apiToken.slice(0, 12)}…)`;
          throw error;
        }
      },
    } as Connector;
  },
};

// The five cases whose faults once assumed a body `next` link, a top-level email or page/cursor/
// skip/offset parameters, and the canary that SSWS once made vacuous.
const proofs: Array<[string, ConformanceAdapter<'okta'>, string]> = [
  ['ignores the Link header', ignoresLinkHeader, 'every page announcing another'],
  ['ignores the Link header', ignoresLinkHeader, 'repeats an earlier one'],
  ['reads a top-level email', readsTopLevelEmail, 'users whose email was renamed fail the listing'],
  ['reads a top-level email', readsTopLevelEmail, 'a poller fails the drifted run'],
  [
    'reads a top-level email',
    readsTopLevelEmail,
    'a page whose shape is wrong where the credential sits',
  ],
  ['adds an SSWS token prefix to its errors', echoesATokenPrefix, '12-character prefix'],
];

describe('the facts-driven suite fails an Okta connector that gets the facts wrong', () => {
  for (const [what, adapter, name] of proofs) {
    it(`one that ${what}: "${name}" fails as a connector bug, not as "suite could not inject"`, async () => {
      const c = conformanceCases(adapter).find((x) => x.name.includes(name));
      expect(c, `no case named like "${name}"`).toBeDefined();
      const error = await c?.run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AssertionError);
      expect(error).not.toBeInstanceOf(SuiteInjectionError);
      // For the record: what the suite told the broken connector.
      console.log(`[${what}] ${name}\n  → ${(error as Error).message.split('\n')[0]}`);
    });
  }
});
