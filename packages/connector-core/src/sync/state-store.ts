import { ConfigError } from '../errors/errors.js';
import type { ConnectionStatus } from './connection-status.js';
import type { Snapshot, SyncProgress } from './snapshot.js';

/** A writer lock on one connection's snapshot, held until released or until its lease lapses. */
export interface StateLock {
  /** Who holds it: `pid@host` and a random token, unique per holder. */
  readonly owner: string;
  /**
   * Extends the lease to `ttlMs` from now. Succeeds while the store still records this holder
   * (even when the lease had lapsed but nobody took the lock over); rejects with
   * `StateLockedError` when another writer holds it now, or the lock is gone.
   */
  renew(): Promise<void>;
  /** Lets the lock go when this holder still has it; calling it twice, or after losing it, is harmless. */
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

/**
 * Where a poller keeps the last {@link Snapshot} of each connection. Implement it over your own
 * database to share state between processes; the built-in stores are
 * {@link createMemoryStateStore} and {@link createFileStateStore}.
 *
 * `save` must be atomic: a reader (or the next process after a crash) sees either the previous
 * snapshot or the new one, never a mix. Methods reject on failure; the poller then keeps the
 * previous snapshot and retries on its next run. Failures a person must fix (permissions, a bad
 * path) should reject with `StoreError` naming the path or key.
 */
export interface StateStore {
  /** The last saved snapshot of `connection`, or `undefined` when there is none yet. */
  load(connection: string): Promise<Snapshot | undefined>;
  /** Replaces the snapshot of `connection`, atomically. */
  save(connection: string, snapshot: Snapshot): Promise<void>;
  /**
   * Takes the exclusive writer lock on the snapshot of `connection`: one writer per snapshot.
   *
   * Semantics every implementation must keep (the poller relies on them):
   * - **Exclusive per connection.** While one holder has the lock, every other `lock()` call for the
   *   same `connection`, from this process or any other sharing the store, rejects at once (it
   *   does not wait) with `StateLockedError` whose `holder` names the current owner. Different
   *   connections lock independently. Locking is not re-entrant: a second `lock()` by the same
   *   process is another writer and is refused too.
   * - **A lease.** The lock lapses `ttlMs` after it was taken or last renewed. A lapsed lock may be
   *   taken over by the next `lock()` call; stores that can tell a holder is dead (the file store,
   *   by pid on the same host) may take it over sooner.
   * - **`renew()` checks ownership** atomically with extending the lease: it succeeds only while the
   *   store still records this holder (a lapsed lease nobody took over is extended), and otherwise
   *   rejects with `StateLockedError`. The poller renews periodically and immediately before every
   *   `save`, and never saves after a failed renew.
   * - **`release()`** removes the lock only if this holder still owns it; it never deletes another
   *   holder's lock.
   * - `owner` is unique per `lock()` call (`pid@host#token`), never a secret.
   *
   * It is an advisory lease, not a fencing token: `save` does not check it. A holder paused for
   * longer than `ttlMs` between its last renew and its save can still overwrite a newer writer, so
   * choose `ttlMs` well above a renew round trip. Stores without `lock` get no writer exclusion.
   */
  lock?(connection: string, options: StateLockOptions): Promise<StateLock>;
  /**
   * The store's current generation of data (created on first use). Optional; a store that has it
   * lets the poller tell a connection's first run from one whose baseline the store lost: when
   * `load` finds no snapshot and the epoch says the store's data was `replaced` (a Redis FLUSHALL,
   * a state directory wiped), the run is reported as `baseline-lost`, never as a quiet first run.
   *
   * A store knows it lost its data when it had seen an earlier epoch (this store object did, or
   * another that recorded it in the new epoch), or was told the epoch to expect. Stores stamp
   * each saved snapshot with the epoch it was saved in (`Snapshot.epoch`).
   */
  epoch?(): Promise<StoreEpoch>;
  /**
   * The progress of an interrupted first sync of `connection`, when one was saved. Optional, with
   * `saveProgress`: a store that has both lets a long first sync resume after a crash.
   */
  loadProgress?(connection: string): Promise<SyncProgress | undefined>;
  /** Replaces the progress of `connection`, or deletes it (`undefined`), atomically. */
  saveProgress?(connection: string, progress: SyncProgress | undefined): Promise<void>;
  /** The status of `connection` its pollers last saved. Optional, with `saveStatus`. */
  loadStatus?(connection: string): Promise<ConnectionStatus | undefined>;
  /** Replaces the status of `connection` (written by the poller as runs start, end and fail). */
  saveStatus?(connection: string, status: ConnectionStatus): Promise<void>;
  /**
   * Removes every trace of `connection`: snapshot, progress, status and lock. Resolves with what
   * was removed (paths or keys), for the host to show. Optional; see `deleteConnection`.
   */
  delete?(connection: string): Promise<string[]>;
}

/** A store's generation of data, as {@link StateStore.epoch} reports it. */
export interface StoreEpoch {
  /** Id of the current generation: it changes only when the store's data was lost. */
  id: string;
  /** When the current generation began. */
  since: Date;
  /**
   * The generation this one replaced, when the store is known to have lost its data: every
   * snapshot saved before `since` is gone. `undefined` for a store that never lost any.
   */
  replaced?: string | undefined;
}

/** Validates {@link StateLockOptions} for a store implementation. */
export function checkLockOptions(options: StateLockOptions): StateLockOptions {
  if (!(Number.isFinite(options?.ttlMs) && options.ttlMs > 0)) {
    throw new ConfigError('A state lock needs a positive, finite ttlMs');
  }
  return options;
}
