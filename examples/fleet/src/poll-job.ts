import {
  type ChangeSet,
  type Connector,
  createPoller,
  type StateLock,
  type StateStore,
} from '@org/connector-core';
import type { Telemetry } from '@org/connector-core/otel';
import type { RedisStateStore } from '@org/connector-redis';
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import { recordDeadLetter } from './dead-letters.ts';
import type { ConnectionSpec } from './fleet-config.ts';
import type { FleetRedis } from './redis-connection.ts';
import { CHANGES, type PollJob, parkConnection, RUNS } from './schedule.ts';

/** What a poll job needs from its worker process. */
export interface PollDeps {
  /** The fleet's connections, read per job so connections can be added without a restart. */
  specs: () => Promise<ReadonlyMap<string, ConnectionSpec>>;
  connectorFor: (spec: ConnectionSpec) => Connector;
  state: RedisStateStore;
  redis: FleetRedis;
  queue: Queue<PollJob>;
  /** Identifies this worker in the streams. */
  worker: string;
  /** Lease of the snapshot lock; renewed every third of it while the run lasts. */
  lockTtlMs: number;
  /** Aborted when the worker must stop now: the run is abandoned and the job handed back. */
  shutdown: AbortSignal;
  /** About how many entries the streams keep (changes, runs, dead letters; default 100,000). */
  streamMaxLen?: number | undefined;
  /**
   * How long a run would wait for its tenant's shared budget before its first call (see
   * `budgetWait`). A job that would wait longer than `yieldAfterMs` gives its worker slot up and
   * is delayed until then instead, so one tenant's spent budget never holds up the others.
   */
  budgetWait?: ((spec: ConnectionSpec) => Promise<number>) | undefined;
  /** Longest budget wait a job sits out in its slot (default 1,000 ms). */
  yieldAfterMs?: number | undefined;
  /** Spans and metrics of each connection's syncs (see `telemetry.ts`). */
  telemetryFor?: ((spec: ConnectionSpec) => Pick<Telemetry, 'onPollerEvent'>) | undefined;
}

/** A job that gave its slot up until its tenant's budget has room, without using an attempt. */
class YieldedForBudget extends Error {
  /** When the tenant's window has room again (epoch ms). */
  readonly until: number;
  constructor(until: number) {
    super('waiting for the tenant budget');
    this.until = until;
  }
}

/**
 * Change events go to a stream before the snapshot is committed. A worker that dies between the
 * two leaves the old snapshot, so the next run reports the same changes again: delivery is
 * at-least-once, and consumers de-duplicate by (connection, kind, account id, fingerprint).
 */
async function publish(
  redis: FleetRedis,
  changeSet: ChangeSet,
  worker: string,
  maxLen: number,
): Promise<void> {
  const batch = redis.multi();
  const add = (fields: Record<string, string>) =>
    batch.xadd(CHANGES, 'MAXLEN', '~', maxLen, '*', ...Object.entries(fields).flat());
  const base = { connection: changeSet.connection, run: changeSet.startedAt.toISOString() };
  for (const c of changeSet.added)
    add({ ...base, kind: 'added', id: c.id, email: c.account.email, worker });
  for (const c of changeSet.changed)
    add({ ...base, kind: 'changed', id: c.id, fields: c.fields.join(','), worker });
  for (const c of changeSet.removed)
    add({ ...base, kind: 'removed', id: c.id, email: c.previous.email, worker });
  await batch.exec();
}

/** The `userAction` of a failure of the connection itself; the fleet's own Redis failing is not one. */
function userActionOf(error: unknown): string | undefined {
  const e = error as { userAction?: unknown; code?: unknown } | null;
  return typeof e?.userAction === 'string' && e.code !== 'store' ? e.userAction : undefined;
}

/** A failure of the fleet's own Redis (down, paused, failing over), not of the connection. */
function isOutage(error: unknown): boolean {
  const e = error as { code?: unknown; retryable?: unknown } | null;
  return e?.code === 'store' && e.retryable === true;
}

const maxLenOf = (deps: PollDeps) => deps.streamMaxLen ?? 100_000;

/** How long a job whose run met a Redis outage waits before it runs again. */
export const OUTAGE_RETRY_MS = 1_000;

/**
 * The BullMQ processor: one poll run of one connection. Holds the connection's snapshot lock for
 * the whole run (a second job for the same connection finds it held and completes as `skipped`),
 * commits through the Redis state store, and sorts failures: needs a person → off the schedule
 * with the reason recorded; shutting down → handed back to the queue; the fleet's Redis failing →
 * run again shortly without using an attempt (an outage is nobody's fault, however long); anything
 * else → thrown, for BullMQ to retry no sooner than the error's `retryAfterMs`.
 */
export function createPollProcessor(deps: PollDeps) {
  return async (job: Job<PollJob>, token?: string) => {
    try {
      return await poll(deps, job, token !== undefined);
    } catch (error) {
      if (error instanceof YieldedForBudget && token) {
        await job.moveToDelayed(error.until, token);
        throw new DelayedError();
      }
      if (token && (deps.shutdown.aborted || isOutage(error))) {
        // Hand the job back without using an attempt: at once when shutting down (for another
        // worker), after a pause in an outage. When Redis is still down this fails too, and BullMQ
        // finds the job stalled once Redis is back, and runs it again.
        const at = Date.now() + (deps.shutdown.aborted ? 0 : OUTAGE_RETRY_MS);
        await job.moveToDelayed(at, token).catch(() => {
          throw error;
        });
        throw new DelayedError();
      }
      const userAction = userActionOf(error);
      const e = error as { code?: unknown; message?: unknown } | null;
      const code = typeof e?.code === 'string' ? e.code : 'unknown';
      const message = typeof e?.message === 'string' ? e.message : String(error);
      const final = userAction !== undefined || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        // Out of attempts, or nothing a retry can fix: kept beyond BullMQ's own failed list.
        await recordDeadLetter(deps.redis, maxLenOf(deps), {
          connection: job.data.connection,
          job: job.id ?? '',
          code,
          message,
          attempts: String(job.attemptsMade + 1),
          worker: deps.worker,
        }).catch(() => undefined);
      }
      if (userAction) {
        await parkConnection(deps.queue, deps.redis, job.data.connection, {
          userAction,
          code,
          message,
        });
        throw new UnrecoverableError(
          `${job.data.connection} needs a person (${userAction}): ${message}`,
        );
      }
      throw error;
    }
  };
}

async function poll(deps: PollDeps, job: Job<PollJob>, canYield: boolean) {
  const spec = (await deps.specs()).get(job.data.connection);
  if (!spec) throw new UnrecoverableError(`Unknown connection ${job.data.connection}`);
  const wait = canYield && deps.budgetWait ? await deps.budgetWait(spec) : 0;
  if (wait > (deps.yieldAfterMs ?? 1_000)) throw new YieldedForBudget(Date.now() + wait);
  let lock: StateLock;
  try {
    lock = await deps.state.lock(spec.name, { ttlMs: deps.lockTtlMs });
  } catch (error) {
    // Another worker is polling this connection right now (a run outlasted its interval):
    // this tick is redundant, so it completes without running.
    if ((error as { code?: unknown }).code === 'state_locked') return { kind: 'skipped' };
    throw error;
  }
  const lost = new AbortController();
  const renewal = setInterval(() => {
    // Another writer took over, or Redis failed: save nothing, and fail with why.
    lock.renew().catch((error: unknown) => lost.abort(error));
  }, deps.lockTtlMs / 3);
  // The poller gets the store without its lock: the lock is this job's, held across the run.
  const { lock: _, ...unlocked } = deps.state;
  const store: StateStore = unlocked;
  const poller = createPoller({
    connector: deps.connectorFor(spec),
    store,
    connection: spec.name,
    intervalMs: spec.intervalMs,
    budgetPolicy: 'ignore', // BullMQ schedules; the shared limiter holds the budget
    signal: AbortSignal.any([lost.signal, deps.shutdown]),
    onEvent: deps.telemetryFor?.(spec).onPollerEvent,
    beforeCommit: (changeSet) => publish(deps.redis, changeSet, deps.worker, maxLenOf(deps)),
  });
  const startedAt = Date.now();
  try {
    const changeSet = await poller.runOnce();
    const summary = {
      ms: Date.now() - startedAt,
      kind: changeSet.kind,
      total: changeSet.total,
      added: changeSet.added.length,
      changed: changeSet.changed.length,
      removed: changeSet.removed.length,
    };
    await deps.redis.xadd(
      RUNS,
      'MAXLEN',
      '~',
      maxLenOf(deps),
      '*',
      'connection',
      spec.name,
      'worker',
      deps.worker,
      'job',
      job.id ?? '',
      ...Object.entries(summary).flat().map(String),
    );
    return summary;
  } catch (error) {
    throw lost.signal.aborted ? lost.signal.reason : error;
  } finally {
    clearInterval(renewal);
    await poller.stop();
    await lock.release().catch(() => undefined); // an expired lease frees itself
  }
}
