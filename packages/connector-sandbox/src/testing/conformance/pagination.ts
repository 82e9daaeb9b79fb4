import assert from 'node:assert/strict';
import { PaginationError } from '@org/connector-core';
import type { FaultKind } from '../../control/faults.js';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, DEFAULT_USERS, PAGE_SIZE, withHarness } from './harness.js';

/** Users-list requests a bounded listing may make: a few passes over the honest page count. */
const MAX_REQUESTS = 4 * Math.ceil(DEFAULT_USERS / PAGE_SIZE) + 20;

/** A server that keeps saying "more", or repeats a cursor, link or page: stop, never loop. */
export function paginationCases<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
): ConformanceCase[] {
  const loop = (kind: FaultKind, what: string): ConformanceCase => ({
    name: `pagination: ${what} → PaginationError, never endless, never a restart`,
    run: () =>
      withHarness(adapter, {}, async (h) => {
        const connector = h.connect();
        // `after: 1`: the first page is honest; every later one is the fault.
        h.fault({ kind, after: kind === 'endless-pages' ? 0 : 1, times: 100_000 });
        const { accounts, error } = await h.list(connector);
        assert.ok(
          error !== undefined,
          `${what}: the listing ended without an error, with ${accounts.length} of the tenant's ${h.truth().length} accounts`,
        );
        assertError(error, PaginationError, what);
        const requests = h.usersRequests();
        assert.ok(requests <= MAX_REQUESTS, `${requests} users-list requests: a loop`);
        const ids = accounts.map((a) => a.id);
        assert.equal(new Set(ids).size, ids.length, 'accounts were yielded again: a restart');
        h.assertClean(connector, error);
      }),
  });
  return [
    loop('endless-pages', 'every page announcing another (the first page served again)'),
    loop('repeat-cursor', 'a page whose cursor, link or page repeats an earlier one'),
  ];
}
