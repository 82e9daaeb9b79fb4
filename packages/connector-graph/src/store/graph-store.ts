import type { StateLock, StateLockOptions } from '@org/connector-core';
import type { GraphSnapshot } from '../model/snapshot.js';

/**
 * Where a graph feed keeps its last snapshot, by name: core's `StateStore` contract over graph
 * snapshots. `save` must be atomic (a reader sees the old snapshot or the new one, never a mix);
 * `lock`, when the store has it, gives one writer per name and rejects with `StateLockedError`
 * while another live writer holds it.
 */
export interface GraphStore {
  /** The last saved snapshot under `name`, or `undefined` when there is none. */
  load(name: string): Promise<GraphSnapshot | undefined>;
  /** Replaces the snapshot under `name`, atomically. */
  save(name: string, snapshot: GraphSnapshot): Promise<void>;
  /** Takes the exclusive writer lock on `name`. */
  lock?(name: string, options: StateLockOptions): Promise<StateLock>;
  /** Removes the snapshot under `name`; resolves with what was removed (see core's `deleteConnection`). */
  delete?(name: string): Promise<string[]>;
}
