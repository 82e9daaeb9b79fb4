// The fleet when budgets bind: a few Hexnode tenants, two connections each sharing the tenant's
// budget, limits tight enough that every job waits for its tenant, and jobs of 12 requests. It
// counts the Redis commands the workers send (MONITOR, a script's own calls left out) against
// the requests the sandboxes answered: what a budgeted request costs in Redis.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@org/connector-redis/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ResultRow, ScenarioResult } from '../report.ts';
import { BULL_PREFIX, closeFleet, QUEUE, RUNS, WORKER } from './fleet.ts';

const TENANTS = 6;
const PER_TENANT = 2; // connections sharing one tenant budget
const USERS = 221; // 11 pages of 20, and the first page again: 12 requests a job
const PAGE = 20;
// Hexnode's 30 a minute, scaled to 6 per 2 s: a job's 12 requests take two windows or more.
const PER_MINUTE = { limit: 6, intervalMs: 2_000 };
const WORKERS = 2;
// The bench's own commands while it waits, and MONITOR's.
const OWN = new Set(['xlen', 'xrange', 'monitor', 'info', 'client', 'ping']);

/** Runs the scenario: one round of one job per connection, baselines. */
export async function fleetBinding(log: (line: string) => void): Promise<ScenarioResult> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  await redis.ping();
  const monitor = await redis.monitor();
  const dir = await mkdtemp(join(tmpdir(), 'bench-fleet-binding-'));
  const config = join(dir, 'fleet.json');
  const sandboxes: Sandbox<'hexnode'>[] = [];
  const workers: ChildProcess[] = [];
  const queueConnection = new Redis(server.url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection: queueConnection, prefix: BULL_PREFIX });
  const sent = new Map<string, number>();
  let counting = false;
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const name = String(args[0]).toLowerCase();
    if (!counting || source === 'lua' || OWN.has(name)) return;
    sent.set(name, (sent.get(name) ?? 0) + 1);
  });
  let requests = 0;
  let limited = 0;
  let elapsed = 0;
  const jobs = TENANTS * PER_TENANT;
  try {
    const connections = [];
    for (let t = 0; t < TENANTS; t++) {
      const sb = await startSandbox({
        vendor: 'hexnode',
        seed: t + 1,
        size: { users: USERS, devices: 50 },
        limits: { perMinute: PER_MINUTE },
      });
      sandboxes.push(sb);
      for (let c = 0; c < PER_TENANT; c++) {
        connections.push({
          name: `tenant-${t + 1}-${c + 1}`,
          tenant: `tenant-${t + 1}`,
          ...sb.credentials,
          managedDevices: 1_000,
          intervalMs: 15 * 60_000,
          perMinute: PER_MINUTE,
          pageSize: PAGE,
        });
      }
    }
    await writeFile(config, JSON.stringify({ connections }), { mode: 0o600 });
    for (let w = 0; w < WORKERS; w++) {
      const child = fork(WORKER, {
        env: {
          ...process.env,
          REDIS_URL: server.url,
          FLEET_CONFIG: config,
          WORKER_ID: `w${w + 1}`,
          CONCURRENCY: '4',
          SHARED_CONCURRENCY: '2',
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      workers.push(child);
      await new Promise((resolve) => child.once('message', resolve));
    }
    counting = true;
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
    while ((await redis.xlen(RUNS)) < jobs) await new Promise((r) => setTimeout(r, 50));
    elapsed = performance.now() - started;
    // Settles and lock releases follow a run's summary by a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    counting = false;
    requests = sandboxes.reduce((n, sb) => n + sb.control.counters().requests, 0);
    limited = sandboxes.reduce((n, sb) => n + sb.control.counters().rateLimited, 0);
    log(`  ${jobs} jobs, ${requests} requests in ${Math.round(elapsed)} ms`);
  } finally {
    monitor.disconnect();
    await closeFleet({
      workers,
      queue,
      connections: [queueConnection, redis],
      server,
      sandboxes,
      dir,
    });
  }
  const commands = [...sent.values()].reduce((a, b) => a + b, 0);
  const top = [...sent]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, n]) => `${name} ${(n / jobs).toFixed(1)}`)
    .join(', ');
  const perJob = Number((commands / jobs).toFixed(1));
  const perRequest = Number((commands / Math.max(1, requests)).toFixed(2));
  const rows: ResultRow[] = [
    {
      scenario: 'fleet-binding',
      variant: 'Redis commands per job',
      value: perJob,
      unit: 'count',
      runs: [perJob],
      note: `sent by the workers (MONITOR, script internals left out), ${(requests / jobs).toFixed(1)} requests a job; most: ${top}`,
    },
    {
      scenario: 'fleet-binding',
      variant: 'Redis commands per request',
      value: perRequest,
      unit: 'x',
      runs: [perRequest],
      note: "stores' and BullMQ's together, over the requests the sandboxes answered",
    },
    {
      scenario: 'fleet-binding',
      variant: 'round time',
      value: Math.round(elapsed),
      unit: 'ms',
      runs: [Math.round(elapsed)],
      note: `${jobs} jobs, ${TENANTS} tenants of ${PER_MINUTE.limit} calls per ${PER_MINUTE.intervalMs / 1000} s`,
    },
    {
      scenario: 'fleet-binding',
      variant: '429s sent',
      value: limited,
      unit: '429s',
      runs: [limited],
      target: '0',
      met: limited === 0,
    },
  ];
  return {
    id: 'fleet-binding',
    title: `Fleet with budgets binding: ${TENANTS} tenants, ${PER_TENANT} connections each, ${WORKERS} workers`,
    setup: `examples/fleet workers on a private redis-server; ${USERS} users per tenant in pages of ${PAGE}; every tenant limited to ${PER_MINUTE.limit} calls per ${PER_MINUTE.intervalMs / 1000} s, shared by its connections across workers`,
    rows,
  };
}
