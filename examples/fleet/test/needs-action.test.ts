import { createRedisRateLimitStore, createRedisStateStore } from '@org/connector-redis';
import { type RedisServer, startRedisServer } from '@org/connector-redis/testing';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnections } from '../src/connections.ts';
import { listDeadLetters } from '../src/dead-letters.ts';
import type { ConnectionSpec } from '../src/fleet-config.ts';
import { createPollProcessor } from '../src/poll-job.ts';
import { BULL_PREFIX } from '../src/redis-connection.ts';
import {
  deleteFleetConnection,
  NEEDS_ACTION,
  type PollJob,
  QUEUE,
  scheduleConnections,
} from '../src/schedule.ts';

let server: RedisServer;
let sandbox: Sandbox<'hexnode'>;
let redis: Redis;
let queue: Queue<PollJob>;
let queueConnection: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  sandbox = await startSandbox({ vendor: 'hexnode', size: { users: 30 }, limits: false });
  redis = new Redis(server.url);
  queueConnection = new Redis(server.url, { maxRetriesPerRequest: null });
  queue = new Queue<PollJob>(QUEUE, { connection: queueConnection, prefix: BULL_PREFIX });
});
afterAll(async () => {
  await queue.close();
  queueConnection.disconnect();
  redis.disconnect();
  await sandbox.close();
  await server.stop();
});

describe('a connection that needs a person', () => {
  it('is taken off the schedule with its reason, and not scheduled again', async () => {
    const acme: ConnectionSpec = {
      name: 'acme',
      tenant: 'acme',
      ...sandbox.credentials,
      managedDevices: 10,
      intervalMs: 60_000,
    };
    const specs = new Map([[acme.name, acme]]);
    expect(await scheduleConnections(queue, redis, specs.values())).toBe(1);
    expect(await queue.getJobSchedulers()).toHaveLength(1);

    const shutdown = new AbortController();
    const processor = createPollProcessor({
      specs: async () => specs,
      connectorFor: createConnections(createRedisRateLimitStore({ redis })),
      state: createRedisStateStore({ redis }),
      redis,
      queue,
      worker: 'test',
      lockTtlMs: 5_000,
      shutdown: shutdown.signal,
    });
    const job = {
      id: '1',
      data: { connection: 'acme' },
      opts: { attempts: 5 },
      attemptsMade: 0,
    } as Job<PollJob>;
    expect(await processor(job)).toMatchObject({ kind: 'baseline', total: 29 });

    sandbox.control.revokeCredential(sandbox.credentials.apiKey);
    const error = await processor(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(await queue.getJobSchedulers()).toHaveLength(0);
    const reason = JSON.parse((await redis.hget(NEEDS_ACTION, 'acme')) ?? '{}');
    expect(reason).toMatchObject({ userAction: 'reconnect', code: 'authentication' });
    expect(JSON.stringify(reason)).not.toContain(sandbox.credentials.apiKey);
    // Kept as a dead letter, listed newest first, after BullMQ has dropped the job.
    expect(await listDeadLetters(redis)).toEqual([
      expect.objectContaining({
        connection: 'acme',
        job: '1',
        code: 'authentication',
        attempts: '1',
      }),
    ]);
    // Scheduling the fleet again leaves it parked until a person clears the entry.
    expect(await scheduleConnections(queue, redis, specs.values())).toBe(0);
    // The failed run released the snapshot lock.
    await (await createRedisStateStore({ redis }).lock('acme', { ttlMs: 1_000 })).release();
    // Its status says so, for the host to show.
    const state = createRedisStateStore({ redis });
    expect(await state.loadStatus('acme')).toMatchObject({
      health: 'needs-reconnect',
      lastSuccessAt: expect.any(String),
      lastError: { code: 'authentication', userAction: 'reconnect' },
    });

    // Deleting it leaves nothing of it in Redis, and says what to revoke at Hexnode.
    const report = await deleteFleetConnection(queue, redis, state, 'acme', {
      vendor: 'hexnode',
      revokeAccess: 'Revoke the key in Hexnode.',
    });
    expect(report.atVendor).toBe('Revoke the key in Hexnode.');
    expect(await redis.keys('ck:state:{acme}:*')).toEqual([]);
    expect(await redis.hexists(NEEDS_ACTION, 'acme')).toBe(0);
    expect(await scheduleConnections(queue, redis, specs.values())).toBe(1);
  });
});
