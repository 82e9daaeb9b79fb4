import { ConfigError, type Connector, StateLockedError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import type { VendorAdapter } from '../collect/adapter.js';
import { createMemoryGraphStore } from '../store/memory-store.js';
import { createGraphFeed } from './graph-feed.js';

/** A connector read by a test adapter that lists `users` from a mutable array. */
function fakeConnection(tenant: string, users: string[]) {
  const connector = {
    vendor: 'fake',
    name: 'fake',
    identity: { vendor: 'fake', host: 'fake.test', tenant },
    verify: async () => ({ ok: true as const, vendor: 'fake', connection: 'fake' }),
    accounts: async function* () {},
  } satisfies Connector;
  const adapter: VendorAdapter = {
    identity: (c) => c.identity,
    account: () => ({ id: tenant, class: ['Account'], displayName: tenant, fields: {} }),
    resources: () => [
      {
        name: 'users',
        estimate: () => 1,
        async read(ctx) {
          for (const id of users) {
            const u = ctx.entity({
              kind: 'user',
              id,
              class: ['User'],
              displayName: id,
              fields: { email: `${id}@fake.test` },
            });
            ctx.relate(ctx.account, 'HAS', u);
          }
        },
      },
    ],
  };
  return { connector, adapters: { fake: adapter } };
}

describe('createGraphFeed', () => {
  it('refuses a stored graph of another tenant under the same connection name', async () => {
    const store = createMemoryGraphStore();
    const a = fakeConnection('tenant-a', ['u1']);
    await createGraphFeed({
      connections: [a.connector],
      store,
      collect: { adapters: a.adapters },
    }).run();
    const b = fakeConnection('tenant-b', ['u1']);
    const feed = createGraphFeed({
      connections: [b.connector],
      store,
      collect: { adapters: b.adapters },
    });
    await expect(feed.run()).rejects.toThrow(ConfigError);
    expect((await store.load('graph'))?.connections[0]?.identity?.tenant).toBe('tenant-a');
  });

  it('lets one writer at a time run', async () => {
    const store = createMemoryGraphStore();
    const a = fakeConnection('t', ['u1']);
    const held = await store.lock?.('graph', { ttlMs: 60_000 });
    const feed = createGraphFeed({
      connections: [a.connector],
      store,
      collect: { adapters: a.adapters },
    });
    await expect(feed.run()).rejects.toThrow(StateLockedError);
    expect(await store.load('graph')).toBeUndefined();
    await held?.release();
    await expect(feed.run()).resolves.toMatchObject({ status: 'baseline', saved: true });
  });
});
