import type { ConnectorError, UserAction } from '../errors/connector-error.js';
import type { InvalidItem } from '../model/connector.js';
import type { UnprovenListing } from '../paginate/continuity.js';
import type { BudgetAssessment } from './budget.js';
import type { ChangeSet } from './change-set.js';
import type { AddedAccount, ChangedAccount, RemovedAccount } from './diff.js';

/** Why a poller stopped. */
export type StopReason = 'stopped' | 'aborted' | 'needs-user-action';

/** How a poller ended, as {@link PollerStoppedEvent} and `Poller.stopped` report it. */
export interface PollerStop {
  /** `stopped` by `stop()`, `aborted` by the signal, or `needs-user-action` after such a failure. */
  reason: StopReason;
  /** The failure that stopped it, when `needs-user-action`. */
  error?: ConnectorError | undefined;
  /** What a person must do, when `needs-user-action`. */
  userAction?: UserAction | undefined;
}

/** Fields every poller event carries. */
interface EventBase {
  /** Connection polled. */
  connection: string;
}

/** A run began. */
export interface RunStartedEvent extends EventBase {
  /** Discriminant. */
  type: 'run-started';
  /** Number of the run within this poller. */
  run: number;
  /** When it started. */
  at: Date;
}

/** Progress of a run: accounts read so far. Sent every `progressEvery` accounts and at the end. */
export interface ProgressEvent extends EventBase {
  /** Discriminant. */
  type: 'progress';
  /** Number of the run. */
  run: number;
  /** Whether the run is the connection's baseline. */
  baseline: boolean;
  /** Accounts read so far. */
  seen: number;
  /** Requests the listing still needs, when it says (Hexnode's does). */
  remainingRequests?: number | undefined;
  /**
   * How long those requests should take at the rate the connector's budget allows now (its
   * tightest window, counting what is left in it), when both are known: a first sync's ETA.
   */
  etaMs?: number | undefined;
}

/** The first run completed: the baseline holds `total` accounts. Nothing is reported as added. */
export interface BaselineEvent extends EventBase {
  /** Discriminant. */
  type: 'baseline';
  /** Number of the run. */
  run: number;
  /** Accounts recorded. */
  total: number;
}

/**
 * The run found no snapshot where the store had one: the store lost its data (its epoch was
 * replaced: a Redis FLUSHALL, a wiped state directory). Sent when the run finds it out, before it
 * reads accounts; the run then completes as a `baseline-lost` change set. Changes between the
 * connection's last run and this one were never reported: alert on it.
 */
export interface BaselineLostEvent extends EventBase {
  /** Discriminant. */
  type: 'baseline-lost';
  /** Number of the run. */
  run: number;
  /** The store's current epoch. */
  epoch: string;
  /** The epoch whose snapshots were lost. */
  replaced: string;
  /** When the current epoch began: the loss happened before it. */
  since: Date;
}

/**
 * A first sync goes on where an interrupted one stopped (its progress was kept in the store):
 * the accounts it had read are kept and its listing resumes, without reading those pages again.
 */
export interface ResumedEvent extends EventBase {
  /** Discriminant. */
  type: 'resumed';
  /** Number of the run. */
  run: number;
  /** Accounts the interrupted sync had read. */
  seen: number;
  /** When the interrupted sync started: the new snapshot's `takenAt`. */
  startedAt: Date;
}

/** An account appeared (sent after the run's snapshot was saved). */
export interface AddedEvent extends EventBase {
  /** Discriminant. */
  type: 'added';
  /** Number of the run. */
  run: number;
  /** The account. */
  change: AddedAccount;
}

/** An account changed (sent after the run's snapshot was saved). */
export interface ChangedEvent extends EventBase {
  /** Discriminant. */
  type: 'changed';
  /** Number of the run. */
  run: number;
  /** The account and the fields that changed. */
  change: ChangedAccount;
}

/** An account disappeared (sent after the run's snapshot was saved). */
export interface RemovedEvent extends EventBase {
  /** Discriminant. */
  type: 'removed';
  /** Number of the run. */
  run: number;
  /** The account as it was. */
  change: RemovedAccount;
}

/** A run completed and its snapshot was saved. */
export interface RunCompletedEvent extends EventBase {
  /** Discriminant. */
  type: 'run-completed';
  /** Number of the run. */
  run: number;
  /** Everything the run found. */
  changeSet: ChangeSet;
}

/** A run failed: nothing was saved and no change was reported. */
export interface RunFailedEvent extends EventBase {
  /** Discriminant. */
  type: 'run-failed';
  /** Number of the run. */
  run: number;
  /** The failure. Connector errors carry no secrets. */
  error: unknown;
  /** Runs failed in a row, this one included. */
  consecutiveFailures: number;
  /** What a person must do before a run can succeed; when set, the poller stops. */
  userAction: UserAction | undefined;
}

/** When the next run will happen, and why then. */
export interface ScheduledEvent extends EventBase {
  /** Discriminant. */
  type: 'scheduled';
  /** When the next run starts. */
  nextRunAt: Date;
  /** `interval` as planned, `retry` after a failure (backoff), `budget` deferred until the rate budget resets. */
  reason: 'interval' | 'retry' | 'budget';
}

/** The interval uses most (or, with `budgetPolicy: 'warn'`, more) of the connection's rate budget. */
export interface BudgetWarningEvent extends EventBase {
  /** Discriminant. */
  type: 'budget-warning';
  /** Human-readable explanation. */
  message: string;
  /** The numbers behind it. */
  assessment: BudgetAssessment;
}

/** The poller stopped; no run will start again. */
export interface PollerStoppedEvent extends EventBase, PollerStop {
  /** Discriminant. */
  type: 'stopped';
}

/**
 * The connector listed an item it could not map (a missing or malformed field) and left it out.
 * Sent once per item, during the run. When such items were in the previous snapshot the run then
 * fails with `SchemaDriftError`.
 */
export interface ItemSkippedEvent extends EventBase {
  /** Discriminant. */
  type: 'item-skipped';
  /** Number of the run. */
  run: number;
  /** What could not be mapped, and where. */
  item: InvalidItem;
}

/**
 * A run would remove more accounts than `maxRemovals` allows: it was not committed. Followed by
 * `run-failed` (`userAction: 'confirm_removals'`). The delta is held until
 * `poller.confirmRemovals()` commits it, or a later run under the guard replaces it.
 */
export interface RemovalsHeldEvent extends EventBase {
  /** Discriminant. */
  type: 'removals-held';
  /** Number of the run. */
  run: number;
  /** Accounts the delta would remove. */
  removals: number;
  /** The guard that applied. */
  maxRemovals: number;
  /** The held delta, as it would be reported once confirmed. */
  changeSet: ChangeSet;
}

/**
 * A run's listing read every account it saw but could not prove it missed none (the vendor's
 * pages came in no order by id, or a newest-first list shrank while it was read): the run reports
 * no removal, and keeps the accounts it did not see in the snapshot. Sent before the run commits;
 * its change set carries `withheldRemovals`.
 */
export interface RemovalsWithheldEvent extends EventBase {
  /** Discriminant. */
  type: 'removals-withheld';
  /** Number of the run. */
  run: number;
  /** Accounts the run did not see and did not report as removed (may be 0). */
  removals: number;
  /** Why, in words: each unproven listing's vendor, endpoint and reason. */
  reason: string;
  /** The listings that could not prove they missed nothing. */
  listings: UnprovenListing[];
}

/**
 * The poller could not renew its writer lock on the snapshot (another writer took it over, or the
 * store failed). Nothing is saved without the lock; the next run tries to take it again.
 */
export interface LockLostEvent extends EventBase {
  /** Discriminant. */
  type: 'lock-lost';
  /** Why: a `StateLockedError` naming the new holder, or a store failure. */
  error: unknown;
}

/** Everything a poller reports through `onEvent`. */
export type PollerEvent =
  | RunStartedEvent
  | ProgressEvent
  | BaselineEvent
  | BaselineLostEvent
  | ResumedEvent
  | AddedEvent
  | ChangedEvent
  | RemovedEvent
  | RunCompletedEvent
  | RunFailedEvent
  | ScheduledEvent
  | BudgetWarningEvent
  | ItemSkippedEvent
  | RemovalsHeldEvent
  | RemovalsWithheldEvent
  | LockLostEvent
  | PollerStoppedEvent;
