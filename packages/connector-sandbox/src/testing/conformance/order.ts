import type { Vendor } from '../../options.js';
import type { OrderPolicy } from '../../server/order.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { type Harness, withHarness } from './harness.js';
import { assertInjected } from './injection.js';
import { assertListsSurvivors, assertNoFalseRemovals } from './mutation.js';
import { factsOf } from './vendors.js';

const USERS = 1_000;
/** Users changed (moved to the end of a storage order) between page requests in the poller case. */
const CHANGED = 2;

/**
 * Fails as "suite could not inject" unless the sandbox's order policy changed the order of at
 * least one users-list request: a connector that asked for no sort was served as it asked, and
 * the case tested nothing.
 */
function assertOrderInjected(h: Harness, order: OrderPolicy, sort: string, cause: unknown): void {
  const users = h.sandbox.control.orderReport().filter((r) => h.isUsers(r.path));
  assertInjected(
    [
      {
        kind: `order ${order}`,
        path: h.facts.usersPath.source,
        taken: h.usersRequests(),
        applied: users.reduce((n, r) => n + r.overridden, 0),
        missed: `no users-list request asked for a sort (${sort})`,
      },
    ],
    cause,
  );
}

/**
 * A vendor that does not sort as asked: the connector must find the order pages really come in,
 * still list every user alive for the whole sync (users added and removed between every page
 * request), and never report a removal that did not happen (users changed mid-sync too, which
 * moves them to the end of a storage order). Each case runs with the sandbox's `order` policy set
 * to `ignored` (the vendor's own default order: Hexnode's newest first, JumpCloud's storage order)
 * and to `reversed`, and fails as "suite could not inject" when no users-list request asked for
 * a sort the policy could change. Vendors whose users list takes no sort (the facts name no
 * `sort`: Kandji's and Okta's cursors) have no such cases: their mid-sync mutation cases cover
 * the order they are served in.
 */
export function orderCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  const sort = factsOf(adapter.vendor).sort?.param;
  if (sort === undefined) return [];
  return (['ignored', 'reversed'] as const satisfies readonly OrderPolicy[]).flatMap((order) => {
    const what = order === 'ignored' ? 'ignores' : 'reverses';
    const o = { users: USERS, sandbox: { order } };
    // Whatever the body concluded, a case whose policy changed nothing tested nothing.
    const checked = (body: (h: Harness<V>) => Promise<void>) => async (h: Harness<V>) => {
      let failure: { error: unknown } | undefined;
      try {
        await body(h);
      } catch (error) {
        failure = { error };
      }
      assertOrderInjected(h, order, sort, failure?.error);
      if (failure) throw failure.error;
    };
    return [
      {
        name: `requested order: the vendor ${what} it; with users added and removed between every page request, every user alive for the whole sync is listed, once`,
        run: () => withHarness(adapter, o, checked(assertListsSurvivors)),
      },
      {
        name: `requested order: the vendor ${what} it; a poller across users added, removed and changed mid-sync reports no removal that did not happen`,
        run: () =>
          withHarness(
            adapter,
            o,
            checked((h) => assertNoFalseRemovals(h, { change: CHANGED })),
          ),
      },
    ];
  });
}
