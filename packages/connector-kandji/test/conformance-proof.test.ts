import { AssertionError } from 'node:assert';
import { type Connector, PaginationError, type SaasAccount } from '@org/connector-core';
import {
  type ConformanceAdapter,
  type ConformanceOptions,
  conformanceCases,
} from '@org/connector-sandbox/testing';
import { describe, expect, it } from 'vitest';
import { createKandjiConnector, type KandjiConnector } from '../src/index.js';

// The suite cannot pass vacuously: each deliberately broken Kandji connector below fails the cases
// named next to it, while the real one passes them all (conformance.test.ts). Kandji's users list
// states no total and takes no sort, so its suite has no stated-total, overfull-page or
// requested-order cases: JumpCloud's proof (its conformance-proof.test.ts) covers those.

type Credentials = Parameters<ConformanceAdapter<'kandji'>['connect']>[0];

/** The real connector with some of its methods replaced. */
function broken(
  change: (
    real: KandjiConnector,
    credentials: Credentials,
  ) => Partial<Connector> & { toJSON?(): unknown },
  options: (o: ConformanceOptions) => ConformanceOptions = (o) => o,
): ConformanceAdapter<'kandji'> {
  return {
    vendor: 'kandji',
    connect: (credentials, o) => {
      const real = createKandjiConnector({ ...credentials, ...options(o) });
      return {
        vendor: real.vendor,
        name: real.name,
        identity: real.identity,
        verify: (co) => real.verify(co),
        accounts: (co) => real.accounts(co),
        budget: () => real.budget(),
        estimateSyncCost: (co) => real.estimateSyncCost(co),
        toJSON: () => real.toJSON(),
        ...change(real, credentials),
      };
    },
  };
}

const swallowsErrors = broken((real) => ({
  accounts: async function* (co) {
    try {
      yield* real.accounts(co);
    } catch {
      // "best effort": a partial list reported as complete
    }
  },
}));

const dropsPages = broken((real) => ({
  accounts: async function* (co) {
    let n = 0;
    for await (const a of real.accounts(co)) if (n++ < 300) yield a; // page 1 only
  },
}));

const restarts = broken((real) => ({
  accounts: async function* (co): AsyncGenerator<SaasAccount> {
    try {
      yield* real.accounts(co);
    } catch (error) {
      if (!(error instanceof PaginationError)) throw error;
      yield* real.accounts(co); // "try again from the top"
    }
  },
}));

const leaksInToJSON = broken((real, c) => ({ toJSON: () => ({ ...real.toJSON(), c }) }));

const echoesAPrefix = broken((real, c) => ({
  accounts: async function* (co) {
    try {
      yield* real.accounts(co);
    } catch (error) {
      throw new (error as { constructor: new (m: string) => Error }).constructor(
        `${(error as Error).message} (token ${c.apiToken.slice(0, 12)}…)`,
      );
    }
  },
}));

const hidesSkippedItems = broken((real) => ({
  accounts: (co) => real.accounts({ ...co, onSkippedItem: undefined }),
}));

const untypedErrors = broken((real) => ({
  verify: (co) =>
    real.verify(co).catch((e: unknown) => {
      throw new Error(`verify failed: ${(e as Error).message}`);
    }),
}));

const badBudget = broken((real) => ({
  budget: () => ({
    windows: real.budget().windows.map((w) => ({ ...w, remaining: w.limit + 1 })),
  }),
}));

const neverRetries = broken(
  () => ({}),
  (o) => ({ ...o, retry: { limit: 0 } }),
);

const ignoresTheCap = broken(
  () => ({}),
  ({ maxResponseBytes: _ignored, ...o }) => o,
);

// Each broken connector, and substrings of the names of cases it must fail. Every case of the suite
// is named here at least once (checked below), so a new case comes with its proof.
const proofs: Array<[string, ConformanceAdapter<'kandji'>, string[]]> = [
  [
    'swallows errors',
    swallowsErrors,
    [
      'mid-listing → BadRequestError',
      'mid-listing → RateLimitError',
      'mid-listing → ServerError',
      'mid-listing → NetworkError',
      'mid-listing → TimeoutError',
      'mid-listing → AbortError',
      'mid-listing → ValidationError',
      'users whose email was renamed',
      'a huge Retry-After',
      'every page announcing another',
      'repeats an earlier one',
      'drips one byte at a time',
      'larger than maxResponseBytes',
      'a page fifty times larger than asked for',
      'invalid items',
    ],
  ],
  [
    'drops every page but the first',
    dropsPages,
    [
      'every user alive for the whole sync is listed',
      'a poller never reports the removal',
      '429 with Retry-After: 7',
      'a whole sync leaves no piece',
      'budget()',
    ],
  ],
  [
    'restarts a listing after a PaginationError',
    restarts,
    [
      'repeats an earlier one',
      'every page announcing another',
      'a total that grows with every page',
      'ignores the position asked for',
    ],
  ],
  [
    'puts its credentials in toJSON',
    leaksInToJSON,
    ['a whole sync leaves no piece', '12-character prefix'],
  ],
  [
    'adds a token prefix to its errors',
    echoesAPrefix,
    [
      '12-character prefix',
      '12-character suffix',
      '12-character middle',
      '12-character base64',
      'mid-listing → AuthenticationError',
      'mid-listing → PermissionError',
      'mid-listing → BadRequestError',
      'revoked credential',
      'missing permission',
    ],
  ],
  ['hides the items it skipped', hidesSkippedItems, ['a poller fails the drifted run']],
  ['wraps verify() errors untyped', untypedErrors, ['revoked credential', 'missing permission']],
  ['reports more calls left than the limit', badBudget, ['budget()']],
  [
    'never retries',
    neverRetries,
    ['429 with Retry-After: 7', 'date in the past', 'that is garbage'],
  ],
  ['drops maxResponseBytes', ignoresTheCap, ['larger than maxResponseBytes']],
];

describe('the conformance suite fails a broken connector', () => {
  for (const [what, adapter, names] of proofs) {
    const cases = conformanceCases(adapter);
    for (const name of names) {
      it(`one that ${what}: "${name}" fails`, async () => {
        const c = cases.find((x) => x.name.includes(name));
        expect(c, `no case named like "${name}"`).toBeDefined();
        await expect(c?.run()).rejects.toBeInstanceOf(AssertionError);
      });
    }
  }

  it('every case of the suite has a broken connector that fails it', () => {
    const named = proofs.flatMap(([, , names]) => names);
    const unproven = conformanceCases(swallowsErrors)
      .map((c) => c.name)
      .filter((n) => !named.some((x) => n.includes(x)));
    expect(unproven).toEqual([]);
  });
});
