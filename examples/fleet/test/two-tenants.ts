import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { expect, vi } from 'vitest';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { RETRY, RUNS } from '../src/schedule.ts';
import { type Harness, readStream } from './harness.ts';

/**
 * Two Hexnode tenants (`north`, `south`), each a rate-limited sandbox read by two connections
 * (`-a`, `-b`) that share the tenant's budget: four connections, written to the fleet file.
 */
export async function startTwoTenants(
  harness: Pick<Harness<unknown>, 'writeFleet'>,
  o: { users: number; perMinute: { limit: number; intervalMs: number } },
): Promise<{ sandboxes: Sandbox<'hexnode'>[]; specs: ConnectionSpec[]; close(): Promise<void> }> {
  const sandboxes: Sandbox<'hexnode'>[] = [];
  const specs: ConnectionSpec[] = [];
  for (const tenant of ['north', 'south']) {
    const sb = await startSandbox({
      vendor: 'hexnode',
      size: { users: o.users },
      limits: { perMinute: o.perMinute },
    });
    sandboxes.push(sb);
    for (const product of ['a', 'b']) {
      specs.push({
        name: `${tenant}-${product}`,
        tenant,
        ...sb.credentials,
        managedDevices: 100,
        intervalMs: 60_000,
        perMinute: o.perMinute,
        pageSize: 10,
      });
    }
  }
  await harness.writeFleet(specs);
  return {
    sandboxes,
    specs,
    close: async () => void (await Promise.all(sandboxes.map((sb) => sb.close()))),
  };
}

const job = { attempts: RETRY.attempts, backoff: { type: 'retry-after', delay: 200 } };

/**
 * Enqueues one poll job per connection, runs `during` (while the round is under way), and waits
 * until each connection has reported a run after the first `from` runs; resolves with those runs.
 */
export async function pollRound(
  harness: Pick<Harness<unknown>, 'queue' | 'redis'>,
  specs: readonly ConnectionSpec[],
  from: number,
  during?: () => Promise<void>,
): Promise<Record<string, string>[]> {
  for (const s of specs) await harness.queue.add('poll', { connection: s.name }, job);
  await during?.();
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
