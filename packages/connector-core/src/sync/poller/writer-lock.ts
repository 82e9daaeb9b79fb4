import type { Clock } from '../../clock/clock.js';
import { StateLockedError } from '../../errors/errors.js';
import { raceAbort } from '../../internal/abort.js';
import type { StoreCall } from '../../internal/store-call.js';
import type { StateLock, StateStore } from '../state-store.js';

/** The poller's hold on the store's writer lock of one connection's snapshot. */
export interface WriterLock {
  /** The lock while held. */
  readonly current: StateLock | undefined;
  /** Takes the lock when the store has one and it is not held yet; renews it every third of its lease. */
  ensure(): Promise<StateLock | undefined>;
  /** Lets the lock go (a failed release is left to the lease). */
  release(): Promise<void>;
  /**
   * Renews the lock right before a save, so nothing is saved after losing it. Rejects with the
   * renewal's error, or `StateLockedError` when the lock was already lost during the run.
   */
  confirm(signal: AbortSignal): Promise<void>;
}

/** Options of {@link createWriterLock}. */
export interface WriterLockOptions {
  store: StateStore;
  connection: string;
  clock: Clock;
  ttlMs: number;
  storeCall: StoreCall;
  /** Aborted when the poller stops: renewals end. */
  lifetime: AbortSignal;
  /** Whether the poller has stopped: a lock taken meanwhile is let go at once. */
  stopped: () => boolean;
  /** The error a lock taken after the poller stopped rejects with. */
  stoppedError: () => Error;
  /** Told when a renewal failed and the lock is no longer held. */
  onLost: (error: unknown) => void;
}

/**
 * Holds the writer lock of one connection for a poller: taken once (concurrent callers share the
 * attempt), renewed every third of `ttlMs` while held, renewed again before every save, let go
 * when the poller stops. No renewal timer outlives the lock.
 */
export function createWriterLock(o: WriterLockOptions): WriterLock {
  const { store, connection, clock, ttlMs, storeCall } = o;
  let lock: StateLock | undefined;
  let locking: Promise<StateLock | undefined> | undefined;
  let renewing: AbortController | undefined;

  /** Keeps the lease alive while `current` is the lock; `until` ends it on release. */
  async function renewWhileHeld(current: StateLock, until: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([o.lifetime, until]);
    while (lock === current) {
      try {
        await clock.sleep(Math.max(1, Math.floor(ttlMs / 3)), signal);
      } catch {
        return; // released, or stopping (which releases it)
      }
      if (lock !== current) return;
      try {
        await storeCall(() => current.renew(), 'renew the lock on the snapshot');
      } catch (error) {
        if (lock !== current) return;
        lock = undefined;
        o.onLost(error);
        void current.release().catch(() => undefined);
        return;
      }
    }
  }

  return {
    get current() {
      return lock;
    },
    async ensure() {
      if (lock || !store.lock) return lock;
      locking ??= storeCall(
        () => (store.lock as NonNullable<StateStore['lock']>)(connection, { ttlMs }),
        'lock the snapshot',
      )
        .then((taken) => {
          if (o.stopped()) {
            void taken.release().catch(() => undefined);
            throw o.stoppedError();
          }
          lock = taken;
          renewing = new AbortController();
          void renewWhileHeld(taken, renewing.signal);
          return taken;
        })
        .finally(() => {
          locking = undefined;
        });
      return locking;
    },
    async release() {
      const current = lock;
      lock = undefined;
      renewing?.abort(); // no renewal timer outlives the lock (it would keep the process alive)
      if (!current) return;
      try {
        await storeCall(() => current.release(), 'release the lock on the snapshot');
      } catch {
        // The lease lapses by itself.
      }
    },
    async confirm(signal) {
      const current = lock;
      if (current) {
        try {
          await raceAbort(
            storeCall(() => current.renew(), 'renew the lock on the snapshot'),
            signal,
          );
        } catch (error) {
          if (lock === current && !signal.aborted) {
            lock = undefined;
            o.onLost(error);
          }
          throw error;
        }
      } else if (store.lock && !signal.aborted) {
        // Lost while the run read accounts (a renewal failed): retried, and the lock taken again.
        throw new StateLockedError(`The poller of ${connection} lost its lock on the snapshot`);
      }
    },
  };
}
