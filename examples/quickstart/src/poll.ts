// One poll per connection with core's poller, starting from the first sync as its baseline, so
// the run reports what changed since then rather than a new baseline.
import { type ChangeSet, createMemoryStateStore, createPoller } from '@org/connector-core';
import type { SyncedConnection } from './sync.ts';

/** Runs one poll of `c` against the snapshot of its first sync. */
export async function pollOnce(c: SyncedConnection): Promise<ChangeSet> {
  const store = createMemoryStateStore();
  await store.save(c.connector.name, c.baseline);
  const poller = createPoller({
    connector: c.connector,
    store,
    intervalMs: 15 * 60_000,
    // One run on demand: no schedule whose budget would need checking.
    budgetPolicy: 'ignore',
  });
  try {
    return await poller.runOnce();
  } finally {
    await poller.stop();
  }
}
