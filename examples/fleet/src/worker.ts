/**
 * One worker process of the fleet: `node src/worker.ts` with REDIS_URL (or REDIS_CLUSTER) and
 * FLEET_CONFIG set. Run
 * as many as you like, on as many machines; they share every tenant's budget and snapshot through
 * Redis. SIGTERM finishes the current jobs (or, past GRACE_MS, hands them back) and exits.
 */
import { createRedisRateLimitStore, createRedisStateStore } from '@org/connector-redis';
import { Queue, Worker } from 'bullmq';
import { budgetWait, createConnections } from './connections.ts';
import { loadFleet } from './fleet-config.ts';
import { createPollProcessor } from './poll-job.ts';
import { BULL_PREFIX, connectRedis, redisTarget } from './redis-connection.ts';
import { retryDelay } from './retry-delay.ts';
import { type PollJob, QUEUE } from './schedule.ts';
import { startTelemetry, telemetryPerConnection } from './telemetry.ts';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const target = redisTarget();
const fleetFile = env('FLEET_CONFIG');
const workerId = env('WORKER_ID', `worker-${process.pid}`);
const lockTtlMs = Number(env('LOCK_TTL_MS', '20000'));
const jobLockMs = Number(env('JOB_LOCK_MS', '30000'));
const graceMs = Number(env('GRACE_MS', '10000'));
// Calls in flight per tenant across every worker (Hexnode: 4).
const sharedConcurrency = Number(env('SHARED_CONCURRENCY', '4'));

// Stores fail fast in an outage (the job runs again once Redis is back) instead of queueing
// commands for long; the client reconnects by itself.
const redis = connectRedis(target, { maxRetriesPerRequest: 2 });
redis.on('error', () => undefined); // an outage is seen by the calls that fail, not as a crash
const queue = new Queue<PollJob>(QUEUE, {
  connection: connectRedis(target, { maxRetriesPerRequest: null }),
  prefix: BULL_PREFIX,
});
// A second connection on which the store hears of leases other workers release: a job waiting
// for a tenant's shared slot is woken at once instead of polling Redis.
const wake = redis.duplicate();
wake.on('error', () => undefined);
// Spans and metrics per connection, exported where OTEL_EXPORT says (or by the host's own SDK).
const stopTelemetry = startTelemetry();
const telemetryFor = telemetryPerConnection();
const budgets = createRedisRateLimitStore({
  redis,
  wake,
  concurrency: { limit: sharedConcurrency, leaseMs: 60_000 },
});
const state = createRedisStateStore({ redis, expectEpoch: process.env.EXPECT_EPOCH || undefined });
// Learn the store's epoch now, so that if Redis loses its data later this worker can tell.
await state.epoch();
const shutdown = new AbortController();

const worker = new Worker<PollJob>(
  QUEUE,
  createPollProcessor({
    specs: () => loadFleet(fleetFile),
    connectorFor: createConnections(budgets, telemetryFor),
    telemetryFor,
    budgetWait: (spec) => budgetWait(budgets, spec),
    state,
    redis,
    queue,
    worker: workerId,
    lockTtlMs,
    shutdown: shutdown.signal,
    streamMaxLen: Number(env('STREAM_MAXLEN', '100000')),
  }),
  {
    connection: connectRedis(target, { maxRetriesPerRequest: null }),
    prefix: BULL_PREFIX,
    concurrency: Number(env('CONCURRENCY', '4')),
    // A worker that dies stops extending its job lock; another takes the job after this long.
    lockDuration: jobLockMs,
    stalledInterval: Math.max(100, jobLockMs / 2),
    // A busy worker may miss a lock renewal and have its job taken over once; the snapshot lock
    // keeps the two runs from both writing.
    maxStalledCount: 2,
    settings: {
      backoffStrategy: (attemptsMade, _type, error, job) =>
        retryDelay(
          attemptsMade,
          Number(
            job?.opts.backoff && typeof job.opts.backoff === 'object'
              ? job.opts.backoff.delay
              : 1_000,
          ),
          error,
        ),
    },
  },
);
// An outage repeats the same error every reconnect attempt: say it once.
let lastError = '';
worker.on('error', (error) => {
  if (error.message !== lastError) console.error(`${workerId}: ${error.message}`);
  lastError = error.message;
});
worker.on('completed', () => {
  lastError = '';
});
worker.on('failed', (job, error) =>
  console.error(`${workerId}: ${job?.data.connection ?? '?'} failed: ${error.message}`),
);

process.once('SIGTERM', async () => {
  // Finish what is running; past the grace period abort it, which hands the job back.
  const timer = setTimeout(() => shutdown.abort(), graceMs);
  await worker.close();
  clearTimeout(timer);
  await queue.close();
  await stopTelemetry();
  await redis.quit();
  wake.disconnect();
  process.exit(0);
});

await worker.waitUntilReady();
process.send?.({ type: 'ready', worker: workerId });
console.log(`${workerId}: polling the connections of ${fleetFile} from ${QUEUE}`);
