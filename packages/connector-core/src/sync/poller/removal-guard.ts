import { ConfigError, RemovalGuardError } from '../../errors/errors.js';
import type { ChangeSet } from '../change-set.js';
import type { PollerEvent } from '../events.js';
import type { Snapshot } from '../snapshot.js';

/** A delta the removal guard held back, waiting for {@link Poller.confirmRemovals}. */
export interface HeldRemovals {
  /** The delta as it will be reported once confirmed. */
  changeSet: ChangeSet;
  /** Accounts it removes. */
  removals: number;
  /** The guard it exceeded. */
  maxRemovals: number;
}

/** A held delta with what committing it needs: its snapshot and the one it was compared with. */
export interface PendingRemovals extends HeldRemovals {
  snapshot: Snapshot;
  /** `takenAt` of the snapshot the delta was compared with. */
  against: number | undefined;
}

/** The accidental-delete guard of one poller. */
export interface RemovalGuard {
  /** What is held, as the poller shows it. */
  readonly held: HeldRemovals | undefined;
  /**
   * Holds `changeSet` when it removes more than the guard allows: sends `removals-held` and
   * throws `RemovalGuardError`. Passes anything else.
   */
  check(changeSet: ChangeSet, snapshot: Snapshot, previous: Snapshot): void;
  /** The held delta, or a `ConfigError` when nothing is held. */
  pending(): PendingRemovals;
  /** Throws `ConfigError` when the stored snapshot moved on since `pending` was held. */
  checkCurrent(pending: PendingRemovals, current: Snapshot | undefined): void;
  /** Drops what is held (it was committed, replaced, or the poller stopped). */
  clear(pending?: PendingRemovals): void;
}

/** The guard for a previous snapshot of `previousTotal` accounts: 10 %, at least 25, unless set. */
export function maxRemovalsFor(option: number | undefined, previousTotal: number): number {
  return option ?? Math.max(25, Math.ceil(previousTotal * 0.1));
}

/** Creates the {@link RemovalGuard} of one poller. */
export function createRemovalGuard(o: {
  connection: string;
  vendor: string;
  maxRemovals: number | undefined;
  emit: (event: PollerEvent) => void;
}): RemovalGuard {
  const { connection } = o;
  let held: PendingRemovals | undefined;
  return {
    get held() {
      return (
        held && {
          changeSet: held.changeSet,
          removals: held.removals,
          maxRemovals: held.maxRemovals,
        }
      );
    },
    check(changeSet, snapshot, previous) {
      const maxRemovals = maxRemovalsFor(o.maxRemovals, previous.accounts.size);
      const removals = changeSet.removed.length;
      if (removals <= maxRemovals) return;
      const { run } = changeSet;
      held = { changeSet, removals, maxRemovals, snapshot, against: previous.takenAt.getTime() };
      o.emit({ type: 'removals-held', connection, run, removals, maxRemovals, changeSet });
      throw new RemovalGuardError(
        `Run ${run} of ${connection} would remove ${removals} of ${previous.accounts.size} accounts, more than the guard of ${maxRemovals}; nothing was saved. Confirm with poller.confirmRemovals(), or a later run under the guard commits as usual`,
        { vendor: o.vendor, removals, maxRemovals },
      );
    },
    pending() {
      if (!held) throw new ConfigError(`The poller of ${connection} holds no removals to confirm`);
      return held;
    },
    checkCurrent(pending, current) {
      if (current?.takenAt.getTime() !== pending.against) {
        throw new ConfigError(
          `The snapshot of ${connection} changed since run ${pending.changeSet.run} was held; run again instead of confirming it`,
          { vendor: o.vendor },
        );
      }
    },
    clear(pending) {
      if (pending === undefined || held === pending) held = undefined;
    },
  };
}
