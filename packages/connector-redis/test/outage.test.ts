import { createPoller, type Snapshot, StoreError } from '@org/connector-core';
import { createRateLimiter } from '@org/connector-core/kit';
import { createFakeConnector, makeUsers } from '@org/connector-core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, createRedisStateStore } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';

// One server for the file, stopped, paused and restarted by the tests in turn. Clients reconnect
// every 50 ms and give a command one retry, so an outage is seen at once and the return soon.
let server: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.stop();
});
const client = () => {
  const c = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  c.on('error', () => undefined); // refused connections during the outage are the point
  clients.push(c);
  return c;
};

/** Retries `f` until it resolves: bounded, for the few hundred ms a restarted server takes. */
async function eventually<T>(f: () => Promise<T>, tries = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('a limiter and a state store through a Redis outage', () => {
  it('stopped: waiting calls fail with a retryable StoreError, nothing is lost, and work resumes after a restart', async () => {
    const redis = client();
    const limiter = createRateLimiter({
      store: createRedisRateLimitStore({ redis, concurrency: { limit: 2 } }),
      key: 'hexnode:outage',
      windows: [{ name: 'minute', limit: 1_000, intervalMs: 60_000 }],
      concurrency: 2,
    });
    const state = createRedisStateStore({ redis });
    const connector = createFakeConnector({ name: 'outage', users: makeUsers(20) });
    const poller = () =>
      createPoller({ connector, store: state, intervalMs: 60_000, budgetPolicy: 'ignore' });
    const baseline = await poller().runOnce();
    expect(baseline.kind).toBe('baseline');
    expect(await limiter.schedule(async () => 'before')).toBe('before');

    await server.halt();
    const during = await Promise.all(
      Array.from({ length: 6 }, (_, i) => settle(limiter.schedule(async () => i))),
    );
    for (const r of during) {
      expect(r.ok).toBe(false);
      expect(r.ok ? undefined : r.error).toBeInstanceOf(StoreError);
      expect(r.ok ? undefined : r.error).toMatchObject({ retryable: true, userAction: undefined });
    }
    const failedRun = await settle(poller().runOnce());
    expect(failedRun.ok ? undefined : failedRun.error).toMatchObject({
      code: 'store',
      retryable: true,
      userAction: undefined,
    });

    await server.restart();
    expect(await eventually(() => limiter.schedule(async () => 'after'))).toBe('after');
    connector.remove('u3');
    const delta = await eventually(() => poller().runOnce());
    // The snapshot survived: a delta with the one real change, not a second baseline.
    expect(delta.kind).toBe('delta');
    expect(delta.removed.map((r) => r.id)).toEqual(['u3']);
  });

  it('paused (SIGSTOP): calls fail once the store timeout passes, and succeed after it resumes', async () => {
    const redis = client();
    const limiter = createRateLimiter({
      store: createRedisRateLimitStore({ redis }),
      key: 'hexnode:paused',
      windows: [{ name: 'minute', limit: 1_000, intervalMs: 60_000 }],
      storeTimeoutMs: 300,
    });
    const state = createRedisStateStore({ redis });
    const saved: Snapshot = {
      connection: 'paused',
      vendor: 'fake',
      takenAt: new Date(Date.UTC(2024, 0, 1)),
      accounts: new Map(),
    };
    await state.save('paused', saved);
    expect(await limiter.schedule(async () => 1)).toBe(1);

    server.pause();
    try {
      const hung = await Promise.all([
        settle(limiter.schedule(async () => 2)),
        settle(limiter.schedule(async () => 3)),
      ]);
      for (const r of hung) {
        expect(r.ok ? undefined : r.error).toBeInstanceOf(StoreError);
        expect((r.ok ? undefined : (r.error as Error))?.message).toMatch(/did not .* within 0.3 s/);
      }
      const poll = createPoller({
        connector: createFakeConnector({ name: 'paused' }),
        store: state,
        intervalMs: 60_000,
        budgetPolicy: 'ignore',
        storeTimeoutMs: 300,
      });
      const run = await settle(poll.runOnce());
      expect(run.ok ? undefined : run.error).toMatchObject({ code: 'store', retryable: true });
    } finally {
      server.resume();
    }
    expect(await eventually(() => limiter.schedule(async () => 4))).toBe(4);
    expect((await eventually(() => state.load('paused')))?.takenAt).toEqual(saved.takenAt);
  });
});

describe('store factories', () => {
  it('refuse a missing or misspelled redis option at construction', () => {
    const redis = client();
    const misspelled = { client: redis } as unknown as { redis: Redis };
    expect(() => createRedisRateLimitStore(misspelled)).toThrow(/unknown option "client"/);
    expect(() => createRedisStateStore(misspelled)).toThrow(/unknown option "client"/);
    expect(() => createRedisStateStore({ redis: undefined as unknown as Redis })).toThrow(
      /`redis` must be an ioredis client .* got nothing/,
    );
    expect(() => createRedisRateLimitStore(undefined as unknown as { redis: Redis })).toThrow(
      /pass options with a `redis` client/,
    );
  });
});
