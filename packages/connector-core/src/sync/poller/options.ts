import { type Clock, MAX_TIMER_MS, systemClock } from '../../clock/clock.js';
import { ConfigError } from '../../errors/errors.js';
import type { Connector } from '../../model/connector.js';
import type { ChangeSet } from '../change-set.js';
import type { PollerEvent } from '../events.js';
import type { RawSelector } from '../fingerprint.js';
import type { BackoffOptions } from '../schedule.js';
import type { StateStore } from '../state-store.js';

/** Options of {@link createPoller}. */
export interface PollerOptions {
  /** The connection to poll. */
  connector: Connector;
  /** Where the snapshot between runs is kept. */
  store: StateStore;
  /** Time from the start of one run to the start of the next. Runs never overlap. */
  intervalMs: number;
  /** Adds up to `jitter × intervalMs` to each wait, from 0 to 1 (default 0.1). */
  jitter?: number | undefined;
  /** Key of the snapshot in the store (default: `connector.name`). */
  connection?: string | undefined;
  /** Time source and sleeps (default: the system clock). Tests pass a manual clock. */
  clock?: Clock | undefined;
  /** Random numbers in [0, 1) for jitter (default `Math.random`). */
  random?: (() => number) | undefined;
  /** Stops the poller when aborted, inside a run (which then saves nothing) or between runs. */
  signal?: AbortSignal | undefined;
  /**
   * Receives every {@link PollerEvent}. Called synchronously; an exception it throws does not
   * affect the poller and is re-thrown asynchronously (as an uncaught exception), like a throwing
   * `EventTarget` listener.
   */
  onEvent?: ((event: PollerEvent) => void) | undefined;
  /** Send a `progress` event every this many accounts (default 1000). */
  progressEvery?: number | undefined;
  /** Delays after failed runs (default: from the interval, doubling, up to 8 × the interval). */
  backoff?: BackoffOptions | undefined;
  /**
   * What happens when the connector's rate budget cannot sustain the interval (needs
   * `connector.estimateSyncCost()` and `connector.budget()`; checked by `start()` and again after
   * every scheduled run, as connectors learn their limits and cost from a run): `refuse` (default)
   * rejects `start()`, or stops the poller (`needs-user-action`, `fix_config`), with a
   * `ConfigError` naming the shortest sustainable interval; `warn` sends a `budget-warning` event
   * and polls anyway; `ignore` skips the check.
   */
  budgetPolicy?: 'refuse' | 'warn' | 'ignore' | undefined;
  /** Send a `budget-warning` when polling would use more than this share of a window (default 0.8). */
  budgetWarnAt?: number | undefined;
  /**
   * When `start()` runs first: `resume` (default) continues the schedule of the stored snapshot
   * (its `takenAt` plus the interval, or at once when that has passed); `now` runs at once.
   */
  firstRun?: 'resume' | 'now' | undefined;
  /** Which part of each account's `raw` counts as a change (default: all of it). */
  selectRaw?: RawSelector | undefined;
  /**
   * Awaited with each completed run's change set before its snapshot is saved. Throwing fails the
   * run (nothing saved, nothing reported, retried later), so writing changes to a database here
   * gives at-least-once delivery across crashes.
   */
  beforeCommit?:
    | ((changeSet: ChangeSet, context: { signal: AbortSignal }) => Promise<void> | void)
    | undefined;
  /**
   * The accidental-delete guard: a delta removing more accounts than this is not committed. The
   * poller sends `removals-held`, fails the run with `RemovalGuardError`
   * (`userAction: 'confirm_removals'`) and holds the delta until {@link Poller.confirmRemovals}
   * or a later run under the guard. Default: 10 % of the previous snapshot, at least 25.
   * `Infinity` turns the guard off.
   */
  maxRemovals?: number | undefined;
  /**
   * Lease of the writer lock on the snapshot, when the store has `lock` (default 60 s). The poller
   * holds the lock from `start()` until it stops (or, without `start()`, for each `runOnce()`),
   * renews it every third of this, and once more just before each save.
   */
  lockTtlMs?: number | undefined;
  /**
   * Longest a single store call (load, save, lock) may take before the run fails with a
   * `StoreError` (default 120 s): a store that never answers must not hang the poller.
   */
  storeTimeoutMs?: number | undefined;
  /**
   * Change sets each `changes()` iterator holds unread (default 16). An iterator that falls
   * further behind is cut off: it yields what it holds, then throws `ChangeFeedOverflowError`.
   */
  maxBufferedChangeSets?: number | undefined;
  /**
   * While a first sync reads, how often its progress is saved to the store (default 30 s; `0`
   * after every page, `Infinity` never), when the store keeps progress (`saveProgress`) and the
   * connector's listing can resume (Hexnode's). After a crash the next first sync goes on from
   * there (`resumed` event) instead of spending the same requests again.
   */
  checkpointEveryMs?: number | undefined;
}

/** {@link PollerOptions} with every default applied, checked. */
export interface ResolvedPollerOptions {
  connection: string;
  jitter: number;
  clock: Clock;
  random: () => number;
  progressEvery: number;
  budgetPolicy: 'refuse' | 'warn' | 'ignore';
  budgetWarnAt: number;
  lockTtlMs: number;
  storeTimeoutMs: number;
  maxBuffered: number;
  checkpointEveryMs: number;
  backoff: { initialMs: number; maxMs: number };
}

/**
 * Applies the defaults of {@link PollerOptions} and checks them.
 *
 * @throws ConfigError naming the first option that makes no sense.
 */
export function resolvePollerOptions(options: PollerOptions): ResolvedPollerOptions {
  const { connector, intervalMs } = options;
  const resolved: ResolvedPollerOptions = {
    connection: options.connection ?? connector.name,
    jitter: options.jitter ?? 0.1,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    progressEvery: options.progressEvery ?? 1000,
    budgetPolicy: options.budgetPolicy ?? 'refuse',
    budgetWarnAt: options.budgetWarnAt ?? 0.8,
    lockTtlMs: options.lockTtlMs ?? 60_000,
    storeTimeoutMs: options.storeTimeoutMs ?? 120_000,
    maxBuffered: options.maxBufferedChangeSets ?? 16,
    checkpointEveryMs: options.checkpointEveryMs ?? 30_000,
    backoff: {
      initialMs: options.backoff?.initialMs ?? intervalMs,
      maxMs: options.backoff?.maxMs ?? intervalMs * 8,
    },
  };
  const { jitter, progressEvery, backoff, connection, maxBuffered } = resolved;
  if (!(Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw new ConfigError('createPoller: intervalMs must be a positive number of milliseconds');
  }
  if (!(jitter >= 0 && jitter <= 1))
    throw new ConfigError('createPoller: jitter must be between 0 and 1');
  if (!(Number.isInteger(progressEvery) && progressEvery > 0)) {
    throw new ConfigError('createPoller: progressEvery must be a positive integer');
  }
  if (!(backoff.initialMs > 0 && backoff.maxMs >= backoff.initialMs)) {
    throw new ConfigError('createPoller: backoff needs 0 < initialMs <= maxMs');
  }
  if (typeof connection !== 'string' || connection.length === 0) {
    throw new ConfigError('createPoller: the connection needs a name');
  }
  if (options.maxRemovals !== undefined && !(options.maxRemovals >= 0)) {
    throw new ConfigError('createPoller: maxRemovals must be a number of accounts, 0 or more');
  }
  for (const [name, value] of [
    ['lockTtlMs', resolved.lockTtlMs],
    ['storeTimeoutMs', resolved.storeTimeoutMs],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0 && value <= MAX_TIMER_MS)) {
      throw new ConfigError(`createPoller: ${name} must be between 1 and ${MAX_TIMER_MS} ms`);
    }
  }
  if (!(resolved.checkpointEveryMs >= 0)) {
    throw new ConfigError('createPoller: checkpointEveryMs must be 0 or more milliseconds');
  }
  if (!(Number.isInteger(maxBuffered) && maxBuffered > 0)) {
    throw new ConfigError('createPoller: maxBufferedChangeSets must be a positive integer');
  }
  return resolved;
}
