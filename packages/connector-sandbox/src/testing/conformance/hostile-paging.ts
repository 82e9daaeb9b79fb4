import assert from 'node:assert/strict';
import { PaginationError, ResponseTooLargeError, ValidationError } from '@org/connector-core';
import type { FaultSpec } from '../../control/faults.js';
import { pagingFaultsFor } from '../../control/paging-faults.js';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, DEFAULT_USERS, type Harness, PAGE_SIZE, withHarness } from './harness.js';
import { factsOf } from './vendors.js';

/** Users-list requests a bounded listing may make: a few passes over the honest page count. */
const MAX_REQUESTS = 4 * Math.ceil(DEFAULT_USERS / PAGE_SIZE) + 20;

/** Invalid items in one page: enough that keeping every issue would show, few enough for a test. */
const INVALID_ITEMS = 5_000;

type Fault = Omit<FaultSpec, 'path'>;

/**
 * Ends in the right data or in a typed error, with the users list asked for a bounded number of
 * times and nothing listed twice.
 */
function assertRightOrTyped(
  h: Harness,
  what: string,
  listed: { accounts: readonly { id: string }[]; error: unknown },
  types: ReadonlyArray<abstract new (...args: never[]) => Error> = [PaginationError],
): void {
  const requests = h.usersRequests();
  assert.ok(requests <= MAX_REQUESTS, `${what}: ${requests} users-list requests: not bounded`);
  const ids = listed.accounts.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, `${what}: an account was listed twice`);
  if (listed.error === undefined) {
    h.assertComplete(listed.accounts as never);
    return;
  }
  assert.ok(
    types.some((t) => listed.error instanceof t),
    `${what}: expected the right data or ${types.map((t) => t.name).join(' or ')}, got ${listed.error instanceof Error ? `${listed.error.name}: ${listed.error.message}` : String(listed.error)}`,
  );
  const e = listed.error as PaginationError;
  assert.equal(e.vendor, h.vendor, `${what}: the error names the vendor`);
  if (e instanceof PaginationError) {
    assert.ok(e.endpoint, `${what}: the error names the endpoint`);
    assert.ok(e.message.includes(String(e.endpoint)), `${what}: the message names the endpoint`);
  }
}

/**
 * A hostile vendor's paging, each case a sandbox fault on the users list, applied the way the
 * vendor's facts say the list pages (a case whose fault found nothing to rewrite fails as "suite
 * could not inject"): totals that are no count or lie low, a total that grows with every page (or
 * a cursor that wraps round for ever), a server that ignores the position asked for, pages
 * holding more than their total allows or far more than asked, a page of thousands of invalid
 * items. Each must end in the right data or a typed error, within a bounded number of requests,
 * never an endless listing or a quiet short one. A list that states no total has no stated-total
 * or overfull-page case.
 */
export function hostilePagingCases<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
): ConformanceCase[] {
  // A page schema may refuse a total that is no count before paging sees it: typed all the same.
  const hostile = (what: string, fault: Fault): ConformanceCase => ({
    name: `hostile paging: ${what} → the right data or a PaginationError naming vendor, endpoint and page`,
    run: () =>
      withHarness(adapter, {}, async (h) => {
        const connector = h.connect();
        h.fault({ times: 100_000, ...fault });
        const listed = await h.list(connector);
        assertRightOrTyped(h, what, listed, [
          PaginationError,
          ResponseTooLargeError,
          ...(fault.kind === 'bad-total' ? [ValidationError] : []),
        ]);
        if (listed.error instanceof PaginationError && fault.kind !== 'growing-total') {
          assert.equal(typeof listed.error.page, 'number', `${what}: the error names the page`);
        }
        h.assertClean(connector, listed.error);
      }),
  });
  // Only what the vendor's users list can be hostile with: a list that states no total (a
  // cursor list) can state no wrong one, nor hold more than a total allows at a position.
  const takes = new Set(pagingFaultsFor(factsOf(adapter.vendor)));
  return [
    ...(takes.has('bad-total')
      ? [-1, -250, 0, 2.5, 100].map((total) =>
          hostile(`a stated total of ${total}`, { kind: 'bad-total', total }),
        )
      : []),
    hostile('a total that grows with every page (a cursor that wraps round)', {
      kind: 'growing-total',
    }),
    hostile('a server that ignores the position asked for (page, offset or cursor)', {
      kind: 'ignore-position',
    }),
    ...(takes.has('overfull-page')
      ? [
          hostile('pages holding more items than their total allows at their position', {
            kind: 'overfull-page',
          }),
        ]
      : []),
    hostile('a page fifty times larger than asked for', { kind: 'oversized-page' }),
    {
      name: `hostile paging: a page of ${INVALID_ITEMS} invalid items → ValidationError keeping the first few issues and counting them all`,
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          h.fault({ kind: 'oversized-page', items: INVALID_ITEMS, invalid: true, times: 100 });
          const listed = await h.list(connector);
          assertError(listed.error, ValidationError, 'a page of invalid items');
          const e = listed.error as ValidationError;
          assert.equal(e.vendor, adapter.vendor, 'the error names the vendor');
          assert.ok(e.issues.length <= 5, `the error keeps ${e.issues.length} issues, not a few`);
          assert.ok(
            e.issueCount >= INVALID_ITEMS,
            `the error counts ${e.issueCount} issues, not the ${INVALID_ITEMS} items'`,
          );
          assert.equal(listed.accounts.length, 0, 'no account was listed from invalid items');
          h.assertClean(connector, listed.error);
        }),
    },
  ];
}
