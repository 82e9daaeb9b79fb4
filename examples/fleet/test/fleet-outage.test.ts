import type { ChildProcess } from 'node:child_process';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { CHANGES, RETRY, RUNS } from '../src/schedule.ts';
import { type Harness, readStream, startHarness } from './harness.ts';

// The fleet's infrastructure failing under it: Redis stopped for 10 s in the middle of a round,
// then its data lost. Four connections on two Hexnode tenants (two per tenant, sharing its budget),
// two workers. Snapshot leases and job locks are a few seconds, so the outage outlasts them all.
const OUTAGE_MS = 10_000;
const TIMING = {
  JOB_LOCK_MS: '3000',
  LOCK_TTL_MS: '2000',
  CONCURRENCY: '2',
  SHARED_CONCURRENCY: '2',
  GRACE_MS: '300',
};
const perMinute = { limit: 12, intervalMs: 1_000 };
let harness: Harness;
let workers: ChildProcess[] = [];
const sandboxes: Sandbox<'hexnode'>[] = [];
const specs: ConnectionSpec[] = [];

beforeAll(async () => {
  harness = await startHarness();
  for (const tenant of ['north', 'south']) {
    const sb = await startSandbox({
      vendor: 'hexnode',
      size: { users: 60 },
      limits: { perMinute },
    });
    sandboxes.push(sb);
    for (const product of ['a', 'b']) {
      specs.push({
        name: `${tenant}-${product}`,
        tenant,
        ...sb.credentials,
        managedDevices: 100,
        intervalMs: 60_000,
        perMinute,
        pageSize: 10,
      });
    }
  }
  await harness.writeFleet(specs);
  workers = await Promise.all([
    harness.startWorker('w1', TIMING),
    harness.startWorker('w2', TIMING),
  ]);
});
afterAll(async () => {
  await harness?.close();
  await Promise.all(sandboxes.map((sb) => sb.close()));
});

const job = { attempts: RETRY.attempts, backoff: { type: 'retry-after', delay: 200 } };
/** Enqueues one poll job per connection and waits until each has reported a run since `from`. */
async function round(from: number, during?: () => Promise<void>) {
  for (const s of specs) await harness.queue.add('poll', { connection: s.name }, job);
  await during?.();
  let runs: Record<string, string>[] = [];
  await vi.waitFor(
    async () => {
      runs = (await readStream(harness.redis, RUNS)).slice(from);
      expect(new Set(runs.map((r) => r.connection))).toEqual(new Set(specs.map((s) => s.name)));
    },
    { timeout: 40_000, interval: 100 },
  );
  return runs;
}
const alive = () => workers.filter((w) => w.exitCode === null && w.signalCode === null).length;

describe('the fleet through Redis failures', () => {
  it('Redis stopped for 10 s mid-round: no worker exits, every job completes, no false change, no 429', async () => {
    const baselines = await round(0);
    expect(baselines.map((r) => r.kind)).toEqual(['baseline', 'baseline', 'baseline', 'baseline']);
    const [north, south] = sandboxes as [Sandbox<'hexnode'>, Sandbox<'hexnode'>];
    const added = north.control.addUsers(2);
    north.control.removeUsers([7]);
    for (const sb of sandboxes) sb.control.resetCounters();

    const runs = await round(4, async () => {
      // Mid-round: the workers are reading the tenants when Redis goes away.
      await vi.waitFor(
        () =>
          expect(
            north.control.counters().requests + south.control.counters().requests,
          ).toBeGreaterThanOrEqual(4),
        { timeout: 20_000, interval: 10 },
      );
      await harness.server.halt();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      expect(alive()).toBe(2);
      await harness.server.restart();
    });
    expect(alive()).toBe(2);
    // Every connection completed the round with a delta: nothing was mistaken for a first run.
    expect(runs.every((r) => r.kind === 'delta')).toBe(true);
    // Only the changes that happened, each at least once (a run cut off between its publish and
    // its commit reports them again).
    const changes = await readStream(harness.redis, CHANGES);
    const seen = new Set(changes.map((c) => `${c.connection} ${c.kind} ${c.id}`));
    const expected = ['north-a', 'north-b'].flatMap((c) => [
      ...added.map((u) => `${c} added ${u.id}`),
      `${c} removed 7`,
    ]);
    expect([...seen].sort()).toEqual(expected.sort());
    expect(north.control.counters().rateLimited + south.control.counters().rateLimited).toBe(0);
  });

  it('FLUSHALL between rounds: the next round reports baseline-lost for every connection', async () => {
    const before = (await readStream(harness.redis, RUNS)).length;
    expect(before).toBeGreaterThanOrEqual(8);
    await harness.redis.flushall();
    const runs = await round(0);
    expect(runs.map((r) => `${r.connection} ${r.kind}`).sort()).toEqual(
      specs.map((s) => `${s.name} baseline-lost`).sort(),
    );
    expect(alive()).toBe(2);
  });
});
