// JumpCloud's SSO applications and who can use them: every user and group with access, directly
// or through groups, from the application's graph (`/applications/{id}/users` and `/usergroups`
// list each assignee with the paths that reach it).
import type { EntityRef, ReadContext, ResourceReader } from '../../collect/adapter.js';
import { timestampOf } from '../../model/jupiterone.js';
import { vendorFields } from '../../model/vendor-fields.js';
import { accessor, present, text } from '../common.js';
import type { JumpCloudRead } from './context.js';
import type { Apps, Assignee, JcApplication } from './types.js';

export function applications(jc: JumpCloudRead): ResourceReader {
  return jc.listing('applications', async (ctx) => {
    for await (const a of jc.list<JcApplication>('applications').list(ctx.call)) {
      jc.appIds.push(a._id);
      const app = ctx.entity({
        kind: 'application',
        id: a._id,
        class: ['Application'],
        displayName: text(a.displayLabel) ?? text(a.displayName) ?? text(a.name) ?? a._id,
        fields: {
          ...vendorFields(a),
          name: text(a.name) ?? text(a.displayLabel) ?? a._id,
          ...present({ createdOn: timestampOf(a.created) }),
          webLink: jc.link(`sso/${a._id}/details`),
        },
      });
      ctx.relate(ctx.account, 'HAS', app);
    }
  });
}

/**
 * How an assignee reaches the application: `direct` for a binding of its own, else the `_key`
 * of each group a path starts at (the group bound to the application).
 */
function via(ctx: ReadContext, a: Assignee): string[] {
  const out = new Set<string>();
  const paths = a.paths ?? [];
  if (paths.length === 0) out.add('direct');
  for (const path of paths) {
    const group = path.length > 1 ? path.find((hop) => hop.to.type === 'user_group') : undefined;
    out.add(group ? ctx.ref('group', group.to.id).key : 'direct');
  }
  return [...out].sort();
}

function assign(ctx: ReadContext, from: EntityRef, app: EntityRef, a: Assignee) {
  const routes = via(ctx, a);
  ctx.relate(from, 'ASSIGNED', app, { via: routes, direct: routes.includes('direct') });
}

/**
 * Effective access: an `ASSIGNED` edge from every user and group that can use each application,
 * with `via` (`direct` and/or the keys of the groups the access comes through) and `direct`.
 */
export function applicationAssignments(jc: JumpCloudRead): ResourceReader {
  return {
    name: 'applicationAssignments',
    dependsOn: ['applications'],
    // Two listings per application: its users and its user groups.
    estimate: ({ items }) => 2 * (items('applications') ?? 1),
    async read(ctx) {
      const apps = accessor<Apps>(jc.connector, 'applications', 'users');
      for (const id of jc.appIds) {
        const app = ctx.ref('application', id);
        for await (const u of apps.users(id, ctx.call)) {
          if (u.type === 'user') assign(ctx, ctx.ref('user', u.id), app, u);
        }
        for await (const g of apps.userGroups(id, ctx.call)) {
          if (g.type === 'user_group') assign(ctx, ctx.ref('group', g.id), app, g);
        }
      }
    },
  };
}
