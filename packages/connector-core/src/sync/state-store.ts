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
/** A writer lock on one connection's snapshot, held until released or until its lease lapses. */
export interface StateLock {
  /** Who holds it: `pid@host` and a random token, unique per holder. */
  readonly owner: string;
  /** Extends the lease by the lock's `ttlMs`; rejects with `StateLockedError` when it was lost. */
  renew(): Promise<void>;
  /** Lets the lock go; calling it twice is harmless. */
  release(): Promise<void>;
}

/** Options of {@link StateStore.lock}. */
export interface StateLockOptions {
  /**
   * How long the lock holds without a `renew()`. A holder that crashed stops renewing, so another
   * writer may take the lock over after this long.
   */
  ttlMs: number;
}

export interface StateStore {
  /** The last saved snapshot of `connection`, or `undefined` when there is none yet. */
  load(connection: string): Promise<Snapshot | undefined>;
  /** Replaces the snapshot of `connection`, atomically. */
  save(connection: string, snapshot: Snapshot): Promise<void>;
  /**
   * Takes the exclusive writer lock on the snapshot of `connection`: one writer per snapshot.
   * Rejects with `StateLockedError` (naming the holder) while another live writer holds it.
   */
  lock?(connection: string, options: StateLockOptions): Promise<StateLock>;
}
