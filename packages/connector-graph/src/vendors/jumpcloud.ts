// JumpCloud: the directory. Users, user groups and their direct members (users and nested
// groups), SSO applications and who is assigned to them, systems, policies and their results
// per system, administrators, and the organization (the account entity's own fields).
import type { Connector } from '@org/connector-core';
import type { ReadContext, ResourceReader, VendorAdapter } from '../collect/adapter.js';
import { vendorFields } from '../model/vendor-fields.js';
import { accessor, identityOf, pagesFor, type SignalOption, text } from './common.js';

const PAGE = 100;

interface Named {
  _id: string;
  name?: string | null;
  displayName?: string | null;
}
interface JcUser {
  _id: string;
  email: string;
  username?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  displayname?: string | null;
  state?: string | null;
  suspended?: boolean | null;
}
interface GraphLink {
  to: { id: string; type: string };
}
interface Assignee {
  id: string;
  type: string;
  paths?: unknown[][] | null;
}
interface List<T> {
  list(o?: SignalOption): AsyncIterable<T>;
}
interface Groups extends List<{ id: string; name: string }> {
  members(id: string, o?: SignalOption): AsyncIterable<GraphLink>;
}
interface Apps extends List<Named> {
  users(id: string, o?: SignalOption): AsyncIterable<Assignee>;
  userGroups(id: string, o?: SignalOption): AsyncIterable<Assignee>;
}
interface Policies extends List<{ id: string; name: string }> {
  statuses(
    id: string,
    o?: SignalOption,
  ): AsyncIterable<{
    systemID?: string | null;
    success?: boolean | null;
    state?: string | null;
    exitStatus?: number | null;
    endedAt?: string | null;
  }>;
}

function orgOf(connector: Connector): string | undefined {
  return text((connector as { orgId?: unknown }).orgId);
}

/** A user's readable name: display name, first and last name, username, then email. */
function userName(u: JcUser): string {
  const full = [text(u.firstname), text(u.lastname)].filter(Boolean).join(' ');
  return text(u.displayname) ?? (full || undefined) ?? text(u.username) ?? u.email;
}

/** Assigned directly (a path of one hop), not through a group that is itself assigned. */
function direct(a: Assignee): boolean {
  return !a.paths || a.paths.length === 0 || a.paths.some((p) => p.length <= 1);
}

/** Reads a JumpCloud connection (`createJumpCloudConnector`). */
export const jumpcloudAdapter: VendorAdapter = {
  identity: (connector) => identityOf(connector, orgOf(connector)),

  account: (connector) => ({
    id: orgOf(connector) ?? connector.name,
    class: ['Account'],
    displayName: `JumpCloud ${orgOf(connector) ?? connector.name}`,
    fields: { vendor: 'JumpCloud', orgId: orgOf(connector) ?? null },
  }),

  resources(connector): ResourceReader[] {
    const groupIds: string[] = [];
    const appIds: string[] = [];
    const policyIds: string[] = [];
    const listOf = <T>(name: string) => accessor<List<T>>(connector, name);
    const simple = (
      name: string,
      read: (ctx: ReadContext) => Promise<void>,
      cost: (items: (r: string) => number | undefined) => number = (items) =>
        pagesFor(items(name), PAGE),
    ): ResourceReader => ({ name, estimate: ({ items }) => cost(items), read });

    return [
      simple('organizations', async (ctx) => {
        const orgId = orgOf(connector);
        for await (const o of listOf<Named>('organizations').list(ctx.call)) {
          if (orgId !== undefined && o._id !== orgId) continue;
          // The tenant's organization: its fields go on the account entity.
          ctx.entity({
            kind: 'account',
            id: orgId ?? connector.name,
            class: ['Account'],
            displayName: text(o.displayName) ?? `JumpCloud ${o._id}`,
            fields: { ...vendorFields(o), orgId: o._id },
          });
          break;
        }
      }),
      {
        name: 'users',
        estimate: async ({ items }) =>
          items('users') !== undefined
            ? pagesFor(items('users'), PAGE - 1)
            : ((await connector.estimateSyncCost?.()) ?? 1),
        async read(ctx) {
          for await (const u of listOf<JcUser>('users').list(ctx.call)) {
            const user = ctx.entity({
              kind: 'user',
              id: u._id,
              class: ['User'],
              displayName: userName(u),
              fields: {
                ...vendorFields(u),
                email: u.email.trim().toLowerCase(),
                active: (u.state ?? 'ACTIVATED') === 'ACTIVATED' && u.suspended !== true,
              },
            });
            ctx.relate(ctx.account, 'HAS', user);
          }
        },
      },
      simple('groups', async (ctx) => {
        for await (const g of listOf<{ id: string; name: string }>('userGroups').list(ctx.call)) {
          groupIds.push(g.id);
          const group = ctx.entity({
            kind: 'group',
            id: g.id,
            class: ['UserGroup'],
            displayName: g.name,
            fields: vendorFields(g),
          });
          ctx.relate(ctx.account, 'HAS', group);
        }
      }),
      {
        name: 'groupMembers',
        dependsOn: ['groups'],
        estimate: ({ items }) => items('groups') ?? 1,
        async read(ctx) {
          const groups = accessor<Groups>(connector, 'userGroups', 'members');
          for (const id of groupIds) {
            for await (const m of groups.members(id, ctx.call)) {
              const kind =
                m.to.type === 'user' ? 'user' : m.to.type === 'user_group' ? 'group' : undefined;
              if (kind) ctx.relate(ctx.ref('group', id), 'HAS', ctx.ref(kind, m.to.id));
            }
          }
        },
      },
      simple('applications', async (ctx) => {
        for await (const a of listOf<Named>('applications').list(ctx.call)) {
          appIds.push(a._id);
          const app = ctx.entity({
            kind: 'application',
            id: a._id,
            class: ['Application'],
            displayName: text(a.displayName) ?? text(a.name) ?? a._id,
            fields: vendorFields(a),
          });
          ctx.relate(ctx.account, 'HAS', app);
        }
      }),
      {
        name: 'applicationAssignments',
        dependsOn: ['applications'],
        // Two listings per application: its users and its user groups.
        estimate: ({ items }) => 2 * (items('applications') ?? 1),
        async read(ctx) {
          const apps = accessor<Apps>(connector, 'applications', 'users');
          for (const id of appIds) {
            const app = ctx.ref('application', id);
            for await (const u of apps.users(id, ctx.call)) {
              if (u.type === 'user' && direct(u))
                ctx.relate(ctx.ref('user', u.id), 'ASSIGNED', app);
            }
            for await (const g of apps.userGroups(id, ctx.call)) {
              if (direct(g)) ctx.relate(ctx.ref('group', g.id), 'ASSIGNED', app);
            }
          }
        },
      },
      simple('systems', async (ctx) => {
        for await (const s of listOf<Named & { hostname?: string | null }>('systems').list(
          ctx.call,
        )) {
          const device = ctx.entity({
            kind: 'device',
            id: s._id,
            class: ['Device'],
            displayName: text(s.displayName) ?? text(s.hostname) ?? s._id,
            fields: vendorFields(s),
          });
          ctx.relate(ctx.account, 'HAS', device);
        }
      }),
      simple('policies', async (ctx) => {
        for await (const p of listOf<{ id: string; name: string }>('policies').list(ctx.call)) {
          policyIds.push(p.id);
          const policy = ctx.entity({
            kind: 'policy',
            id: p.id,
            class: ['ControlPolicy'],
            displayName: p.name,
            fields: vendorFields(p),
          });
          ctx.relate(ctx.account, 'HAS', policy);
        }
      }),
      {
        name: 'policyResults',
        dependsOn: ['policies'],
        estimate: ({ items }) => items('policies') ?? 1,
        async read(ctx) {
          const policies = accessor<Policies>(connector, 'policies', 'statuses');
          for (const id of policyIds) {
            for await (const s of policies.statuses(id, ctx.call)) {
              const system = text(s.systemID);
              if (!system) continue;
              ctx.relate(ctx.ref('policy', id), 'APPLIES_TO', ctx.ref('device', system), {
                success: s.success ?? null,
                state: s.state ?? null,
                exitStatus: s.exitStatus ?? null,
                endedAt: s.endedAt ?? null,
              });
            }
          }
        },
      },
      simple('administrators', async (ctx) => {
        for await (const a of listOf<
          Named & { email: string; firstname?: string | null; lastname?: string | null }
        >('administrators').list(ctx.call)) {
          const full = [text(a.firstname), text(a.lastname)].filter(Boolean).join(' ');
          const admin = ctx.entity({
            kind: 'administrator',
            id: a._id,
            class: ['User'],
            displayName: full || a.email,
            fields: { ...vendorFields(a), email: a.email.trim().toLowerCase(), admin: true },
          });
          ctx.relate(ctx.account, 'HAS', admin);
        }
      }),
    ];
  },
};
