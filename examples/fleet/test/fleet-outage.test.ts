import type { ChildProcess } from 'node:child_process';
import type { Sandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { CHANGES, RUNS } from '../src/schedule.ts';
import { type Harness, readStream, startHarness } from './harness.ts';
import { pollRound, startTwoTenants } from './two-tenants.ts';

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
let tenants: Awaited<ReturnType<typeof startTwoTenants>> | undefined;
let sandboxes: Sandbox<'hexnode'>[] = [];
let specs: ConnectionSpec[] = [];

beforeAll(async () => {
  harness = await startHarness();
  tenants = await startTwoTenants(harness, { users: 60, perMinute });
  ({ sandboxes, specs } = tenants);
  workers = await Promise.all([
    harness.startWorker('w1', TIMING),
    harness.startWorker('w2', TIMING),
  ]);
});
afterAll(async () => {
  await harness?.close();
  await tenants?.close();
});

const round = (from: number, during?: () => Promise<void>) =>
  pollRound(harness, specs, from, during);
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
