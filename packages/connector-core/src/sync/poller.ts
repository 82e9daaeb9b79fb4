import { type Clock, systemClock } from '../clock/clock.js';
import type { ConnectorError, UserAction } from '../errors/connector-error.js';
import { AbortError, ConfigError } from '../errors/errors.js';
import { raceAbort, throwIfAborted } from '../internal/abort.js';
import type { Connector } from '../model/connector.js';
import { assessPollingBudget, type BudgetAssessment, budgetReadyAt } from './budget.js';
import { createChangeFeed } from './change-feed.js';
import type { ChangeSet } from './change-set.js';
import { createDiffer } from './diff.js';
import type { PollerEvent, PollerStop } from './events.js';
import type { RawSelector } from './fingerprint.js';
import { type BackoffOptions, jitteredInterval, retryDelay } from './schedule.js';
import type { Snapshot } from './snapshot.js';
import type { StateStore } from './state-store.js';

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
  /**
   * Checks the budget (see `budgetPolicy`) and schedules runs every interval until stopped.
   * Rejects, leaving the poller idle, when the budget check refuses or fails.
   */
  start(): Promise<void>;
  /**
   * Runs once now, for host apps with their own scheduler. When a run is already in flight, returns
   * that run's result instead of starting another. Rejects with the failure, after which the
   * previous snapshot is still in place; rejects with `AbortError` when stopped meanwhile.
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
 * permission, fix the configuration), which stops the poller.
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

  const feed = createChangeFeed();
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

  /** Enters `stopped` at once; reports it after an in-flight run has unwound. */
  function finish(stop: PollerStop): void {
    if (state === 'stopped') return;
    state = 'stopped';
    stopInfo = stop;
    nextRunAt = undefined;
    options.signal?.removeEventListener('abort', onAbort);
    lifetime.abort();
    void (inFlight ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        feed.end(stop.reason === 'needs-user-action' ? stop.error : undefined);
        emit({ type: 'stopped', connection, ...stop });
        resolveStopped(stop);
      });
  }
  const onAbort = () => finish({ reason: 'aborted' });
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  async function execute(): Promise<ChangeSet> {
    const run = ++runs;
    const signal = lifetime.signal;
    const startedAt = clock.now();
    let changeSet: ChangeSet;
    let baseline = false;
    emit({ type: 'run-started', connection, run, at: new Date(startedAt) });
    try {
      throwIfAborted(signal);
      const previous = await store.load(connection);
      throwIfAborted(signal);
      baseline = previous === undefined;
      const differ = createDiffer(previous, options.selectRaw);
      let reported = 0;
      const accounts = connector.accounts({ signal })[Symbol.asyncIterator]();
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
      const found = differ.finish();
      if (found.accounts.size !== reported) {
        emit({ type: 'progress', connection, run, baseline, seen: found.accounts.size });
      }
      const snapshot: Snapshot = {
        connection,
        vendor: connector.vendor,
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
        added: found.added,
        changed: found.changed,
        removed: found.removed,
      };
      if (options.beforeCommit) {
        await options.beforeCommit(changeSet, { signal });
        throwIfAborted(signal);
      }
      await store.save(connection, snapshot);
    } catch (error) {
      if (signal.aborted)
        throw new AbortError(`The poller of ${connection} stopped; run ${run} saved nothing`);
      failures++;
      const userAction = userActionOf(error);
      emit({
        type: 'run-failed',
        connection,
        run,
        error,
        consecutiveFailures: failures,
        userAction,
      });
      if (userAction) {
        finish({
          reason: 'needs-user-action',
          error: error as ConnectorError, // it has a userAction, so it has the ConnectorError shape
          userAction,
        });
      }
      throw error;
    }
    // Committed: from here on the changes must be reported, even if the poller is being stopped.
    failures = 0;
    feed.publish(changeSet);
    if (baseline) emit({ type: 'baseline', connection, run, total: changeSet.total });
    for (const change of changeSet.added) emit({ type: 'added', connection, run, change });
    for (const change of changeSet.changed) emit({ type: 'changed', connection, run, change });
    for (const change of changeSet.removed) emit({ type: 'removed', connection, run, change });
    emit({ type: 'run-completed', connection, run, changeSet });
    return changeSet;
  }

  function runOnce(): Promise<ChangeSet> {
    if (state === 'stopped') return Promise.reject(stoppedError());
    if (!inFlight) {
      inFlight = execute().finally(() => {
        inFlight = undefined;
      });
    }
    return inFlight;
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
        await clock.sleep(Math.max(0, at - clock.now()), lifetime.signal);
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
      const previous = options.firstRun === 'now' ? undefined : await store.load(connection);
      const now = clock.now();
      first = previous
        ? Math.max(now, previous.takenAt.getTime() + jitteredInterval(intervalMs, jitter, random))
        : now;
    } catch (error) {
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
    stopped,
    start,
    runOnce,
    stop,
    changes,
    [Symbol.asyncIterator]: changes,
  };
}
