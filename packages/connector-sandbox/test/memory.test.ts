import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { JumpCloudOrgData } from '../src/vendors/jumpcloud/objects.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Heap still reachable after a full collection: what the derivation keeps, not its garbage. Waits
 * a macrotask first, because a WeakRef keeps its target alive until the job that made it ends.
 */
async function retained(): Promise<number> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  gc(); // a second pass collects what the first one's finalizers released
  return process.memoryUsage().heapUsed;
}

// Memory is measured by what stays reachable after a full collection, never by time, and at a
// scale that takes well under a second even on a loaded machine. `pnpm bench` (the memory
// scenario) streams 1,000,000 JumpCloud users through the sandbox and a connector.
describe('memory', () => {
  it('derives JumpCloud users page by page, keeping at most the last page reachable', async () => {
    const USERS = 5_000;
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
    const derived: WeakRef<object>[] = [];
    let last = '';
    let before = 0;
    for (let skip = 0; ; skip += 100) {
      if (skip === 1_000) before = await retained();
      const page = data.users.range(skip, 100).map((i) => data.systemuser(i));
      if (page.length === 0) break;
      for (const user of page) derived.push(new WeakRef(user));
      last = String(page[page.length - 1]?._id);
    }
    const growth = (await retained()) - before;
    const alive = derived.filter((ref) => ref.deref() !== undefined).length;
    console.log(
      `${derived.length} users derived; alive after a full GC: ${alive}; retained heap growth over the last ${derived.length - 1_000}: ${(growth / 1e3).toFixed(0)} kB`,
    );
    expect(derived).toHaveLength(USERS - 1);
    expect(last).toBe(data.userId(USERS - 1));
    // Counted, not estimated: at most the last page may still be reachable (V8 can hold the last
    // array a loop built); an earlier page kept alive would show here at once.
    expect(alive).toBeLessThanOrEqual(100);
    // Nor anything per user elsewhere (an id cache, say): 25 bytes per user over 4,000 is 100 kB.
    expect(growth).toBeLessThan(100_000);
  });
});
