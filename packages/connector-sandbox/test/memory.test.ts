import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { JumpCloudOrgData } from '../src/vendors/jumpcloud/objects.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Heap still reachable after a full collection: what the derivation keeps, not its garbage. */
function retained(): number {
  gc();
  gc(); // a second pass collects what the first one's finalizers released
  return process.memoryUsage().heapUsed;
}

// Memory is measured by what stays reachable after a full collection at fixed points of the
// listing, never by time, so a busy machine changes nothing. `pnpm bench` streams 1,000,000 users.
describe('memory', () => {
  it('derives JumpCloud users page by page without keeping them: flat retained heap from 2,000 to 20,000 users', () => {
    const USERS = 20_000;
    const size = {
      users: USERS,
      groups: 12,
      devices: 0,
      policies: 0,
      apps: 0,
      admins: 0,
      events: 0,
      orgs: 1,
    };
    const data = new JumpCloudOrgData(1, 0, size, true);
    // Mutations mid-way exercise the overlay too.
    data.users.remove(10);
    data.users.patch(20, { email: 'x@example.test' });
    let seen = 0;
    let last = '';
    const checkpoints = new Map<number, number>();
    for (let skip = 0; ; skip += 100) {
      if (skip === 2_000 || skip === 10_000 || skip === 18_000) checkpoints.set(skip, retained());
      const page = data.users.range(skip, 100).map((i) => data.systemuser(i));
      if (page.length === 0) break;
      seen += page.length;
      last = String(page[page.length - 1]?._id);
    }
    checkpoints.set(seen, retained());
    const first = checkpoints.get(2_000) ?? 0;
    const growth = [...checkpoints.values()].map((heap) => heap - first);
    console.log(
      `retained heap growth at ${[...checkpoints.keys()].join(' / ')} users: ${growth.map((g) => `${(g / 1e3).toFixed(0)} kB`).join(' / ')}`,
    );
    expect(seen).toBe(USERS - 1);
    expect(last).toBe(data.userId(USERS - 1));
    // Keeping even 30 bytes per derived user would retain over 500 kB across these 18,000.
    for (const g of growth) expect(g).toBeLessThan(500_000);
  }, 9_000);
});
