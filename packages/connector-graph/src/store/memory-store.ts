import type { GraphSnapshot } from '../model/snapshot.js';
import type { GraphStore } from './graph-store.js';
import { createMemoryLocks } from './memory-lock.js';

/**
 * A {@link GraphStore} in process memory, with writer locks: for tests and for host apps that
 * only diff while they run.
 */
export function createMemoryGraphStore(options: { now?: () => number } = {}): GraphStore {
  const snapshots = new Map<string, GraphSnapshot>();
  return {
    load: async (name) => snapshots.get(name),
    save: async (name, snapshot) => {
      snapshots.set(name, snapshot);
    },
    delete: async (name) => (snapshots.delete(name) ? [`memory:graph:${name}`] : []),
    lock: createMemoryLocks(options.now),
  };
}
