import assert from 'node:assert/strict';
import { createMemoryStateStore, createPoller } from '@org/connector-core';
import type { Vendor } from '../../options.js';
import type { OrderPolicy } from '../../server/order.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { withHarness } from './harness.js';
import { churn } from './mutation.js';

const USERS = 1_000;
/** Users changed (moved to the end of a storage order) between page requests in the poller case. */
const CHANGED = 2;

/**
 * A vendor that does not sort as asked: the connector must find the order pages really come in,
 * still list every user alive for the whole sync (users added and removed between every page
 * request), and never report a removal that did not happen. Each case runs with the sandbox's
 * `order` policy set to `ignored` (the vendor's own default order: Hexnode's newest first,
 * JumpCloud's storage order) and to `reversed`. Vendors whose users list takes no sort (Kandji's
 * cursor) pass as they are.
 */
export function orderCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  return (['ignored', 'reversed'] as const satisfies readonly OrderPolicy[]).flatMap((order) => {
    const what = order === 'ignored' ? 'ignores' : 'reverses';
    return [
      {
        name: `requested order: the vendor ${what} it; with users added and removed between every page request, every user alive for the whole sync is listed, once`,
        run: () =>
          withHarness(adapter, { users: USERS, sandbox: { order } }, async (h) => {
            const { survivors, removed, arm } = await churn(h);
            arm();
            const { accounts, error } = await h.list(h.connect());
            assert.equal(error, undefined, `the listing failed: ${String(error)}`);
            assert.ok(removed.size > 0, 'users were removed mid-listing (it had several pages)');
            const ids = accounts.map((a) => a.id);
            assert.equal(new Set(ids).size, ids.length, 'an account was listed twice');
            const listed = new Set(ids);
            const missing = [...survivors].filter((id) => !listed.has(id));
            assert.deepEqual(
              missing,
              [],
              `${missing.length} users alive throughout were not listed`,
            );
          }),
      },
      {
        name: `requested order: the vendor ${what} it; a poller across users added, removed and changed mid-sync reports no removal that did not happen`,
        run: () =>
          withHarness(adapter, { users: USERS, sandbox: { order } }, async (h) => {
            const { survivors, removed, arm } = await churn(h);
            const poller = createPoller({
              connector: h.connect(),
              store: createMemoryStateStore({ clock: h.clock }),
              intervalMs: 3_600_000,
              clock: h.clock,
              maxRemovals: Number.POSITIVE_INFINITY,
            });
            try {
              const baseline = await h.run(poller.runOnce());
              assert.equal(baseline.total, h.truth().length, 'the baseline has every account');
              arm();
              // Changed users move to the end of a storage order (a vendor ignoring `sort`).
              const removing = h.beforeRequest;
              const changeable = [...survivors];
              h.beforeRequest = (url) => {
                removing?.(url);
                if (!h.isUsers(url.pathname)) return;
                for (const id of changeable.splice(0, CHANGED)) {
                  h.sandbox.control.updateUser(id, { department: 'moved mid-sync' });
                }
              };
              const delta = await h.run(poller.runOnce());
              assert.ok(removed.size > 0, 'users were removed mid-sync (it had several pages)');
              const wrong = delta.removed.map((r) => r.id).filter((id) => survivors.has(id));
              assert.deepEqual(wrong, [], `the poller reported ${wrong.length} live users removed`);
              const unexplained = delta.removed.map((r) => r.id).filter((id) => !removed.has(id));
              assert.deepEqual(unexplained, [], 'the poller reported removals nobody made');
            } finally {
              await poller.stop();
            }
          }),
      },
    ];
  });
}
