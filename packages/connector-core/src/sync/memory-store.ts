import type { Snapshot } from './snapshot.js';
import type { StateStore } from './state-store.js';

/**
 * A {@link StateStore} in process memory: for tests, and for host apps that poll only while they
 * run (state is lost on exit, so the next process starts with a new baseline).
 */
export function createMemoryStateStore(): StateStore {
  const snapshots = new Map<string, Snapshot>();
  return {
    async load(connection) {
      return snapshots.get(connection);
    },
    async save(connection, snapshot) {
      snapshots.set(connection, snapshot);
    },
  };
}
