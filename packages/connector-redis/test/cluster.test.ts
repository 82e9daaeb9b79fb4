import { createPoller } from '@org/connector-core';
import { createRateLimiter } from '@org/connector-core/kit';
import { createFakeConnector, makeUsers } from '@org/connector-core/testing';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, createRedisStateStore } from '../src/index.js';
import { type RedisCluster, startRedisCluster } from '../src/testing.js';

let cluster: RedisCluster;
let redis: Cluster;
beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = new Cluster([...cluster.nodes]);
});
afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
});

describe('the stores on a real 3-master Redis Cluster', () => {
  it('share budgets, keep snapshots and their epoch, one slot per tenant', async () => {
    const masters = await redis.cluster('SLOTS');
    expect(masters).toHaveLength(3);
    const store = createRedisRateLimitStore({ redis, concurrency: { limit: 2 } });
    const state = createRedisStateStore({ redis });
    const tenants = ['north', 'south', 'east', 'west', 'acme', 'globex'];
    for (const tenant of tenants) {
      const limiter = createRateLimiter({
        store,
        key: `hexnode:${tenant}`,
        windows: [
          { name: 'minute', limit: 100, intervalMs: 60_000 },
          { name: 'day', limit: 1_000, intervalMs: 86_400_000 },
        ],
      });
      for (let i = 0; i < 3; i++) await limiter.schedule(async () => i);
      limiter.pauseUntil(Date.now() + 1);
      const connector = createFakeConnector({ name: tenant, users: makeUsers(4) });
      const poller = createPoller({
        connector,
        store: state,
        intervalMs: 60_000,
        budgetPolicy: 'ignore',
      });
      expect((await poller.runOnce()).kind).toBe('baseline');
      connector.remove('u2');
      expect((await poller.runOnce()).removed.map((r) => r.id)).toEqual(['u2']);
    }
    // The tenants' keys are spread over the masters, each tenant's within one slot.
    const slots = await Promise.all(
      tenants.map((t) => redis.cluster('KEYSLOT', store.keyOf(`hexnode:${t}:minute`))),
    );
    expect(new Set(slots).size).toBeGreaterThan(1);
    expect((await state.epoch()).replaced).toBeUndefined();
  });
});
