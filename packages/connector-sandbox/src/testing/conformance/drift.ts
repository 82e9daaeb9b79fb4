import assert from 'node:assert/strict';
import {
  createMemoryStateStore,
  createPoller,
  SchemaDriftError,
  ValidationError,
} from '@org/connector-core';
import type { FaultSpec } from '../../control/faults.js';
import type { Vendor } from '../../options.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { assertError, withHarness } from './harness.js';
import { factsOf, renamedEmail } from './vendors.js';

/** Every user's email renamed, where the vendor keeps it (`email`, `profile.email`). */
const renamed = (email: string): Omit<FaultSpec, 'path'> => ({
  kind: 'drift',
  times: 1_000,
  drift: { rename: [email, renamedEmail(email)] },
});

/** Where a validation error says the bad item is. */
function itemPathOf(error: ValidationError): string | undefined {
  if (error instanceof SchemaDriftError) return error.itemPath;
  return error.path;
}

/** Schema drift: a renamed `email` fails loudly, never as zero accounts or mass removals. */
export function driftCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  const RENAMED = renamed(factsOf(adapter.vendor).email);
  return [
    {
      name: 'schema drift: users whose email was renamed fail the listing with a typed error naming vendor, field and item path',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          h.fault(RENAMED);
          const { accounts, error } = await h.list(connector);
          assertError(error, ValidationError, 'a listing of drifted users');
          const e = error as ValidationError;
          assert.equal(accounts.length, 0, 'no account was mapped from a drifted user');
          assert.equal(e.vendor, adapter.vendor, 'the error names the vendor');
          const fields = [
            e instanceof SchemaDriftError ? e.field : '',
            e.path ?? '',
            ...e.issues.map((i) => i.path),
            e.message,
          ].join(' ');
          assert.match(fields, /email/, 'the error names the field');
          assert.match(itemPathOf(e) ?? '', /\[\d+\]/, 'the error names the item path');
          h.assertClean(connector, error);
        }),
    },
    {
      name: 'schema drift: a poller fails the drifted run, commits nothing and reports no removal',
      run: () =>
        withHarness(adapter, {}, async (h) => {
          const connector = h.connect();
          const removed: string[] = [];
          const poller = createPoller({
            connector,
            store: createMemoryStateStore({ clock: h.clock }),
            intervalMs: 3_600_000,
            clock: h.clock,
            maxRemovals: Number.POSITIVE_INFINITY,
            onEvent: (e) => {
              if (e.type === 'removed') removed.push(e.change.id);
            },
          });
          try {
            const baseline = await h.run(poller.runOnce());
            assert.equal(baseline.total, h.truth().length, 'the baseline has every account');
            h.fault(RENAMED);
            const error = await h.run(poller.runOnce()).then(
              () => undefined,
              (e: unknown) => e,
            );
            assertError(error, ValidationError, 'a poll of drifted users');
            h.sandbox.control.clearFaults();
            const after = await h.run(poller.runOnce());
            assert.deepEqual(removed, [], 'no removal was reported');
            assert.equal(after.removed.length, 0, 'the next run removes nothing');
            assert.equal(after.added.length, 0, 'the next run re-adds nothing');
            assert.equal(after.total, baseline.total, 'the snapshot kept every account');
          } finally {
            await poller.stop();
          }
        }),
    },
  ];
}
