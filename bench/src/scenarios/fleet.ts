// The fleet: 500 Hexnode sandbox tenants polled by 4 worker processes of examples/fleet through
// BullMQ on a private Redis. Two rounds (baselines, then deltas after some users changed), each one
// poll job per connection enqueued at once. Measures connections per minute, p95 run time, Redis
// commands per run (INFO commandstats, BullMQ's included) and 429s.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@org/connector-redis/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { median } from '../measure.ts';
import type { ResultRow, ScenarioResult } from '../report.ts';

const TENANTS = 500;
const WORKERS = 4;
const USERS = 250; // three pages of 100: Hexnode's default size, well inside 30 calls a minute
const PER_WORKER = 25; // jobs in flight per worker
export const WORKER = new URL(
  '../../node_modules/@org/example-fleet/src/worker.ts',
  import.meta.url,
);
// examples/fleet/src/schedule.ts and redis-connection.ts
export const QUEUE = 'fleet-poll';
export const BULL_PREFIX = '{fleet}';
export const RUNS = '{fleet}:runs';
// Commands only this scenario's bookkeeping sends (it polls XLEN while it waits).
const OWN = new Set(['xlen', 'xrange', 'info']);

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
};

/** Calls per command from INFO commandstats. */
async function commandCalls(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    calls.set(m[1] ?? '', Number(m[2]));
  return calls;
}

/** Bytes Redis uses for data (INFO memory `used_memory`). */
async function usedMemory(redis: Redis): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1] ?? Number.NaN);
}

/** CPU seconds the Redis server has used (INFO cpu, user + system). */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return read('used_cpu_user') + read('used_cpu_sys');
}

/** Stops a scenario's workers (SIGTERM, waited for), its queue, Redis, sandboxes and files. */
export async function closeFleet(o: {
  workers: readonly ChildProcess[];
  queue: Queue;
  connections: readonly Redis[];
  server: { stop(): Promise<void> };
  sandboxes: readonly Sandbox<'hexnode'>[];
  dir: string;
}): Promise<void> {
  await Promise.all(
    o.workers.map((w) => {
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.kill('SIGTERM');
      return exited;
    }),
  );
  await o.queue.close();
  for (const c of o.connections) c.disconnect();
  await o.server.stop();
  await Promise.all(o.sandboxes.map((sb) => sb.close()));
  await rm(o.dir, { recursive: true, force: true });
}

/** Runs the fleet scenario: `rounds` rounds of one poll job per tenant. */
export async function fleet(rounds: number, log: (line: string) => void): Promise<ScenarioResult> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  const dir = await mkdtemp(join(tmpdir(), 'bench-fleet-'));
  const config = join(dir, 'fleet.json');
  const sandboxes: Sandbox<'hexnode'>[] = [];
  const workers: ChildProcess[] = [];
  const queueConnection = new Redis(server.url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection: queueConnection, prefix: BULL_PREFIX });
  const perMinute: number[] = [];
  const runP95: number[] = [];
  const commandsPerRun: number[] = [];
  const cpuPerRun: number[] = [];
  let limited = 0;
  let top = '';
  let scriptsPerRun = 0;
  let memoryBefore = 0;
  let memoryPerTenant = 0;
  try {
    for (let i = 0; i < TENANTS; i++) {
      sandboxes.push(
        await startSandbox({ vendor: 'hexnode', seed: i + 1, size: { users: USERS, devices: 50 } }),
      );
    }
    const connections = sandboxes.map((sb, i) => ({
      name: `tenant-${i + 1}`,
      tenant: `tenant-${i + 1}`,
      ...sb.credentials,
      managedDevices: 50,
      intervalMs: 15 * 60_000,
      pageSize: 100,
    }));
    await writeFile(config, JSON.stringify({ connections }), { mode: 0o600 });
    memoryBefore = await usedMemory(redis);
    for (let w = 0; w < WORKERS; w++) {
      const child = fork(WORKER, {
        env: {
          ...process.env,
          REDIS_URL: server.url,
          FLEET_CONFIG: config,
          WORKER_ID: `w${w + 1}`,
          CONCURRENCY: String(PER_WORKER),
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      workers.push(child);
      await new Promise((resolve) => child.once('message', resolve));
    }

    for (let round = 0; round < rounds; round++) {
      if (round > 0) {
        for (const sb of sandboxes) {
          sb.control.addUsers(1);
          sb.control.removeUsers([2 + round]);
        }
      }
      for (const sb of sandboxes) sb.control.resetCounters();
      const before = await commandCalls(redis);
      const cpuBefore = await redisCpu(redis);
      const seen = await redis.xlen(RUNS);
      const started = performance.now();
      await queue.addBulk(
        connections.map((c) => ({
          name: 'poll',
          data: { connection: c.name },
          opts: {
            attempts: 5,
            backoff: { type: 'retry-after', delay: 1_000 },
            removeOnComplete: 100,
          },
        })),
      );
      while ((await redis.xlen(RUNS)) < seen + TENANTS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const elapsed = performance.now() - started;
      const after = await commandCalls(redis);
      cpuPerRun.push(Number(((((await redisCpu(redis)) - cpuBefore) * 1000) / TENANTS).toFixed(2)));
      const runs = (await redis.xrange(RUNS, '-', '+')).slice(seen);
      const ms = runs.map(([, f]) => Number(f[f.indexOf('ms') + 1]));
      let commands = 0;
      const byCommand: Array<[string, number]> = [];
      for (const [name, calls] of after) {
        if (OWN.has(name)) continue;
        byCommand.push([name, calls - (before.get(name) ?? 0)]);
        commands += calls - (before.get(name) ?? 0);
      }
      top = byCommand
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, calls]) => `${name} ${(calls / TENANTS).toFixed(1)}`)
        .join(', ');
      scriptsPerRun = Number(
        (((after.get('evalsha') ?? 0) - (before.get('evalsha') ?? 0)) / TENANTS).toFixed(1),
      );
      perMinute.push(Math.round((TENANTS / elapsed) * 60_000));
      runP95.push(Math.round(p95(ms)));
      commandsPerRun.push(Number((commands / TENANTS).toFixed(1)));
      limited = Math.max(
        limited,
        sandboxes.reduce((n, sb) => n + sb.control.counters().rateLimited, 0),
      );
      log(`  round ${round + 1}: ${TENANTS} runs in ${Math.round(elapsed)} ms`);
    }
    memoryPerTenant = Math.round((await usedMemory(redis)) - memoryBefore) / TENANTS;
  } finally {
    await closeFleet({
      workers,
      queue,
      connections: [queueConnection, redis],
      server,
      sandboxes,
      dir,
    });
  }
  const rows: ResultRow[] = [
    {
      scenario: 'fleet',
      variant: 'connections polled per minute',
      value: median(perMinute),
      unit: '/min',
      runs: perMinute,
      note: `${TENANTS} tenants, ${WORKERS} workers × ${PER_WORKER} jobs in flight`,
    },
    {
      scenario: 'fleet',
      variant: 'p95 run time',
      value: median(runP95),
      unit: 'ms',
      runs: runP95,
      note: `${Math.ceil((USERS - 1) / 100)} pages per run`,
    },
    {
      scenario: 'fleet',
      variant: 'Redis commands per run',
      value: median(commandsPerRun),
      unit: 'count',
      runs: commandsPerRun,
      note: `executed, Lua script internals included (stores and BullMQ); most: ${top}`,
    },
    {
      scenario: 'fleet',
      variant: 'Redis CPU per run',
      value: median(cpuPerRun),
      unit: 'ms',
      runs: cpuPerRun,
      note: 'INFO cpu of the redis-server, user + system, over the round / runs',
    },
    {
      scenario: 'fleet',
      variant: 'script calls (EVALSHA) per run',
      value: scriptsPerRun,
      unit: 'count',
      runs: [scriptsPerRun],
      note: 'last round',
    },
    {
      scenario: 'fleet',
      variant: 'Redis memory per tenant',
      value: Math.round(memoryPerTenant / 1024),
      unit: 'KB',
      runs: [Math.round(memoryPerTenant / 1024)],
      note: `snapshot of ${USERS - 1} accounts, windows, leases, BullMQ's kept jobs and the streams`,
    },
    {
      scenario: 'fleet',
      variant: '429s sent',
      value: limited,
      unit: '429s',
      runs: [limited],
      target: '0',
      met: limited === 0,
    },
  ];
  return {
    id: 'fleet',
    title: `Fleet: ${TENANTS} Hexnode tenants, ${WORKERS} BullMQ workers, budgets and snapshots in Redis`,
    setup: `examples/fleet workers on a private redis-server; ${USERS} users per tenant sandbox (in the bench process), Hexnode's own limits; round 1 baselines, later rounds deltas (1 added, 1 removed per tenant)`,
    rows,
  };
}
