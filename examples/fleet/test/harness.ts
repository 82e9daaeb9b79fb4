import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type RedisCluster,
  type RedisServer,
  startRedisCluster,
  startRedisServer,
} from '@org/connector-redis/testing';
import { Queue } from 'bullmq';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import {
  BULL_PREFIX,
  connectRedis,
  type FleetRedis,
  type RedisTarget,
} from '../src/redis-connection.ts';
import { type PollJob, QUEUE } from '../src/schedule.ts';

/** A private Redis, a fleet file and worker processes for one test; `close()` ends them all. */
export interface Harness<S = RedisServer> {
  redis: FleetRedis;
  queue: Queue<PollJob>;
  /** The Redis server, or cluster, the fleet runs on. */
  server: S;
  /** Writes the fleet file the workers read. */
  writeFleet(connections: ConnectionSpec[]): Promise<void>;
  /** Forks `src/worker.ts` and resolves once it is consuming the queue. */
  startWorker(id: string, env?: Record<string, string>): Promise<ChildProcess>;
  close(): Promise<void>;
}

/** The fleet on one private `redis-server`. */
export async function startHarness(): Promise<Harness> {
  const server = await startRedisServer();
  return harnessOn(server, { url: server.url }, { REDIS_URL: server.url });
}

/** The fleet on a private 3-master Redis Cluster, as the workers see it through `REDIS_CLUSTER`. */
export async function startClusterHarness(): Promise<Harness<RedisCluster>> {
  const cluster = await startRedisCluster();
  return harnessOn(cluster, { cluster: [...cluster.nodes] }, { REDIS_CLUSTER: cluster.seeds });
}

async function harnessOn<S extends { stop(): Promise<void> }>(
  server: S,
  target: RedisTarget,
  redisEnv: Record<string, string>,
): Promise<Harness<S>> {
  const dir = await mkdtemp(join(tmpdir(), 'fleet-test-'));
  const config = join(dir, 'fleet.json');
  const redis = connectRedis(target);
  redis.on('error', () => undefined); // tests that stop Redis see it in their assertions
  const queueConnection = connectRedis(target, { maxRetriesPerRequest: null });
  queueConnection.on('error', () => undefined);
  const queue = new Queue<PollJob>(QUEUE, { connection: queueConnection, prefix: BULL_PREFIX });
  queue.on('error', () => undefined);
  const workers: ChildProcess[] = [];
  return {
    redis,
    queue,
    server,
    async writeFleet(connections) {
      await writeFile(config, JSON.stringify({ connections }), { mode: 0o600 });
    },
    startWorker(id, env = {}) {
      const child = fork(new URL('../src/worker.ts', import.meta.url), {
        env: { ...process.env, ...redisEnv, FLEET_CONFIG: config, WORKER_ID: id, ...env },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      workers.push(child);
      return new Promise((resolve, reject) => {
        child.once('message', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`worker ${id} exited with ${code}`)));
      });
    },
    async close() {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await queue.close();
      queueConnection.disconnect();
      redis.disconnect();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Reads a stream as objects. */
export async function readStream(
  redis: FleetRedis,
  key: string,
): Promise<Record<string, string>[]> {
  const entries = await redis.xrange(key, '-', '+');
  return entries.map(([, fields]) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) o[fields[i] ?? ''] = fields[i + 1] ?? '';
    return o;
  });
}
