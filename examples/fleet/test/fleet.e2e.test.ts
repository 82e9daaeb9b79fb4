import type { ChildProcess } from 'node:child_process';
import { createPoller } from '@org/connector-core';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createRedisStateStore } from '@org/connector-redis';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { CHANGES, RETRY, RUNS } from '../src/schedule.ts';
import { type Harness, readStream, startHarness } from './harness.ts';

// One Redis and two worker processes for the file (a worker takes seconds to start on a busy
// machine); each test has its own sandbox and connection names. Each test takes 2–5 s; the waits'
// limits only guard against hangs, as the workspace's test timeout does. Workers read the fleet file per job.
// Snapshot lease shorter than the job lock: by the time a job is taken from a dead worker, its
// snapshot lease has lapsed.
const TIMING = {
  JOB_LOCK_MS: '3000',
  LOCK_TTL_MS: '2000',
  CONCURRENCY: '1',
  SHARED_CONCURRENCY: '8',
  GRACE_MS: '300',
};
let harness: Harness;
let workers: ChildProcess[] = [];
let sandbox: Sandbox<'hexnode'> | undefined;
beforeAll(async () => {
  harness = await startHarness();
  await harness.writeFleet([]);
  workers = await Promise.all([
    harness.startWorker('w1', TIMING),
    harness.startWorker('w2', TIMING),
  ]);
});
afterAll(() => harness?.close());
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
const runsOf = async (connection: string) =>
  (await readStream(harness.redis, RUNS)).filter((r) => r.connection === connection);

const spec = (
  sb: Sandbox<'hexnode'>,
  name: string,
  o: Partial<ConnectionSpec>,
): ConnectionSpec => ({
  name,
  tenant: 'acme',
  ...sb.credentials,
  managedDevices: 100,
  intervalMs: 60_000,
  ...o,
});
const job = { attempts: RETRY.attempts, backoff: { type: 'retry-after', delay: 200 } };

describe('fleet on a real Redis', () => {
  it('two workers share one Hexnode tenant budget: no 429 and at least 90% of the limit', async () => {
    // Hexnode's 30 per minute, scaled to 10 per 4 s (5× faster). The sandbox's clock records when each
    // request arrived (it reads the time once per authenticated request, to throttle it).
    const perMinute = { limit: 10, intervalMs: 4_000 };
    const arrivals: number[] = [];
    sandbox = await startSandbox({
      vendor: 'hexnode',
      size: { users: 200 },
      limits: { perMinute },
      clock: {
        now: () => {
          const t = Date.now();
          arrivals.push(t);
          return t;
        },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
    });
    arrivals.length = 0;
    // Two connections to the same portal (say, two products of one customer): one budget.
    await harness.writeFleet([
      spec(sandbox, 'acme-a', { perMinute, pageSize: 20 }),
      spec(sandbox, 'acme-b', { perMinute, pageSize: 20 }),
    ]);
    await harness.queue.add('poll', { connection: 'acme-a' }, job);
    await harness.queue.add('poll', { connection: 'acme-b' }, job);

    await vi.waitFor(async () => expect(await runsOf('acme-a')).toHaveLength(1), {
      timeout: 30_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect(await runsOf('acme-b')).toHaveLength(1), {
      timeout: 30_000,
      interval: 100,
    });
    const runs = [...(await runsOf('acme-a')), ...(await runsOf('acme-b'))];
    expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['w1', 'w2']));
    expect(runs.map((r) => r.total)).toEqual(['199', '199']);

    const counters = sandbox.control.counters();
    expect(counters.rateLimited).toBe(0);
    // 10 pages of 20 per connection, each listing reading its first page again at the end of its
    // drift-proof backward walk: 22 requests, two full windows and more.
    expect(arrivals.length).toBe(22);
    // The combined rate: a sliding window lets each of its `limit` slots be used once per
    // interval, so the time between a request and the one `limit` places later is how fully the
    // two workers together used the budget (ideal: the interval, plus the request's own latency,
    // since a slot counts from when its response came back).
    let gaps = 0;
    for (let i = perMinute.limit; i < arrivals.length; i++) {
      gaps += (arrivals[i] ?? 0) - (arrivals[i - perMinute.limit] ?? 0);
    }
    const meanGap = gaps / (arrivals.length - perMinute.limit);
    const perWindow = (perMinute.limit * perMinute.intervalMs) / meanGap;
    expect(perWindow).toBeGreaterThanOrEqual(0.9 * perMinute.limit);
    // And the server never saw more than the limit in any window.
    for (let i = perMinute.limit; i < arrivals.length; i++) {
      expect((arrivals[i] ?? 0) - (arrivals[i - perMinute.limit] ?? 0)).toBeGreaterThanOrEqual(
        perMinute.intervalMs,
      );
    }
  });

  it('a worker killed mid-job: the job is retried elsewhere, the snapshot intact, changes at least once', async () => {
    sandbox = await startSandbox({ vendor: 'hexnode', size: { users: 400 }, limits: false });
    const state = createRedisStateStore({ redis: harness.redis });
    const acme = spec(sandbox, 'acme', {
      perMinute: { limit: 20, intervalMs: 500 },
      pageSize: 10,
    });
    await harness.writeFleet([acme]);

    // The baseline, taken directly, with no limits.
    const baseline = await createPoller({
      connector: createHexnodeConnector({ ...sandbox.credentials, name: 'acme', pageSize: 100 }),
      store: state,
      intervalMs: 60_000,
      budgetPolicy: 'ignore',
    }).runOnce();
    expect(baseline.total).toBe(399);
    const before = await state.load('acme');

    const added = sandbox.control.addUsers(3);
    sandbox.control.removeUsers([10, 11]);
    sandbox.control.setLimits({ perMinute: { limit: 20, intervalMs: 500 } });
    sandbox.control.resetCounters();

    const queued = await harness.queue.add('poll', { connection: 'acme' }, job);
    const sb = sandbox;
    await vi.waitFor(() => expect(sb.control.counters().requests).toBeGreaterThanOrEqual(10), {
      timeout: 30_000,
      interval: 20,
    });
    // The worker running the job holds the snapshot lock, whose owner names its pid.
    const owner = (await harness.redis.hget('ck:state:{acme}:lock', 'owner')) ?? '';
    const doomed = workers.find((w) => owner.startsWith(`${w.pid}@`));
    const survivor = workers.find((w) => w !== doomed);
    if (!doomed || !survivor) throw new Error(`no worker holds the lock (owner ${owner})`);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    // Killed in the middle of listing: nothing committed, nothing reported.
    expect(await state.load('acme')).toEqual(before);
    expect(await harness.redis.xlen(CHANGES)).toBe(0);

    const redis = harness.redis;
    await vi.waitFor(async () => expect(await runsOf('acme')).toHaveLength(1), {
      timeout: 30_000,
      interval: 100,
    });
    const [run] = await runsOf('acme');
    expect(run).toMatchObject({ job: queued.id, kind: 'delta', total: '400' });
    expect(run?.worker).toBe(survivor === workers[0] ? 'w1' : 'w2');

    const after = await state.load('acme');
    expect(after?.accounts.size).toBe(400);
    expect(after?.takenAt.getTime()).toBeGreaterThan(before?.takenAt.getTime() ?? 0);
    // At least once: every change is there; here, since the killed run never reached its commit,
    // exactly once — and nothing that did not happen.
    const changes = await readStream(redis, CHANGES);
    expect(changes.map((c) => `${c.kind} ${c.id}`).sort()).toEqual(
      [...added.map((u) => `added ${u.id}`), 'removed 10', 'removed 11'].sort(),
    );
  });
  it('SIGTERM past the grace period hands the running job back and releases the snapshot', async () => {
    // Runs after the SIGKILL test: the one worker left takes this job.
    const live = workers.filter((w) => w.exitCode === null && w.signalCode === null);
    expect(live).toHaveLength(1);
    sandbox = await startSandbox({
      vendor: 'hexnode',
      size: { users: 400 },
      limits: { perMinute: { limit: 10, intervalMs: 1_000 } },
    });
    await harness.writeFleet([
      spec(sandbox, 'slow', { perMinute: { limit: 10, intervalMs: 1_000 }, pageSize: 10 }),
    ]);
    const queued = await harness.queue.add('poll', { connection: 'slow' }, job);
    const sb = sandbox;
    await vi.waitFor(() => expect(sb.control.counters().requests).toBeGreaterThanOrEqual(5), {
      timeout: 30_000,
      interval: 20,
    });
    const worker = live[0] as ChildProcess;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    // 40 pages at 10 a second cannot finish within the 300 ms grace: the run is abandoned.
    expect(await exited).toBe(0);

    const handedBack = await harness.queue.getJob(queued.id ?? '');
    expect(['waiting', 'delayed']).toContain(await handedBack?.getState());
    expect(handedBack?.attemptsMade).toBe(0);
    expect(await harness.redis.exists('ck:state:{slow}:lock')).toBe(0);
    expect(await createRedisStateStore({ redis: harness.redis }).load('slow')).toBeUndefined();
    expect(await runsOf('slow')).toHaveLength(0);
  });
});
