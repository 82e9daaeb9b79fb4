import { type BudgetSnapshot, type Connector, RateLimitError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import type { VendorAdapter } from './adapter.js';
import { collect } from './collect.js';
import type { CollectEvent } from './events.js';

function connection(o: { budget?: BudgetSnapshot; failGroups?: boolean } = {}) {
  const calls: string[] = [];
  const connector: Connector = {
    vendor: 'fake',
    name: 'fake',
    verify: async () => ({ ok: true, vendor: 'fake', connection: 'fake' }),
    accounts: async function* () {},
    ...(o.budget ? { budget: () => o.budget as BudgetSnapshot } : {}),
  };
  const adapter: VendorAdapter = {
    identity: () => undefined,
    account: () => ({ id: 't', class: ['Account'], displayName: 'T', fields: {} }),
    resources: () => [
      {
        name: 'users',
        estimate: ({ items }) => Math.ceil((items('users') ?? 100) / 100),
        async read(ctx) {
          calls.push('users');
          for (let i = 0; i < 5; i++) {
            const u = ctx.entity({
              kind: 'user',
              id: i,
              class: ['User'],
              displayName: `u${i}`,
              fields: { email: `u${i}@t.test` },
            });
            ctx.relate(ctx.account, 'HAS', u);
          }
        },
      },
      {
        name: 'groups',
        estimate: () => 1,
        async read(ctx) {
          calls.push('groups');
          ctx.entity({
            kind: 'group',
            id: 'g',
            class: ['UserGroup'],
            displayName: 'G',
            fields: {},
          });
          if (o.failGroups) {
            throw Object.assign(new Error('Server error on groups'), { code: 'server' });
          }
        },
      },
      {
        name: 'groupMembers',
        dependsOn: ['groups'],
        estimate: () => 3,
        async read(ctx) {
          calls.push('groupMembers');
          ctx.relate(ctx.ref('group', 'g'), 'HAS', ctx.ref('user', 0));
        },
      },
    ],
  };
  return { connector, adapters: { fake: adapter }, calls };
}

const day = (remaining: number): BudgetSnapshot => ({
  windows: [
    { name: 'day', limit: 100, intervalMs: 86_400_000, remaining, resetsAt: new Date(5_000) },
    { name: 'minute', limit: 2, intervalMs: 60_000, remaining: 0, resetsAt: new Date(60_000) },
  ],
});

describe('collect', () => {
  it('refuses before any call when a long window cannot hold the estimated cost', async () => {
    const c = connection({ budget: day(4) });
    const events: CollectEvent[] = [];
    const error = await collect([c.connector], {
      adapters: c.adapters,
      now: () => 1_000,
      onEvent: (e) => events.push(e),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ scope: 'quota', retryAfterMs: 4_000 });
    expect(c.calls).toEqual([]);
    expect(events[0]).toMatchObject({
      type: 'estimate',
      cost: 5,
      resources: { users: 1, groups: 1, groupMembers: 3 },
    });
  });

  it('reads when the budget holds the cost (short windows only pace), or warns when told to', async () => {
    const ok = connection({ budget: day(5) });
    await expect(collect([ok.connector], { adapters: ok.adapters })).resolves.toMatchObject({
      complete: true,
    });
    const low = connection({ budget: day(1) });
    const events: CollectEvent[] = [];
    await collect([low.connector], {
      adapters: low.adapters,
      budgetPolicy: 'warn',
      onEvent: (e) => events.push(e),
    });
    expect(events.find((e) => e.type === 'budget-warning')).toMatchObject({
      window: 'day',
      remaining: 1,
      cost: 5,
    });
  });

  it('estimates from the previous snapshot', async () => {
    const c = connection();
    const previous = await collect([c.connector], { adapters: c.adapters });
    const events: CollectEvent[] = [];
    await collect([c.connector], {
      adapters: c.adapters,
      previous,
      onEvent: (e) => events.push(e),
    });
    expect(events[0]).toMatchObject({ type: 'estimate', resources: { users: 1 } });
    expect(previous.resources.find((r) => r.resource === 'users')?.entities).toBe(5);
  });

  it('marks a failed resource and those that need it incomplete, keeping what was read', async () => {
    const c = connection({ failGroups: true });
    const snapshot = await collect([c.connector], { adapters: c.adapters });
    expect(snapshot.complete).toBe(false);
    expect(snapshot.resources.map((r) => [r.source, r.complete, r.error?.code])).toEqual([
      ['fake/users', true, undefined],
      ['fake/groups', false, 'server'],
      ['fake/groupMembers', false, 'dependency'],
      ['graph/people', true, undefined],
    ]);
    expect(snapshot.resources[1]).toMatchObject({
      entities: 1,
      error: { message: 'Server error on groups' },
    });
    expect(snapshot.entities.has('fake:group:g')).toBe(true);
    expect(c.calls).toEqual(['users', 'groups']);
  });

  it('sends progress events and rejects with the abort when aborted', async () => {
    const c = connection();
    const events: CollectEvent[] = [];
    await collect([c.connector], {
      adapters: c.adapters,
      progressEvery: 2,
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === 'progress').length).toBe(5);
    const controller = new AbortController();
    controller.abort();
    await expect(
      collect([c.connector], { adapters: c.adapters, signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });

  it("carries each connection's tags onto its entities as tag.<Name>, and refuses odd names", async () => {
    const c = connection();
    const tags = { fake: { AccountName: 'Acme EU', Description: 'production portal' } };
    const snapshot = await collect([c.connector], { adapters: c.adapters, tags });
    const entities = [...snapshot.entities.values()].filter((e) => e._source.startsWith('fake/'));
    expect(entities.length).toBeGreaterThan(1);
    for (const e of entities) {
      expect(e).toMatchObject({
        'tag.AccountName': 'Acme EU',
        'tag.Description': 'production portal',
      });
    }
    await expect(
      collect([c.connector], { adapters: c.adapters, tags: { fake: { 'a.b': 'x' } } }),
    ).rejects.toThrow(/tag "a.b"/);
  });

  it('refuses an unknown vendor and duplicate connection names', async () => {
    const c = connection();
    await expect(collect([c.connector])).rejects.toThrow(/no adapter for vendor "fake"/);
    await expect(collect([c.connector, c.connector], { adapters: c.adapters })).rejects.toThrow(
      /two connections/,
    );
  });
});
