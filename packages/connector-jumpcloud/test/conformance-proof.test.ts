import { AssertionError } from 'node:assert';
import type { CallOptions, Connector } from '@org/connector-core';
import type { ConformanceAdapter } from '@org/connector-sandbox/testing';
import { conformanceCases } from '@org/connector-sandbox/testing';
import { describe, expect, it } from 'vitest';
import { createJumpCloudConnector } from '../src/index.js';

// The cases only a users list with a total and a sort has (Kandji's proof covers the rest): each
// deliberately broken JumpCloud connector below fails the cases named next to it, while the real
// one passes them all (conformance.test.ts).

type Accounts = ReturnType<Connector['accounts']>;

/** The real connector with its `accounts()` replaced. */
function broken(
  accounts: (real: Connector, co?: CallOptions) => Accounts,
): ConformanceAdapter<'jumpcloud'> {
  return {
    vendor: 'jumpcloud',
    connect: (credentials, o) => {
      const real = createJumpCloudConnector({ ...credentials, ...o });
      return {
        vendor: real.vendor,
        name: real.name,
        identity: real.identity,
        verify: (co) => real.verify(co),
        budget: () => real.budget(),
        estimateSyncCost: (co) => real.estimateSyncCost(co),
        toJSON: () => real.toJSON(),
        accounts: (co) => accounts(real, co),
      };
    },
  };
}

const dropsPages = broken(async function* (real, co) {
  let n = 0;
  for await (const a of real.accounts(co)) if (n++ < 100) yield a; // page 1 only
});

const swallowsErrors = broken(async function* (real, co) {
  try {
    yield* real.accounts(co);
  } catch {
    // "best effort": a partial list reported as complete
  }
});

const proofs: Array<[string, ConformanceAdapter<'jumpcloud'>, string[]]> = [
  [
    'drops every page but the first',
    dropsPages,
    [
      'the vendor ignores it; with users added',
      'the vendor reverses it; with users added',
      'the vendor ignores it; a poller',
      'the vendor reverses it; a poller',
    ],
  ],
  [
    'swallows errors',
    swallowsErrors,
    [
      'a stated total of -1',
      'a stated total of -250',
      'a stated total of 0',
      'a stated total of 2.5',
      'a stated total of 100',
      'pages holding more items than their total allows',
    ],
  ],
];

describe('the conformance suite fails a broken JumpCloud connector', () => {
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
});
