import { createRedisRateLimitStore, createRedisStateStore } from '@org/connector-redis';
import { type RedisServer, startRedisServer } from '@org/connector-redis/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetWait, createConnections } from '../src/connections.ts';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { createPollProcessor } from '../src/poll-job.ts';
import type { PollJob } from '../src/schedule.ts';

let server: RedisServer;
let sandbox: Sandbox<'hexnode'>;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  sandbox = await startSandbox({ vendor: 'hexnode', size: { users: 20 }, limits: false });
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await sandbox.close();
  await server.stop();
});

describe('a job whose tenant budget is spent', () => {
  it('gives its worker slot up until the window has room, using no attempt and no request', async () => {
    const perMinute = { limit: 3, intervalMs: 60_000 };
    const spec: ConnectionSpec = {
      name: 'busy',
      tenant: 'busy-tenant',
      ...sandbox.credentials,
      managedDevices: 10,
      intervalMs: 60_000,
      perMinute,
    };
    const budgets = createRedisRateLimitStore({ redis });
    const processor = createPollProcessor({
      specs: async () => new Map([[spec.name, spec]]),
      connectorFor: createConnections(budgets),
      budgetWait: (s) => budgetWait(budgets, s),
      state: createRedisStateStore({ redis }),
      redis,
      queue: {} as Queue<PollJob>,
      worker: 'test',
      lockTtlMs: 5_000,
      shutdown: new AbortController().signal,
    });
    const delayed: number[] = [];
    const job = {
      id: '1',
      data: { connection: 'busy' },
      opts: { attempts: 5 },
      attemptsMade: 0,
      moveToDelayed: async (at: number) => {
        delayed.push(at);
      },
    } as unknown as Job<PollJob>;

    // Another worker spent the tenant's window a moment ago.
    const window = [{ key: 'hexnode:busy-tenant:minute', ...perMinute }];
    const spentAt = Date.now();
    for (let i = 0; i < perMinute.limit; i++) await budgets.acquire(window, 1, spentAt);
    expect(await budgetWait(budgets, spec)).toBeGreaterThan(50_000);

    await expect(processor(job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(delayed).toHaveLength(1);
    expect(delayed[0]).toBeGreaterThanOrEqual(spentAt + perMinute.intervalMs - 1_000);
    expect(delayed[0]).toBeLessThanOrEqual(Date.now() + perMinute.intervalMs);
    expect(sandbox.control.counters().requests).toBe(0);

    // With room in the window the same job runs.
    await redis.del(budgets.keyOf('hexnode:busy-tenant:minute'));
    expect(await processor(job, 'token')).toMatchObject({ kind: 'baseline' });
    expect(delayed).toHaveLength(1);
  });
});
