/**
 * The fleet demo, one command: `pnpm --filter @org/example-fleet start`. Starts Redis (or uses
 * REDIS_URL), a Hexnode sandbox per tenant, schedules one repeatable poll job per connection and
 * runs WORKERS worker processes for DURATION_MS; meanwhile users change, and one tenant's key is
 * revoked, so changes stream in and that connection leaves the schedule. Then SIGTERM, a summary.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@org/connector-redis/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { Queue } from 'bullmq';
import type { ConnectionSpec } from './fleet-config.ts';
import { BULL_PREFIX, connectRedis, redisTarget } from './redis-connection.ts';
import {
  CHANGES,
  NEEDS_ACTION,
  type PollJob,
  QUEUE,
  RUNS,
  scheduleConnections,
} from './schedule.ts';

const TENANTS = Number(process.env.TENANTS ?? 6);
const WORKERS = Number(process.env.WORKERS ?? 2);
const DURATION_MS = Number(process.env.DURATION_MS ?? 15_000);
// Hexnode's 30 per minute, scaled 20× so the demo shows the shared budget in seconds.
const PER_MINUTE = { limit: 30, intervalMs: 3_000 };

// REDIS_URL or REDIS_CLUSTER (seed nodes) when given; else a private redis-server.
const given = process.env.REDIS_URL || process.env.REDIS_CLUSTER;
const server = given ? undefined : await startRedisServer();
const target = given ? redisTarget() : { url: server?.url };
const url = process.env.REDIS_CLUSTER ? `cluster ${process.env.REDIS_CLUSTER}` : (target.url ?? '');
const redis = connectRedis(target);
await redis.del(CHANGES, RUNS, NEEDS_ACTION); // the demo's own keys: start clean
const dir = await mkdtemp(join(tmpdir(), 'fleet-'));
const sandboxes: Sandbox<'hexnode'>[] = [];
const specs: ConnectionSpec[] = [];
for (let i = 0; i < TENANTS; i++) {
  const sb = await startSandbox({
    vendor: 'hexnode',
    seed: i + 1,
    size: { users: 120, devices: 50 },
    limits: { perMinute: PER_MINUTE },
  });
  sandboxes.push(sb);
  const tenant = `tenant-${String(i + 1).padStart(2, '0')}`;
  specs.push({
    name: tenant,
    tenant,
    ...sb.credentials,
    managedDevices: 50,
    intervalMs: 2_000,
    perMinute: PER_MINUTE,
    pageSize: 25,
  });
}
const config = join(dir, 'fleet.json');
await writeFile(config, JSON.stringify({ connections: specs }), { mode: 0o600 });

const queue = new Queue<PollJob>(QUEUE, {
  connection: connectRedis(target, { maxRetriesPerRequest: null }),
  prefix: BULL_PREFIX,
});
console.log(
  `redis ${url}; ${await scheduleConnections(queue, redis, specs)} connections scheduled`,
);

const workers: ChildProcess[] = Array.from({ length: WORKERS }, (_, i) =>
  fork(new URL('./worker.ts', import.meta.url), {
    env: {
      ...process.env,
      ...(target.url ? { REDIS_URL: target.url } : {}),
      FLEET_CONFIG: config,
      WORKER_ID: `worker-${i + 1}`,
    },
  }),
);

// Change events as they are committed.
let lastId = '0';
const reader = connectRedis(target);
const tail = (async () => {
  for (;;) {
    const reply = await reader.xread('BLOCK', 500, 'STREAMS', CHANGES, lastId).catch(() => null);
    if (reader.status === 'end') return;
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        lastId = id;
        const f = Object.fromEntries(
          fields.flatMap((_, k) => (k % 2 ? [] : [[fields[k], fields[k + 1]]])),
        );
        console.log(
          `  ${f.connection}: ${f.kind} ${f.email ?? f.id}${f.fields ? ` (${f.fields})` : ''} [${f.worker}]`,
        );
      }
    }
  }
})();

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
// Let every tenant take its baseline, then change some users.
while ((await redis.xlen(RUNS)) < TENANTS) await wait(200);
for (const sb of sandboxes.slice(0, 3)) {
  sb.control.addUsers(2);
  sb.control.removeUsers([5]);
}
console.log('changed users on three tenants; revoked the key of the last one');
const last = sandboxes[sandboxes.length - 1];
if (last) last.control.revokeCredential(last.credentials.apiKey);
await wait(DURATION_MS);

console.log('SIGTERM to the workers');
await Promise.all(
  workers.map((w) => {
    const exited = new Promise((resolve) => w.once('exit', resolve));
    w.kill('SIGTERM');
    return exited;
  }),
);
const runs = await redis.xrange(RUNS, '-', '+');
const byWorker = new Map<string, number>();
for (const [, fields] of runs) {
  const worker = fields[fields.indexOf('worker') + 1] ?? '?';
  byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
}
console.log(`runs completed: ${[...byWorker].map(([w, n]) => `${w} ${n}`).join(', ')}`);
console.log('needs a person:', await redis.hgetall(NEEDS_ACTION));
const limited = sandboxes.reduce((n, sb) => n + sb.control.counters().rateLimited, 0);
console.log(`429s sent by the sandboxes: ${limited}`);

reader.disconnect();
await tail;
await queue.obliterate({ force: true }).catch(() => undefined);
await queue.close();
await redis.quit();
await Promise.all(sandboxes.map((sb) => sb.close()));
await server?.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);
