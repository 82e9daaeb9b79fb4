import { type Clock, systemClock } from '../clock/clock.js';
import type { ConnectorError, UserAction } from '../errors/connector-error.js';
import {
  AbortError,
  ConfigError,
  RemovalGuardError,
  SchemaDriftError,
  StateLockedError,
  StoreError,
} from '../errors/errors.js';
import { raceAbort, throwIfAborted } from '../internal/abort.js';
import type { ConnectionIdentity, Connector, InvalidItem } from '../model/connector.js';
import type { UnprovenListing } from '../paginate/continuity.js';
import { assessPollingBudget, type BudgetAssessment, budgetReadyAt } from './budget.js';
import { createChangeFeed } from './change-feed.js';
import type { ChangeSet } from './change-set.js';
import { createDiffer } from './diff.js';
import type { PollerEvent, PollerStop } from './events.js';
import type { RawSelector } from './fingerprint.js';
import { type BackoffOptions, jitteredInterval, retryDelay } from './schedule.js';
import type { Snapshot } from './snapshot.js';
import type { StateLock, StateStore } from './state-store.js';
import { type WithheldRemovals, withholdRemovals } from './withheld-removals.js';

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
}

/** A delta the removal guard held back, waiting for {@link Poller.confirmRemovals}. */
export interface HeldRemovals {
  /** The delta as it will be reported once confirmed. */
  changeSet: ChangeSet;
  /** Accounts it removes. */
  removals: number;
  /** The guard it exceeded. */
  maxRemovals: number;
}

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

const USER_ACTIONS: ReadonlySet<unknown> = new Set<UserAction>([
  'reconnect',
  'grant_permission',
  'fix_config',
  'confirm_removals',
]);

/** The `userAction` of a failure, by shape, so errors from another copy of the core count too. */
function userActionOf(error: unknown): UserAction | undefined {
  const action = (error as { userAction?: unknown } | null)?.userAction;
  return USER_ACTIONS.has(action) ? (action as UserAction) : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const ms = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** Longest single wait: `setTimeout` fires at once for anything longer than 2^31 - 1 ms. */
const MAX_SLEEP_MS = 2 ** 31 - 1;

const sameIdentity = (a: ConnectionIdentity, b: ConnectionIdentity) =>
  a.vendor === b.vendor && a.host.toLowerCase() === b.host.toLowerCase() && a.tenant === b.tenant;

const describeIdentity = (i: ConnectionIdentity) => `${i.vendor} ${i.host} tenant ${i.tenant}`;

function formatDuration(ms: number): string {
  if (ms >= 3_600_000) return `${+(ms / 3_600_000).toFixed(2)} h`;
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(1)} min`;
  return `${+(ms / 1000).toFixed(1)} s`;
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
  const connection = options.connection ?? connector.name;
  const jitter = options.jitter ?? 0.1;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const progressEvery = options.progressEvery ?? 1000;
  const budgetPolicy = options.budgetPolicy ?? 'refuse';
  const budgetWarnAt = options.budgetWarnAt ?? 0.8;
  const lockTtlMs = options.lockTtlMs ?? 60_000;
  const storeTimeoutMs = options.storeTimeoutMs ?? 120_000;
  const maxBuffered = options.maxBufferedChangeSets ?? 16;
  const backoff = {
    initialMs: options.backoff?.initialMs ?? intervalMs,
    maxMs: options.backoff?.maxMs ?? intervalMs * 8,
  };

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
    ['lockTtlMs', lockTtlMs],
    ['storeTimeoutMs', storeTimeoutMs],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0 && value <= MAX_SLEEP_MS)) {
      throw new ConfigError(`createPoller: ${name} must be between 1 and ${MAX_SLEEP_MS} ms`);
    }
  }
  if (!(Number.isInteger(maxBuffered) && maxBuffered > 0)) {
    throw new ConfigError('createPoller: maxBufferedChangeSets must be a positive integer');
  }

  const feed = createChangeFeed(maxBuffered);
  const lifetime = new AbortController();
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
  let costPerRun: number | undefined;
  let assessment: BudgetAssessment | undefined;
  let warned: 'none' | 'high' | 'over' = 'none';
  let lock: StateLock | undefined;
  let locking: Promise<StateLock | undefined> | undefined;
  let renewing: AbortController | undefined;
  /** The held delta, its snapshot, and the `takenAt` of the snapshot it was compared with. */
  let held: (HeldRemovals & { snapshot: Snapshot; against: number | undefined }) | undefined;

  const emit = (event: PollerEvent) => {
    if (!options.onEvent) return;
    try {
      options.onEvent(event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const stoppedError = () =>
    stopInfo?.reason === 'needs-user-action' && stopInfo.error
      ? stopInfo.error
      : new AbortError(`The poller of ${connection} has stopped`);

  /** Waits on the clock until `at`, in pieces no timer overflows, however far away `at` is. */
  async function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
    for (let left = at - clock.now(); ; left = at - clock.now()) {
      await clock.sleep(Math.min(Math.max(0, left), MAX_SLEEP_MS), signal);
      if (clock.now() >= at) return;
    }
  }

  /** A store call that has `storeTimeoutMs` to settle before it fails the run. */
  function storeCall<T>(call: () => Promise<T>, doing: string): Promise<T> {
    const timer = new AbortController();
    const timeout = clock.sleep(storeTimeoutMs, timer.signal).then(
      () => {
        throw new StoreError(
          `The state store did not ${doing} of ${connection} within ${formatDuration(storeTimeoutMs)}`,
          { location: connection },
        );
      },
      () => new Promise<never>(() => undefined), // cancelled: the call settled first
    );
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call());
    } catch (error) {
      pending = Promise.reject(error);
    }
    return Promise.race([pending, timeout]).finally(() => timer.abort());
  }

  /** Keeps the lease alive while `current` is the poller's lock; `until` ends it on release. */
  async function renewWhileHeld(current: StateLock, until: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([lifetime.signal, until]);
    while (lock === current) {
      try {
        await clock.sleep(Math.max(1, Math.floor(lockTtlMs / 3)), signal);
      } catch {
        return; // released, or stopping (finish() releases it)
      }
      if (lock !== current) return;
      try {
        await storeCall(() => current.renew(), 'renew the lock on the snapshot');
      } catch (error) {
        if (lock !== current) return;
        lock = undefined;
        emit({ type: 'lock-lost', connection, error });
        void current.release().catch(() => undefined);
        return;
      }
    }
  }

  /** Takes the writer lock when the store has one and the poller does not hold it yet. */
  async function ensureLock(): Promise<StateLock | undefined> {
    if (lock || !store.lock) return lock;
    locking ??= storeCall(
      () => (store.lock as NonNullable<StateStore['lock']>)(connection, { ttlMs: lockTtlMs }),
      'lock the snapshot',
    )
      .then((taken) => {
        if (state === 'stopped') {
          void taken.release().catch(() => undefined);
          throw stoppedError();
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
  }

  async function releaseLock(): Promise<void> {
    const current = lock;
    lock = undefined;
    renewing?.abort(); // no renewal timer outlives the lock (it would keep the process alive)
    if (!current) return;
    try {
      await storeCall(() => current.release(), 'release the lock on the snapshot');
    } catch {
      // The lease lapses by itself.
    }
  }

  /** Refuses a baseline that another vendor or tenant wrote: it would diff into false changes. */
  function checkBaseline(previous: Snapshot | undefined): void {
    if (!previous) return;
    if (previous.vendor !== connector.vendor) {
      throw new ConfigError(
        `The stored snapshot of ${connection} belongs to ${previous.vendor}, not ${connector.vendor}; use another connection name or state store`,
        { vendor: connector.vendor },
      );
    }
    const mine = connector.identity;
    if (mine && previous.identity && !sameIdentity(mine, previous.identity)) {
      throw new ConfigError(
        `The stored snapshot of ${connection} was read from ${describeIdentity(previous.identity)}, not ${describeIdentity(mine)}; give each tenant its own connection name`,
        { vendor: connector.vendor },
      );
    }
  }

  const guardFor = (previousTotal: number) =>
    options.maxRemovals ?? Math.max(25, Math.ceil(previousTotal * 0.1));

  /** Enters `stopped` at once; reports it after an in-flight run has unwound. */
  function finish(stop: PollerStop): void {
    if (state === 'stopped') return;
    state = 'stopped';
    stopInfo = stop;
    nextRunAt = undefined;
    held = undefined;
    options.signal?.removeEventListener('abort', onAbort);
    lifetime.abort();
    void (inFlight ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => releaseLock())
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
          emit({ type: 'lock-lost', connection, error });
        }
        throw error;
      }
    } else if (store.lock && !signal.aborted) {
      // Lost while the run read accounts (a renewal failed): retried, and the lock taken again.
      throw new StateLockedError(`The poller of ${connection} lost its lock on the snapshot`);
    }
    await raceAbort(
      storeCall(() => store.save(connection, snapshot), 'save the snapshot'),
      signal,
    );
  }

  /** Reports a committed change set: iterators first, then the events. */
  function report(changeSet: ChangeSet, baseline: boolean): void {
    failures = 0;
    feed.publish(changeSet);
    const { run } = changeSet;
    if (baseline) emit({ type: 'baseline', connection, run, total: changeSet.total });
    for (const change of changeSet.added) emit({ type: 'added', connection, run, change });
    for (const change of changeSet.changed) emit({ type: 'changed', connection, run, change });
    for (const change of changeSet.removed) emit({ type: 'removed', connection, run, change });
    emit({ type: 'run-completed', connection, run, changeSet });
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
      await raceAbort(ensureLock(), signal);
      const previous = await raceAbort(
        storeCall(() => store.load(connection), 'load the snapshot'),
        signal,
      );
      throwIfAborted(signal);
      checkBaseline(previous);
      baseline = previous === undefined;
      const differ = createDiffer(previous, options.selectRaw);
      let reported = 0;
      let skipped = 0;
      let drifted: { first: InvalidItem; count: number } | undefined;
      const onSkippedItem = (item: InvalidItem) => {
        skipped++;
        emit({ type: 'item-skipped', connection, run, item: { ...item } });
        // An item that mapped last time (or whose id cannot be read) now fails to: drift. Left
        // out, it would be reported as removed.
        if (previous && (item.itemId === undefined || previous.accounts.has(item.itemId))) {
          drifted = { first: drifted?.first ?? item, count: (drifted?.count ?? 0) + 1 };
        }
      };
      const unproven: UnprovenListing[] = [];
      const accounts = connector
        .accounts({
          signal,
          onInvalidItem: 'skip',
          onSkippedItem,
          onUnprovenListing: (listing) => unproven.push({ ...listing }),
        })
        [Symbol.asyncIterator]();
      try {
        for (;;) {
          // Raced with the signal: a connector that ignores it still cannot hold up stop().
          const step = await raceAbort(accounts.next(), signal);
          if (step.done) break;
          differ.observe(step.value);
          if (differ.seen - reported >= progressEvery) {
            reported = differ.seen;
            emit({ type: 'progress', connection, run, baseline, seen: reported });
          }
        }
      } catch (error) {
        // Let the connector release its resources; do not wait for it.
        void Promise.resolve(accounts.return?.()).catch(() => undefined);
        throw error;
      }
      throwIfAborted(signal);
      if (drifted) {
        const { first, count } = drifted;
        throw new SchemaDriftError(
          `${count} ${first.resource} item${count === 1 ? '' : 's'} of ${connection} that the previous snapshot holds can no longer be mapped: field "${first.field}" at ${first.path} (${first.reason}); the ${first.vendor} schema may have changed. Nothing was saved`,
          {
            vendor: first.vendor,
            field: first.field,
            itemPath: first.path,
            resource: first.resource,
            unmappable: count,
            issues: [{ path: first.path, expected: first.field, received: first.reason }],
          },
        );
      }
      let found = differ.finish();
      // A listing that could not prove it missed nothing: what it did not see is not "removed".
      let withheld: WithheldRemovals | undefined;
      if (previous && unproven.length > 0)
        ({ found, withheld } = withholdRemovals(found, unproven));
      if (found.accounts.size !== reported) {
        emit({ type: 'progress', connection, run, baseline, seen: found.accounts.size });
      }
      const snapshot: Snapshot = {
        connection,
        vendor: connector.vendor,
        identity: connector.identity && { ...connector.identity },
        takenAt: new Date(startedAt),
        accounts: found.accounts,
      };
      changeSet = {
        kind: baseline ? 'baseline' : 'delta',
        connection,
        vendor: connector.vendor,
        run,
        startedAt: snapshot.takenAt,
        finishedAt: new Date(clock.now()),
        total: found.accounts.size,
        previousTotal: previous?.accounts.size,
        skipped,
        added: found.added,
        changed: found.changed,
        removed: found.removed,
        ...(withheld ? { withheldRemovals: withheld.removals } : {}),
      };
      if (withheld) emit({ type: 'removals-withheld', connection, run, ...withheld });
      if (previous) {
        const maxRemovals = guardFor(previous.accounts.size);
        if (found.removed.length > maxRemovals) {
          const removals = found.removed.length;
          held = {
            changeSet,
            removals,
            maxRemovals,
            snapshot,
            against: previous.takenAt.getTime(),
          };
          emit({ type: 'removals-held', connection, run, removals, maxRemovals, changeSet });
          throw new RemovalGuardError(
            `Run ${run} of ${connection} would remove ${removals} of ${previous.accounts.size} accounts, more than the guard of ${maxRemovals}; nothing was saved. Confirm with poller.confirmRemovals(), or a later run under the guard commits as usual`,
            { vendor: connector.vendor, removals, maxRemovals },
          );
        }
      }
      await commit(changeSet, snapshot, signal);
    } catch (error) {
      if (ownsRunLock) await releaseLock();
      fail(run, error, signal);
    }
    if (ownsRunLock && state !== 'running') await releaseLock();
    // Committed: from here on the changes must be reported, even if the poller is being stopped.
    held = undefined;
    report(changeSet, baseline);
    return changeSet;
  }

  async function commitHeld(): Promise<ChangeSet> {
    const pending = held;
    if (!pending) {
      throw new ConfigError(`The poller of ${connection} holds no removals to confirm`);
    }
    const signal = lifetime.signal;
    const ownsRunLock = state !== 'running';
    try {
      await raceAbort(ensureLock(), signal);
      const current = await raceAbort(
        storeCall(() => store.load(connection), 'load the snapshot'),
        signal,
      );
      if (current?.takenAt.getTime() !== pending.against) {
        throw new ConfigError(
          `The snapshot of ${connection} changed since run ${pending.changeSet.run} was held; run again instead of confirming it`,
          { vendor: connector.vendor },
        );
      }
      const changeSet = { ...pending.changeSet, finishedAt: new Date(clock.now()) };
      await commit(changeSet, pending.snapshot, signal);
      if (held === pending) held = undefined;
      report(changeSet, false);
      return changeSet;
    } catch (error) {
      if (signal.aborted) throw new AbortError(`The poller of ${connection} has stopped`);
      throw error;
    } finally {
      if (ownsRunLock && state !== 'running') await releaseLock();
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
   * Assesses the interval against the connector's budget. Returns the `ConfigError` to refuse with
   * (policy `refuse`); sends a `budget-warning` when the level worsens (policy `warn`, or near the
   * limit), not on every run.
   */
  async function checkBudget(): Promise<ConfigError | undefined> {
    if (budgetPolicy === 'ignore' || !connector.estimateSyncCost || !connector.budget)
      return undefined;
    // Estimate first: it may be the call that teaches the connector its real limits.
    const cost = await connector.estimateSyncCost({ signal: lifetime.signal });
    if (cost === undefined || !(cost > 0)) return undefined;
    costPerRun = cost;
    const a = assessPollingBudget({ costPerRun: cost, intervalMs, budget: connector.budget() });
    assessment = a;
    const worst = a.windows.reduce<(typeof a.windows)[number] | undefined>(
      (w, x) => (w && w.utilization >= x.utilization ? w : x),
      undefined,
    );
    if (!worst) return undefined;
    const needs = `a run costs about ${cost} call${cost === 1 ? '' : 's'}, so polling ${connection} every ${formatDuration(intervalMs)} needs ${Math.ceil(worst.callsPerWindow)} calls per ${worst.name} window where the budget allows ${worst.limit}`;
    if (!a.sustainable) {
      const message = `${needs}; poll at most every ${formatDuration(a.minIntervalMs)}`;
      if (budgetPolicy === 'refuse') {
        return new ConfigError(`${message[0]?.toUpperCase()}${message.slice(1)}`, {
          vendor: connector.vendor,
        });
      }
      if (warned !== 'over') emit({ type: 'budget-warning', connection, message, assessment: a });
      warned = 'over';
    } else if (a.utilization > budgetWarnAt) {
      const message = `${needs} (${Math.round(a.utilization * 100)}%), leaving little for other calls`;
      if (warned === 'none') emit({ type: 'budget-warning', connection, message, assessment: a });
      warned = 'high';
    } else {
      warned = 'none';
    }
    return undefined;
  }

  /**
   * After a run: connectors often learn their real limits (Hexnode's device count) or their cost
   * (Kandji's page count) only from a full run, so the interval is assessed again.
   */
  async function recheckBudget(): Promise<void> {
    let refused: ConfigError | undefined;
    try {
      refused = await checkBudget();
    } catch {
      return; // the run itself succeeded; the next check will tell
    }
    if (refused && state === 'running') {
      finish({ reason: 'needs-user-action', error: refused, userAction: 'fix_config' });
    }
  }

  /** Earliest time the next run may start so that the budget windows can hold a whole run. */
  function deferForBudget(at: number): number | undefined {
    if (costPerRun === undefined || !connector.budget) return undefined;
    try {
      const ready = budgetReadyAt(connector.budget(), costPerRun);
      return ready !== undefined && ready > at ? ready : undefined;
    } catch {
      return undefined;
    }
  }

  async function loop(firstAt: number): Promise<void> {
    let at = firstAt;
    let reason: 'interval' | 'retry' | 'budget' = 'interval';
    while (state === 'running') {
      const deferred = deferForBudget(at);
      if (deferred !== undefined) {
        at = deferred;
        reason = 'budget';
      }
      nextRunAt = at;
      emit({ type: 'scheduled', connection, nextRunAt: new Date(at), reason });
      try {
        await sleepUntil(at, lifetime.signal);
      } catch {
        break; // stopped while waiting
      }
      nextRunAt = undefined;
      if (state !== 'running') break;
      const startedAt = clock.now();
      try {
        await runOnce();
        await recheckBudget();
        if (state !== 'running') break;
        // Start to start; a run that overran its interval is followed at once, never overlapped.
        at = Math.max(clock.now(), startedAt + jitteredInterval(intervalMs, jitter, random));
        reason = 'interval';
      } catch (error) {
        if (state !== 'running') break;
        const delay = retryDelay(failures, backoff, retryAfterOf(error));
        at = clock.now() + jitteredInterval(delay, jitter, random);
        reason = 'retry';
      }
    }
    nextRunAt = undefined;
  }

  async function start(): Promise<void> {
    if (state === 'stopped') throw stoppedError();
    if (state === 'running' || starting) return;
    starting = true;
    let first: number;
    try {
      const refused = await checkBudget();
      if (refused) throw refused;
      await ensureLock();
      const previous = await storeCall(() => store.load(connection), 'load the snapshot');
      checkBaseline(previous);
      const now = clock.now();
      const wait = jitteredInterval(intervalMs, jitter, random);
      // A snapshot dated in the future (a wrong clock, a damaged store) never delays the first run
      // beyond one interval, nor makes it run at once.
      first =
        previous && options.firstRun !== 'now'
          ? Math.min(Math.max(now, previous.takenAt.getTime() + wait), now + wait)
          : now;
    } catch (error) {
      if (state === 'idle') await releaseLock();
      if (lifetime.signal.aborted) throw stoppedError();
      throw error;
    } finally {
      starting = false;
    }
    if (state !== 'idle') throw stoppedError();
    state = 'running';
    loopDone = loop(first);
  }

  async function stop(): Promise<void> {
    finish({ reason: 'stopped' });
    await Promise.allSettled([inFlight, loopDone]);
    await stopped;
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
    get budget() {
      return assessment;
    },
    get heldRemovals() {
      return (
        held && {
          changeSet: held.changeSet,
          removals: held.removals,
          maxRemovals: held.maxRemovals,
        }
      );
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
