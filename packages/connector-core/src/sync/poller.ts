import type { ConnectorError } from '../errors/connector-error.js';
import { AbortError, type ConfigError } from '../errors/errors.js';
import { raceAbort, throwIfAborted } from '../internal/abort.js';
import { createStoreCall } from '../internal/store-call.js';
import type { BudgetAssessment } from './budget.js';
import { createChangeFeed } from './change-feed.js';
import type { ChangeSet } from './change-set.js';
import type { ConnectionStatus } from './connection-status.js';
import type { PollerEvent, PollerStop } from './events.js';
import { createBudgetCheck } from './poller/budget-check.js';
import { createCheckpoints } from './poller/checkpoints.js';
import { collectAccounts } from './poller/collect.js';
import { findLostBaseline } from './poller/lost-baseline.js';
import { type PollerOptions, resolvePollerOptions } from './poller/options.js';
import { createRemovalGuard, type HeldRemovals } from './poller/removal-guard.js';
import { reportCommitted, safeEmitter } from './poller/report.js';
import { firstRunAt, runScheduleLoop } from './poller/schedule-loop.js';
import { checkSnapshotOwner } from './poller/snapshot-owner.js';
import { createStatusKeeper } from './poller/status-keeper.js';
import { userActionOf } from './poller/user-action.js';
import { createWriterLock } from './poller/writer-lock.js';
import { jitteredInterval } from './schedule.js';
import type { Snapshot } from './snapshot.js';

export type { PollerOptions } from './poller/options.js';
export type { HeldRemovals } from './poller/removal-guard.js';

/** Lifecycle of a {@link Poller}. */
export type PollerState = 'idle' | 'running' | 'stopped';

/**
 * Polls one connection for added, changed and removed accounts. Create it with
 * {@link createPoller}; iterate it (or `changes()`) for change sets.
 */
export interface Poller extends AsyncIterable<ChangeSet> {
  /** Key of the snapshot in the store. */
  readonly connection: string;
  /** `idle` until `start()`, `running` while scheduled, `stopped` for good. */
  readonly state: PollerState;
  /** When the next scheduled run starts; `undefined` while a run is in flight or when not scheduled. */
  readonly nextRunAt: Date | undefined;
  /** Whether a run is in flight. */
  readonly running: boolean;
  /** Runs failed in a row (0 after a success). */
  readonly consecutiveFailures: number;
  /** The latest budget assessment (by `start()` or after a run), when the connector could be assessed. */
  readonly budget: BudgetAssessment | undefined;
  /** Resolves once the poller has stopped, with the reason. Never rejects. */
  readonly stopped: Promise<PollerStop>;
  /** The delta the removal guard holds back, when one waits for {@link Poller.confirmRemovals}. */
  readonly heldRemovals: HeldRemovals | undefined;
  /**
   * The connection's status from what this poller saw (health, last success, last error, next run),
   * on top of the status the store kept, once it was read; also saved to stores with `saveStatus`.
   */
  readonly status: ConnectionStatus | undefined;
  /**
   * Commits the delta the removal guard held back (see `maxRemovals`): `beforeCommit`, save, then
   * the change set is reported like any run's. Rejects with `ConfigError` when nothing is held, or
   * when the stored snapshot changed since the held run (run again instead).
   */
  confirmRemovals(): Promise<ChangeSet>;
  /**
   * Checks the budget (see `budgetPolicy`) and schedules runs every interval until stopped.
   * Rejects, leaving the poller idle, when the budget check refuses or fails.
   */
  start(): Promise<void>;
  /**
   * Runs once now, for host apps with their own scheduler. When a run is already in flight, returns
   * that run's result instead of starting another. Rejects with the failure, after which the
   * previous snapshot is still in place: `SchemaDriftError` for a drifted run,
   * `RemovalGuardError` for a delta held by `maxRemovals`, `StateLockedError` while another writer
   * holds the snapshot, `ConfigError` for another tenant's snapshot, `StoreError` for a store that
   * failed or did not answer; `AbortError` when stopped meanwhile. Without `start()`, the writer
   * lock is held for this run only.
   */
  runOnce(): Promise<ChangeSet>;
  /** Stops the poller: an in-flight run is aborted and saves nothing. Resolves once it has unwound. */
  stop(): Promise<void>;
  /**
   * An async iterator over the change set of every run completed from now on (baselines and empty
   * deltas included). It ends when the poller stops, and throws the error when it stopped for a
   * failure that needs a person.
   */
  changes(): AsyncIterableIterator<ChangeSet>;
}

/**
 * Creates a {@link Poller} over any {@link Connector}.
 *
 * Each run streams `connector.accounts()`, keeps a small fingerprint per account and compares it
 * with the snapshot of the previous completed run. Only when the whole run succeeded is the new
 * snapshot saved, and only then are its changes reported (events, then the change set to every
 * iterator). A run that fails part way saves nothing and reports no change; the next run retries
 * with backoff, unless the failure needs a person (`error.userAction`: reconnect, grant a
 * permission, fix the configuration), which stops the poller. Nothing false is committed: a run in
 * which accounts of the previous snapshot no longer map fails (`SchemaDriftError`), a delta over
 * `maxRemovals` waits for {@link Poller.confirmRemovals}, the store's writer lock keeps one
 * poller per snapshot, and a snapshot of another tenant (`connector.identity`) is refused.
 *
 * @example
 * ```ts
 * const poller = createPoller({ connector, store: createFileStateStore({ directory: '.state' }), intervalMs: 15 * 60_000 });
 * await poller.start();
 * for await (const set of poller) console.log(set.kind, set.added.length, set.changed.length, set.removed.length);
 * ```
 */
export function createPoller(options: PollerOptions): Poller {
  const { connector, store, intervalMs } = options;
  const o = resolvePollerOptions(options);
  const { connection, clock } = o;

  const feed = createChangeFeed(o.maxBuffered);
  const lifetime = new AbortController();
  const storeCall = createStoreCall({
    clock,
    timeoutMs: o.storeTimeoutMs,
    store: 'state store',
    subject: connection,
  });
  const status = createStatusKeeper({ store, connection, clock, storeCall });
  let started = false;
  const notify = safeEmitter(options.onEvent);
  const emit = (event: PollerEvent) => {
    // A poller only run with runOnce() and then stopped was not disabled by anyone.
    if (event.type !== 'stopped' || started) status.observe(event);
    notify(event);
  };
  let state: PollerState = 'idle';
  let stopInfo: PollerStop | undefined;
  let resolveStopped: (stop: PollerStop) => void = () => undefined;
  const stopped = new Promise<PollerStop>((resolve) => {
    resolveStopped = resolve;
  });
  let inFlight: Promise<ChangeSet> | undefined;
  let loopDone: Promise<void> | undefined;
  let starting = false;
  let runs = 0;
  let failures = 0;
  let nextRunAt: number | undefined;

  const stoppedError = () =>
    stopInfo?.reason === 'needs-user-action' && stopInfo.error
      ? stopInfo.error
      : new AbortError(`The poller of ${connection} has stopped`);

  const lock = createWriterLock({
    store,
    connection,
    clock,
    ttlMs: o.lockTtlMs,
    storeCall,
    lifetime: lifetime.signal,
    stopped: () => state === 'stopped',
    stoppedError,
    onLost: (error) => emit({ type: 'lock-lost', connection, error }),
  });
  const budget = createBudgetCheck({
    connector,
    connection,
    intervalMs,
    policy: o.budgetPolicy,
    warnAt: o.budgetWarnAt,
    signal: lifetime.signal,
    emit,
  });
  const guard = createRemovalGuard({
    connection,
    vendor: connector.vendor,
    maxRemovals: options.maxRemovals,
    emit,
  });
  const loadSnapshot = () => storeCall(() => store.load(connection), 'load the snapshot');

  /** Enters `stopped` at once; reports it after an in-flight run has unwound. */
  function finish(stop: PollerStop): void {
    if (state === 'stopped') return;
    state = 'stopped';
    stopInfo = stop;
    nextRunAt = undefined;
    guard.clear();
    options.signal?.removeEventListener('abort', onAbort);
    lifetime.abort();
    void (inFlight ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => lock.release())
      .then(() => {
        feed.end(stop.reason === 'needs-user-action' ? stop.error : undefined);
        emit({ type: 'stopped', connection, ...stop });
        resolveStopped(stop);
      });
  }
  const onAbort = () => finish({ reason: 'aborted' });
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  /** Saves `snapshot` under the lock (renewed first: never save after losing it). */
  async function commit(changeSet: ChangeSet, snapshot: Snapshot, signal: AbortSignal) {
    if (options.beforeCommit) {
      await options.beforeCommit(changeSet, { signal });
      throwIfAborted(signal);
    }
    await lock.confirm(signal);
    await raceAbort(
      storeCall(() => store.save(connection, snapshot), 'save the snapshot'),
      signal,
    );
  }

  /** Reports a committed change set: iterators first, then the events. */
  function report(changeSet: ChangeSet, baseline: boolean): void {
    failures = 0;
    reportCommitted(changeSet, baseline, feed, emit);
  }

  function fail(run: number, error: unknown, signal: AbortSignal): never {
    if (signal.aborted)
      throw new AbortError(`The poller of ${connection} stopped; run ${run} saved nothing`);
    const userAction = userActionOf(error);
    // A held delta is not a failure of the connection: it does not lengthen the backoff.
    if (userAction !== 'confirm_removals') failures++;
    emit({
      type: 'run-failed',
      connection,
      run,
      error,
      consecutiveFailures: failures,
      userAction,
    });
    if (userAction && userAction !== 'confirm_removals') {
      finish({
        reason: 'needs-user-action',
        error: error as ConnectorError, // it has a userAction, so it has the ConnectorError shape
        userAction,
      });
    }
    throw error;
  }

  async function execute(): Promise<ChangeSet> {
    const run = ++runs;
    const signal = lifetime.signal;
    const startedAt = clock.now();
    let changeSet: ChangeSet;
    let baseline = false;
    const ownsRunLock = state !== 'running'; // without start(), the lock is held for the run only
    emit({ type: 'run-started', connection, run, at: new Date(startedAt) });
    try {
      throwIfAborted(signal);
      await raceAbort(lock.ensure(), signal);
      const previous = await raceAbort(loadSnapshot(), signal);
      throwIfAborted(signal);
      checkSnapshotOwner(previous, connector, connection);
      baseline = previous === undefined;
      const lost = baseline
        ? await raceAbort(findLostBaseline(store, storeCall), signal)
        : undefined;
      if (lost) {
        const { id: epoch, replaced, since } = lost;
        emit({ type: 'baseline-lost', connection, run, epoch, replaced, since });
      }
      // A first sync keeps its progress in the store, and goes on from an interrupted one's.
      let takenAt = new Date(startedAt);
      const checkpoints = createCheckpoints({
        store,
        connection,
        connector,
        clock,
        storeCall,
        everyMs: baseline ? o.checkpointEveryMs : Number.POSITIVE_INFINITY,
        startedAt: () => takenAt,
      });
      const resumed = await raceAbort(checkpoints.load(), signal);
      if (resumed) {
        takenAt = resumed.takenAt;
        emit({ type: 'resumed', connection, run, seen: resumed.accounts.size, startedAt: takenAt });
      }
      const found = await collectAccounts({
        connector,
        connection,
        run,
        previous,
        signal,
        selectRaw: options.selectRaw,
        progressEvery: o.progressEvery,
        emit,
        now: () => clock.now(),
        resume: resumed,
        onPosition: checkpoints.record,
      });
      const snapshot: Snapshot = {
        connection,
        vendor: connector.vendor,
        identity: connector.identity && { ...connector.identity },
        takenAt,
        accounts: found.accounts,
      };
      changeSet = {
        kind: lost ? 'baseline-lost' : baseline ? 'baseline' : 'delta',
        connection,
        vendor: connector.vendor,
        run,
        startedAt: snapshot.takenAt,
        finishedAt: new Date(clock.now()),
        total: found.accounts.size,
        previousTotal: previous?.accounts.size,
        skipped: found.skipped,
        added: found.added,
        changed: found.changed,
        removed: found.removed,
        ...(found.withheldRemovals === undefined
          ? {}
          : { withheldRemovals: found.withheldRemovals }),
      };
      if (previous) guard.check(changeSet, snapshot, previous);
      await commit(changeSet, snapshot, signal);
      await checkpoints.clear();
    } catch (error) {
      if (ownsRunLock) await lock.release();
      fail(run, error, signal);
    }
    if (ownsRunLock && state !== 'running') await lock.release();
    // Committed: from here on the changes must be reported, even if the poller is being stopped.
    guard.clear();
    report(changeSet, baseline);
    return changeSet;
  }

  async function commitHeld(): Promise<ChangeSet> {
    const pending = guard.pending();
    const signal = lifetime.signal;
    const ownsRunLock = state !== 'running';
    try {
      await raceAbort(lock.ensure(), signal);
      const current = await raceAbort(loadSnapshot(), signal);
      guard.checkCurrent(pending, current);
      const changeSet = { ...pending.changeSet, finishedAt: new Date(clock.now()) };
      await commit(changeSet, pending.snapshot, signal);
      guard.clear(pending);
      report(changeSet, false);
      return changeSet;
    } catch (error) {
      if (signal.aborted) throw new AbortError(`The poller of ${connection} has stopped`);
      throw error;
    } finally {
      if (ownsRunLock && state !== 'running') await lock.release();
    }
  }

  /** Serialises `task` with runs: one in flight at a time. */
  function exclusive(task: () => Promise<ChangeSet>): Promise<ChangeSet> {
    const next = task().finally(() => {
      if (inFlight === next) inFlight = undefined;
    });
    inFlight = next;
    return next;
  }

  function runOnce(): Promise<ChangeSet> {
    if (state === 'stopped') return Promise.reject(stoppedError());
    return inFlight ?? exclusive(execute);
  }

  async function confirmRemovals(): Promise<ChangeSet> {
    if (state === 'stopped') throw stoppedError();
    while (inFlight) await inFlight.catch(() => undefined);
    if ((state as PollerState) === 'stopped') throw stoppedError();
    return exclusive(commitHeld);
  }

  /**
   * After a run: connectors often learn their real limits (Hexnode's device count) or their cost
   * (Kandji's page count) only from a full run, so the interval is assessed again.
   */
  async function recheckBudget(): Promise<void> {
    let refused: ConfigError | undefined;
    try {
      refused = await budget.check();
    } catch {
      return; // the run itself succeeded; the next check will tell
    }
    if (refused && state === 'running') {
      finish({ reason: 'needs-user-action', error: refused, userAction: 'fix_config' });
    }
  }

  async function start(): Promise<void> {
    if (state === 'stopped') throw stoppedError();
    if (state === 'running' || starting) return;
    starting = true;
    let first: number;
    try {
      const refused = await budget.check();
      if (refused) throw refused;
      await lock.ensure();
      const previous = await loadSnapshot();
      checkSnapshotOwner(previous, connector, connection);
      first = firstRunAt({
        now: clock.now(),
        wait: jitteredInterval(intervalMs, o.jitter, o.random),
        takenAt: previous?.takenAt.getTime(),
        firstRun: options.firstRun,
      });
    } catch (error) {
      if (state === 'idle') await lock.release();
      if (lifetime.signal.aborted) throw stoppedError();
      throw error;
    } finally {
      starting = false;
    }
    if (state !== 'idle') throw stoppedError();
    state = 'running';
    started = true;
    loopDone = runScheduleLoop(
      {
        clock,
        intervalMs,
        jitter: o.jitter,
        random: o.random,
        backoff: o.backoff,
        signal: lifetime.signal,
        running: () => state === 'running',
        failures: () => failures,
        deferUntil: (at) => budget.deferUntil(at),
        run: async () => {
          await runOnce();
          await recheckBudget();
        },
        onScheduled: (at, reason = 'interval') => {
          nextRunAt = at;
          if (at !== undefined)
            emit({ type: 'scheduled', connection, nextRunAt: new Date(at), reason });
        },
      },
      first,
    );
  }

  async function stop(): Promise<void> {
    finish({ reason: 'stopped' });
    await Promise.allSettled([inFlight, loopDone]);
    await stopped;
    await status.flush();
  }

  const changes = () => feed.subscribe();

  return {
    connection,
    get state() {
      return state;
    },
    get nextRunAt() {
      return nextRunAt === undefined ? undefined : new Date(nextRunAt);
    },
    get running() {
      return inFlight !== undefined;
    },
    get consecutiveFailures() {
      return failures;
    },
    get budget(): BudgetAssessment | undefined {
      return budget.assessment;
    },
    get status(): ConnectionStatus | undefined {
      return status.current;
    },
    get heldRemovals(): HeldRemovals | undefined {
      return guard.held;
    },
    stopped,
    start,
    runOnce,
    confirmRemovals,
    stop,
    changes,
    [Symbol.asyncIterator]: changes,
  };
}
