import type { RedisCluster } from '@org/connector-redis/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { CHANGES, RETRY, RUNS } from '../src/schedule.ts';
import { type Harness, readStream, startClusterHarness } from './harness.ts';

// The example as written, on a real 3-master Redis Cluster: cluster clients, BullMQ's hash-tagged
// prefix, the stores' per-tenant hash tags. Two workers, four connections on two tenants.
let harness: Harness<RedisCluster>;
const sandboxes: Sandbox<'hexnode'>[] = [];
const specs: ConnectionSpec[] = [];
const perMinute = { limit: 12, intervalMs: 1_000 };
beforeAll(async () => {
  harness = await startClusterHarness();
  for (const tenant of ['north', 'south']) {
    const sb = await startSandbox({
      vendor: 'hexnode',
      size: { users: 40 },
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
  const timing = { CONCURRENCY: '2', SHARED_CONCURRENCY: '2' };
  await Promise.all([harness.startWorker('w1', timing), harness.startWorker('w2', timing)]);
});
afterAll(async () => {
  await harness?.close();
  await Promise.all(sandboxes.map((sb) => sb.close()));
});

const job = { attempts: RETRY.attempts, backoff: { type: 'retry-after', delay: 200 } };
async function round(from: number) {
  for (const s of specs) await harness.queue.add('poll', { connection: s.name }, job);
  let runs: Record<string, string>[] = [];
  await vi.waitFor(
    async () => {
      runs = (await readStream(harness.redis, RUNS)).slice(from);
      expect(runs.map((r) => r.connection).sort()).toEqual(specs.map((s) => s.name).sort());
    },
    { timeout: 40_000, interval: 100 },
  );
  return runs;
}

describe('the fleet on a real 3-master Redis Cluster', () => {
  it('completes a baseline round and a delta round, sharing each tenant budget: no 429', async () => {
    expect(harness.server.nodes).toHaveLength(3);
    expect((await round(0)).map((r) => r.kind)).toEqual(Array(4).fill('baseline'));
    const [north] = sandboxes as [Sandbox<'hexnode'>];
    const added = north.control.addUsers(1);
    const runs = await round(4);
    expect(runs.map((r) => r.kind)).toEqual(Array(4).fill('delta'));
    const changes = await readStream(harness.redis, CHANGES);
    expect(new Set(changes.map((c) => `${c.connection} ${c.kind} ${c.id}`))).toEqual(
      new Set(['north-a', 'north-b'].map((c) => `${c} added ${added[0]?.id}`)),
    );
    expect(sandboxes.reduce((n, sb) => n + sb.control.counters().rateLimited, 0)).toBe(0);
  });
});
