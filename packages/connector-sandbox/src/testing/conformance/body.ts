import assert from 'node:assert/strict';
import { ResponseTooLargeError, TimeoutError } from '@org/connector-core';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, withHarness } from './harness.js';

const MAX_BYTES = 256 * 1024;

/** Bodies that drip or never end: bounded by the per-attempt timeout and `maxResponseBytes`. */
export function bodyCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  return [
    {
      name: 'a users page that drips one byte at a time → TimeoutError from the per-attempt timeout',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect({ retry: { limit: 0 }, timeout: { perAttemptMs: 2_000 } });
          h.fault({ kind: 'drip', times: 100 });
          // The clock moves while the drip streams (the server "holds" it), never under others.
          h.holdUsersBodies = true;
          const { error } = await h.list(connector);
          assertError(error, TimeoutError, 'a dripping body');
          const dripped = h.driver.sent.filter((r) => h.isUsers(r.url.pathname));
          assert.ok(dripped.length >= 1, 'the users list was asked for');
          h.assertClean(connector, error);
        }),
    },
    {
      name: 'a users page larger than maxResponseBytes → ResponseTooLargeError, not retried',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect({ maxResponseBytes: MAX_BYTES });
          h.fault({ kind: 'huge-body', bytes: 16 * MAX_BYTES, times: 100 });
          const { error } = await h.list(connector);
          assertError(error, ResponseTooLargeError, 'a huge body');
          const e = error as ResponseTooLargeError;
          assert.equal(e.retryable, false, 'it is not retryable');
          assert.equal(e.maxBytes, MAX_BYTES, 'it names the cap the connector was given');
          assert.equal(e.vendor, adapter.vendor, 'it names the vendor');
          assert.equal(h.usersRequests(), 1, 'the huge page was not asked for again');
          h.assertClean(connector, error);
        }),
    },
  ];
}
