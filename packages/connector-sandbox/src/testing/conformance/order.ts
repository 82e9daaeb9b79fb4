import type { Vendor } from '../../options.js';
import type { OrderPolicy } from '../../server/order.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { type Harness, withHarness } from './harness.js';
import { assertInjected } from './injection.js';
import { assertListsSurvivors, assertNoFalseRemovals } from './mutation.js';
import { factsOf } from './vendors.js';

const USERS = 1_000;
/**
 * Users changed between page requests: a storage order (JumpCloud's, when a sort is ignored) is
 * id order until a row changes, so without changes an ignored sort would change nothing.
 */
const CHANGED = 2;

/**
 * Fails as "suite could not inject" unless the sandbox's order policy served at least one
 * users-list request in another order than it asked: a connector that asked for no sort, or a
 * policy that happened to serve the order asked, tested nothing.
 */
function assertOrderInjected(h: Harness, order: OrderPolicy, sort: string): void {
  const users = h.sandbox.control.orderReport().filter((r) => h.isUsers(r.path));
  assertInjected([
    {
      kind: `order ${order}`,
      path: h.facts.usersPath.source,
      taken: h.usersRequests(),
      applied: users.reduce((n, r) => n + r.overridden, 0),
      missed: `no users-list request was served in another order than its ${sort} asked`,
    },
  ]);
}

/**
 * A vendor that does not sort as asked: the connector must find the order pages really come in,
 * still list every user alive for the whole sync (users added and removed between every page
 * request, users changed too, which moves them to the end of a storage order), and never report
 * a removal that did not happen. Each case runs with the sandbox's `order` policy set
 * to `ignored` (the vendor's own default order: Hexnode's newest first, JumpCloud's storage order)
 * and to `reversed`, and one that passes fails as "suite could not inject" when no users-list
 * request was served in another order than it asked. Vendors whose users list takes no sort (the facts name no
 * `sort`: Kandji's and Okta's cursors) have no such cases: their mid-sync mutation cases cover
 * the order they are served in.
 */
export function orderCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  const sort = factsOf(adapter.vendor).sort?.param;
  if (sort === undefined) return [];
  return (['ignored', 'reversed'] as const satisfies readonly OrderPolicy[]).flatMap((order) => {
    const what = order === 'ignored' ? 'ignores' : 'reverses';
    const o = { users: USERS, sandbox: { order } };
    // A case that passed while the policy changed nothing tested nothing; one that failed found
    // a fault of the connector's, whatever the policy did.
    const checked = (body: (h: Harness<V>) => Promise<void>) => async (h: Harness<V>) => {
      await body(h);
      assertOrderInjected(h, order, sort);
    };
    return [
      {
        name: `requested order: the vendor ${what} it; with users added, removed and changed between every page request, every user alive for the whole sync is listed, once`,
        run: () =>
          withHarness(
            adapter,
            o,
            checked((h) => assertListsSurvivors(h, { change: CHANGED })),
          ),
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
