import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { JumpCloudOrgData } from '../src/vendors/jumpcloud/objects.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

describe('memory', () => {
  it('derives 1,000,000 JumpCloud users page by page with flat memory', () => {
    const size = {
      users: 1_000_000,
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
    gc();
    const before = process.memoryUsage().heapUsed;
    let seen = 0;
    let peak = 0;
    let last = '';
    for (let skip = 0; ; skip += 100) {
      const page = data.users.range(skip, 100).map((i) => data.systemuser(i));
      if (page.length === 0) break;
      seen += page.length;
      last = String(page[page.length - 1]?._id);
      if (skip % 100_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    console.log(
      `1M users: heapUsed growth after ${(growth / 1e6).toFixed(2)} MB, peak sampled ${(peak / 1e6).toFixed(2)} MB`,
    );
    expect(seen).toBe(999_999);
    expect(last).toBe(data.userId(999_999));
    expect(growth).toBeLessThan(5_000_000);
    expect(peak).toBeLessThan(5_000_000);
  }, 60_000);
});
