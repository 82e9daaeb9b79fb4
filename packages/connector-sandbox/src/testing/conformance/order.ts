import type { Vendor } from '../../options.js';
import type { OrderPolicy } from '../../server/order.js';
import type { ConformanceAdapter } from './adapter.js';
import type { ConformanceCase } from './case.js';
import { withHarness } from './harness.js';
import { assertListsSurvivors, assertNoFalseRemovals } from './mutation.js';

const USERS = 1_000;
/** Users changed (moved to the end of a storage order) between page requests in the poller case. */
const CHANGED = 2;

/**
 * A vendor that does not sort as asked: the connector must find the order pages really come in,
 * still list every user alive for the whole sync (users added and removed between every page
 * request), and never report a removal that did not happen (users changed mid-sync too, which
 * moves them to the end of a storage order). Each case runs with the sandbox's `order` policy set
 * to `ignored` (the vendor's own default order: Hexnode's newest first, JumpCloud's storage order)
 * and to `reversed`. Vendors whose users list takes no sort (Kandji's cursor) pass as they are.
 */
export function orderCases<V extends Vendor>(adapter: ConformanceAdapter<V>): ConformanceCase[] {
  return (['ignored', 'reversed'] as const satisfies readonly OrderPolicy[]).flatMap((order) => {
    const what = order === 'ignored' ? 'ignores' : 'reverses';
    const o = { users: USERS, sandbox: { order } };
    return [
      {
        name: `requested order: the vendor ${what} it; with users added and removed between every page request, every user alive for the whole sync is listed, once`,
        run: () => withHarness(adapter, o, assertListsSurvivors),
      },
      {
        name: `requested order: the vendor ${what} it; a poller across users added, removed and changed mid-sync reports no removal that did not happen`,
        run: () => withHarness(adapter, o, (h) => assertNoFalseRemovals(h, { change: CHANGED })),
      },
    ];
  });
}
