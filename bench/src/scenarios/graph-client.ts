// The client side of the graph scenario, in a process of its own so its peak RSS is the graph's:
// builds a graph of BENCH_GRAPH_USERS users, users/20 groups and 3 memberships per user through
// collect() with a generating adapter (no HTTP: this measures the graph, not the transport),
// then a second graph with 1% of users moved to another department and another group, and diffs
// the two. Started with --expose-gc to measure the heap the graph keeps alive.
import { readFile } from 'node:fs/promises';
import type { Connector } from '@org/connector-core';
import { collect, diffGraphs, type VendorAdapter } from '@org/connector-graph';

async function highWaterMark(): Promise<number | undefined> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

const USERS = Number(process.env.BENCH_GRAPH_USERS);
const GROUPS = Math.max(3, Math.round(USERS / 20));
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Support', 'Legal', 'Operations'];
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A JumpCloud-shaped tenant; `moved` users (1 in 100) change department and one group. */
function adapter(moved: boolean): VendorAdapter {
  const changed = (i: number) => moved && i % 100 === 0;
  return {
    identity: () => ({ vendor: 'bench', host: 'bench.test', tenant: 'acme' }),
    account: () => ({ id: 'acme', class: ['Account'], displayName: 'Acme', fields: {} }),
    resources: () => [
      {
        name: 'users',
        estimate: () => Math.ceil(USERS / 100),
        async read(ctx) {
          for (let i = 0; i < USERS; i++) {
            const user = ctx.entity({
              kind: 'user',
              id: `5c${hex(i, 22)}`,
              class: ['User'],
              displayName: `User ${i}`,
              fields: {
                email: `user.${i}@acme.example`,
                username: `user${i}`,
                department: DEPARTMENTS[(i + (changed(i) ? 1 : 0)) % DEPARTMENTS.length] ?? null,
                jobTitle: 'Engineer',
                active: true,
                'mfa.configured': i % 7 !== 0,
              },
            });
            ctx.relate(ctx.account, 'HAS', user);
          }
        },
      },
      {
        name: 'groups',
        estimate: () => Math.ceil(GROUPS / 100),
        async read(ctx) {
          for (let g = 0; g < GROUPS; g++) {
            const group = ctx.entity({
              kind: 'group',
              id: `5d${hex(g, 22)}`,
              class: ['UserGroup'],
              displayName: `Group ${g}`,
              fields: { membershipMethod: 'STATIC' },
            });
            ctx.relate(ctx.account, 'HAS', group);
          }
        },
      },
      {
        name: 'groupMembers',
        estimate: () => GROUPS,
        async read(ctx) {
          const third = Math.floor(GROUPS / 3);
          for (let i = 0; i < USERS; i++) {
            const user = ctx.ref('user', `5c${hex(i, 22)}`);
            for (let k = 0; k < 3; k++) {
              const g = (i + k * third + (changed(i) && k === 0 ? 1 : 0)) % GROUPS;
              ctx.relate(ctx.ref('group', `5d${hex(g, 22)}`), 'HAS', user);
            }
          }
        },
      },
    ],
  };
}

const connector: Connector = {
  vendor: 'bench',
  name: 'bench',
  verify: async () => ({ ok: true, vendor: 'bench', connection: 'bench' }),
  accounts: async function* () {},
};
const gc = (globalThis as { gc?: () => void }).gc;

const startRss = process.memoryUsage().rss;
let started = performance.now();
const before = await collect([connector], { adapters: { bench: adapter(false) } });
const buildMs = performance.now() - started;
const buildPeakRss = await highWaterMark();
gc?.();
const liveHeap = process.memoryUsage().heapUsed;

const after = await collect([connector], { adapters: { bench: adapter(true) } });
started = performance.now();
const changes = diffGraphs(before, after);
const diffMs = performance.now() - started;

process.send?.({
  users: USERS,
  groups: GROUPS,
  memberships: [...before.relationships.values()].filter(
    (r) => r._type === 'bench_group_has_bench_user',
  ).length,
  entities: before.entities.size,
  relationships: before.relationships.size,
  startRss,
  buildMs,
  buildPeakRss,
  liveHeap,
  diffMs,
  totalPeakRss: await highWaterMark(),
  changed: changes.entities.changed.length,
  added: changes.relationships.added.length,
  removed: changes.relationships.removed.length,
});
