import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisCluster } from '@org/connector-redis/testing';
import type { Sandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { CHANGES } from '../src/schedule.ts';
import { type Harness, readStream, startClusterHarness } from './harness.ts';
import { pollRound, startTwoTenants } from './two-tenants.ts';

// The example as written, on a real 3-master Redis Cluster: cluster clients, BullMQ's hash-tagged
// prefix, the stores' per-tenant hash tags. Two workers, four connections on two tenants.
let harness: Harness<RedisCluster>;
let otelDir: string;
let tenants: Awaited<ReturnType<typeof startTwoTenants>> | undefined;
let sandboxes: Sandbox<'hexnode'>[] = [];
let specs: ConnectionSpec[] = [];
const perMinute = { limit: 12, intervalMs: 1_000 };
beforeAll(async () => {
  harness = await startClusterHarness();
  tenants = await startTwoTenants(harness, { users: 40, perMinute });
  ({ sandboxes, specs } = tenants);
  otelDir = await mkdtemp(join(tmpdir(), 'fleet-otel-'));
  const timing = { CONCURRENCY: '2', SHARED_CONCURRENCY: '2' };
  // Each worker exports its spans and metrics to a file, soon after they end.
  const otel = (id: string) => ({
    OTEL_EXPORT: join(otelDir, `${id}.jsonl`),
    OTEL_BSP_SCHEDULE_DELAY: '50',
    OTEL_METRIC_EXPORT_INTERVAL: '200',
  });
  await Promise.all([
    harness.startWorker('w1', { ...timing, ...otel('w1') }),
    harness.startWorker('w2', { ...timing, ...otel('w2') }),
  ]);
});
afterAll(async () => {
  await harness?.close();
  await rm(otelDir, { recursive: true, force: true });
  await tenants?.close();
});

const round = (from: number) => pollRound(harness, specs, from);

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

    // The workers exported a span per sync and per request, and run metrics, per connection,
    // none carrying a credential or an email.
    const exported = async () => {
      const lines: Array<Record<string, unknown>> = [];
      for (const id of ['w1', 'w2']) {
        const text = await readFile(join(otelDir, `${id}.jsonl`), 'utf8').catch(() => '');
        for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      }
      return lines;
    };
    await vi.waitFor(
      async () => {
        const lines = await exported();
        const syncs = lines.filter((l) => l.span === 'connector.sync');
        const connectionOf = (l: Record<string, unknown>) =>
          (l.attributes as Record<string, unknown>)['connector.connection'];
        expect(new Set(syncs.map(connectionOf))).toEqual(new Set(specs.map((s) => s.name)));
        expect(lines.some((l) => l.span === 'GET /api/v1/users/')).toBe(true);
        expect(lines.some((l) => l.metric === 'connector.sync.runs')).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    const text = JSON.stringify(await exported());
    for (const sb of sandboxes) expect(text).not.toContain(sb.credentials.apiKey);
    expect(text).not.toMatch(/@/);
  });
});
