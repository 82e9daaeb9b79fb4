import { ConfigError, type Connector, StateLockedError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import type { VendorAdapter } from '../collect/adapter.js';
import type { CollectEvent } from '../collect/events.js';
import { createMemoryGraphStore } from '../store/memory-store.js';
import { createGraphFeed } from './graph-feed.js';

/**
 * A connector read by a test adapter that lists `users` from a mutable array; while `unproven`
 * holds a reason, its listing says it could not prove it missed nothing.
 */
function fakeConnection(tenant: string, users: string[], unproven: { reason?: string } = {}) {
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
          if (unproven.reason) {
            ctx.call.onUnprovenListing?.({
              vendor: 'fake',
              endpoint: 'GET /users',
              order: 'none',
              reason: unproven.reason,
            });
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

  it('withholds the removals of a resource whose listing was unproven, and reports them once proven', async () => {
    const store = createMemoryGraphStore();
    const users = ['u1', 'u2', 'u3'];
    const unproven: { reason?: string } = {};
    const a = fakeConnection('t', users, unproven);
    const events: CollectEvent[] = [];
    const feed = createGraphFeed({
      connections: [a.connector],
      store,
      collect: { adapters: a.adapters, onEvent: (e) => events.push(e) },
    });
    await feed.run();
    users.splice(1, 1); // u2 not seen: gone, or missed by a listing in no order
    unproven.reason = 'the pages are in no order by id (page 0)';
    const withheld = await feed.run();
    expect(withheld.status).toBe('changes');
    expect(withheld.changes.entities.removed).toEqual([]);
    expect(withheld.changes.withheld).toEqual(['fake/users', 'graph/people']);
    const finished = events.filter((e) => e.type === 'resource-finished').at(-1);
    expect(finished).toMatchObject({
      status: {
        source: 'fake/users',
        complete: true,
        unproven: { reason: 'GET /users: the pages are in no order by id (page 0)' },
      },
    });
    // u2 stays in the stored graph, so a proven run reports it removed, once.
    expect((await store.load('graph'))?.entities.has('fake:user:u2')).toBe(true);
    unproven.reason = undefined;
    const proven = await feed.run();
    expect(proven.changes.entities.removed.map((e) => e._key)).toEqual([
      'fake:user:u2',
      'person:u2@fake.test',
    ]);
  });
});
