// JumpCloud's directory: users, their sign-ins (Directory Insights, when the host enables it),
// user groups and their direct members (users and nested groups), administrators.
import type { ResourceReader } from '../../collect/adapter.js';
import { timestampOf, userProperties } from '../../model/jupiterone.js';
import { vendorFields } from '../../model/vendor-fields.js';
import { accessor, present, text, usersEstimate } from '../common.js';
import { type JumpCloudRead, PAGE } from './context.js';
import type { Groups, JcAdmin, JcUser, LastLogins } from './types.js';

/** A user's readable name: display name, first and last name, username, then email. */
function userName(u: JcUser): string {
  const full = [text(u.firstname), text(u.lastname)].filter(Boolean).join(' ');
  return text(u.displayname) ?? (full || undefined) ?? text(u.username) ?? u.email;
}

/** Whether the user has an MFA factor: enrolment status when JumpCloud sends it, else `mfa`. */
function mfaEnabled(u: JcUser): boolean {
  const status = u.mfaEnrollment?.overallStatus;
  return status ? status === 'ENROLLED' : u.mfa?.configured === true || u.totp_enabled === true;
}

export function users(jc: JumpCloudRead): ResourceReader {
  return {
    name: 'users',
    estimate: usersEstimate(jc.connector, PAGE - 1),
    async read(ctx) {
      for await (const u of jc.list<JcUser>('users').list(ctx.call)) {
        jc.userIds.push(u._id);
        const full = [text(u.firstname), text(u.lastname)].filter(Boolean).join(' ');
        const user = ctx.entity({
          kind: 'user',
          id: u._id,
          class: ['User'],
          displayName: userName(u),
          fields: {
            ...vendorFields(u),
            ...userProperties({
              email: u.email,
              username: u.username,
              firstName: u.firstname,
              lastName: u.lastname,
              active: (u.state ?? 'ACTIVATED') === 'ACTIVATED' && u.suspended !== true,
            }),
            name: full || userName(u),
            ...present({
              login: text(u.username),
              employeeId: text(u.employeeIdentifier),
              createdOn: timestampOf(u.created),
              passwordChangedOn: timestampOf(u.password_date),
            }),
            mfaEnabled: mfaEnabled(u),
            mfaConfigured: u.mfa?.configured === true,
            mfaExclusion: u.mfa?.exclusion === true,
            webLink: jc.link(`users/${u._id}/details`),
          },
        });
        ctx.relate(ctx.account, 'HAS', user);
      }
    },
  };
}

/**
 * Each user's latest successful sign-in (`lastLoginOn`, epoch ms; `null`: none within the
 * window), from the connector's `lastLogins()` when the host enabled `accounts.lastLogin`; the
 * window's length goes on the account (`lastLoginLookbackDays`). Without it, nothing is read.
 */
export function lastLogins(jc: JumpCloudRead): ResourceReader {
  const source = jc.connector as Partial<LastLogins>;
  const enabled = typeof source.lastLoginLookbackDays === 'number';
  return {
    name: 'lastLogins',
    dependsOn: ['users'],
    merges: ['lastLoginOn', 'lastLoginLookbackDays'],
    // One pass over the window's events: the connector's own estimate of it is not public, so a
    // page per 1,000 users is the floor (a page holds 1,000 events).
    estimate: ({ items }) => (enabled ? Math.max(1, Math.ceil((items('users') ?? 0) / 1000)) : 0),
    async read(ctx) {
      if (!enabled || typeof source.lastLogins !== 'function') return;
      const latest = await source.lastLogins(ctx.call);
      if (!latest) return;
      ctx.merge(
        'account',
        jc.accountId,
        present({ lastLoginLookbackDays: source.lastLoginLookbackDays }),
      );
      for (const id of jc.userIds) {
        ctx.merge('user', id, { lastLoginOn: latest.get(id)?.getTime() ?? null });
      }
    },
  };
}

export function groups(jc: JumpCloudRead): ResourceReader {
  return jc.listing('groups', async (ctx) => {
    for await (const g of jc.list<{ id: string; name: string }>('userGroups').list(ctx.call)) {
      jc.groupIds.push(g.id);
      const group = ctx.entity({
        kind: 'group',
        id: g.id,
        class: ['Group'],
        displayName: g.name,
        fields: { ...vendorFields(g), webLink: jc.link(`groups/user/${g.id}/details`) },
      });
      ctx.relate(ctx.account, 'HAS', group);
    }
  });
}

export function groupMembers(jc: JumpCloudRead): ResourceReader {
  return {
    name: 'groupMembers',
    dependsOn: ['groups'],
    estimate: ({ items }) => items('groups') ?? 1,
    async read(ctx) {
      const listing = accessor<Groups>(jc.connector, 'userGroups', 'members');
      for (const id of jc.groupIds) {
        for await (const m of listing.members(id, ctx.call)) {
          const kind =
            m.to.type === 'user' ? 'user' : m.to.type === 'user_group' ? 'group' : undefined;
          if (kind) ctx.relate(ctx.ref('group', id), 'HAS', ctx.ref(kind, m.to.id));
        }
      }
    },
  };
}

export function administrators(jc: JumpCloudRead): ResourceReader {
  return jc.listing('administrators', async (ctx) => {
    for await (const a of jc.list<JcAdmin>('administrators').list(ctx.call)) {
      const full = [text(a.firstname), text(a.lastname)].filter(Boolean).join(' ');
      const admin = ctx.entity({
        kind: 'administrator',
        id: a._id,
        class: ['User'],
        displayName: full || a.email,
        fields: {
          ...vendorFields(a),
          ...userProperties({
            email: a.email,
            firstName: a.firstname,
            lastName: a.lastname,
            active: a.suspended !== true,
          }),
          ...present({ createdOn: timestampOf(a.created) }),
          mfaEnabled: a.enableMultiFactor === true && a.totpEnrolled === true,
          isAdmin: true,
          admin: true,
        },
      });
      ctx.relate(ctx.account, 'HAS', admin);
    }
  });
}
