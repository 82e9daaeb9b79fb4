import type { Snapshot } from './snapshot.js';

/**
 * Where a poller keeps the last {@link Snapshot} of each connection. Implement it over your own
 * database to share state between processes; the built-in stores are
 * {@link createMemoryStateStore} and {@link createFileStateStore}.
 *
 * `save` must be atomic: a reader (or the next process after a crash) sees either the previous
 * snapshot or the new one, never a mix. Methods reject on failure; the poller then keeps the
 * previous snapshot and retries on its next run.
 */
export interface StateStore {
  /** The last saved snapshot of `connection`, or `undefined` when there is none yet. */
  load(connection: string): Promise<Snapshot | undefined>;
  /** Replaces the snapshot of `connection`, atomically. */
  save(connection: string, snapshot: Snapshot): Promise<void>;
}
