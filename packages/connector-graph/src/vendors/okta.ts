// Okta: a directory. The org, its users (with their enrolled MFA factors and admin roles, one call
// each per user), its groups and their members, in JupiterOne's graph-okta naming: `okta_account`,
// `okta_user`, `okta_user_group` (JupiterOne's name for Okta groups) and `okta_group_has_user`
// edges. Read through the connector's resource accessors only.
import type { Connector } from '@org/connector-core';
import type { ResourceReader, VendorAdapter } from '../collect/adapter.js';
import { timestampOf, userProperties } from '../model/jupiterone.js';
import { vendorFields } from '../model/vendor-fields.js';
import { accessor, pagesFor, present, type SignalOption, text, usersEstimate } from './common.js';

const PER_PAGE = 200;

interface OktaUser {
  id: string;
  status: string;
  created?: Date | null;
  activated?: Date | null;
  statusChanged?: Date | null;
  lastLogin?: Date | null;
  lastUpdated?: Date | null;
  passwordChanged?: Date | null;
  profile: {
    login?: string | null;
    email?: string | null;
    firstName?: string | null;
    lastName?: string | null;
    department?: string | null;
    title?: string | null;
    employeeNumber?: string | null;
  };
}
interface OktaGroup {
  id: string;
  type: string;
  created?: Date | null;
  lastMembershipUpdated?: Date | null;
  profile: { name?: string | null; description?: string | null };
}
interface Listing<T> extends AsyncIterable<T> {}
interface Users {
  list(o?: SignalOption): AsyncIterable<OktaUser>;
  factors(id: string, o?: SignalOption): Listing<{ factorType: string; status: string }>;
  roles(id: string, o?: SignalOption): Listing<{ type: string; status?: string | null }>;
}
interface Groups {
  list(o?: SignalOption): AsyncIterable<OktaGroup>;
  members(id: string, o?: SignalOption): Listing<{ id: string }>;
}

/** The org's subdomain and cell, as the connector tells them (`acme`, `okta.com`). */
function orgOf(connector: Connector): { org?: string; domain?: string } {
  const c = connector as { org?: unknown; domain?: unknown };
  return { org: text(c.org), domain: text(c.domain) };
}

/** The Admin Console page of a path, when the org is on one of Okta's cells. */
function adminLink(connector: Connector, path: string): string | undefined {
  const { org, domain } = orgOf(connector);
  return org && domain && domain !== 'custom' ? `https://${org}-admin.${domain}${path}` : undefined;
}

/** A fan-out read of one call per user, merging `fields` into each user. */
function perUser(
  name: string,
  ids: readonly string[],
  merges: readonly string[],
  read: (id: string, call: SignalOption) => Promise<Record<string, string | boolean | string[]>>,
): ResourceReader {
  return {
    name,
    dependsOn: ['users'],
    merges,
    estimate: ({ items }) => items('users') ?? 1,
    async read(ctx) {
      for (const id of ids) ctx.merge('user', id, await read(id, ctx.call));
    },
  };
}

/** Reads an Okta connection (`createOktaConnector`). */
export const oktaAdapter: VendorAdapter = {
  directory: true,
  // JupiterOne's graph-okta names OKTA_GROUP and BUILT_IN groups so.
  types: { group: 'okta_user_group' },

  identity: (connector) => connector.identity,

  account: (connector) => {
    const tenant = connector.identity?.tenant ?? connector.name;
    const host = connector.identity?.host;
    return {
      id: tenant,
      class: ['Account'],
      displayName: `Okta ${tenant}`,
      fields: present({
        vendor: 'Okta',
        accountId: host,
        org: orgOf(connector).org,
        webLink: host ? `https://${host}` : undefined,
      }),
    };
  },

  resources(connector): ResourceReader[] {
    const userIds: string[] = [];
    const groupIds: string[] = [];
    const users = () => accessor<Users>(connector, 'users');
    return [
      {
        name: 'users',
        estimate: usersEstimate(connector, PER_PAGE),
        async read(ctx) {
          for await (const u of users().list(ctx.call)) {
            userIds.push(u.id);
            const p = u.profile;
            const full = [text(p.firstName), text(p.lastName)].filter(Boolean).join(' ');
            const user = ctx.entity({
              kind: 'user',
              id: u.id,
              class: ['User'],
              displayName: text(p.login) ?? (full || u.id),
              fields: {
                ...vendorFields(u),
                ...userProperties({
                  email: p.email,
                  username: p.login,
                  firstName: p.firstName,
                  lastName: p.lastName,
                  active: u.status === 'ACTIVE',
                }),
                name: full || (text(p.login) ?? u.id),
                status: u.status,
                suspended: u.status === 'SUSPENDED',
                ...present({
                  login: text(p.login),
                  employeeId: text(p.employeeNumber),
                  department: text(p.department),
                  jobTitle: text(p.title),
                  createdOn: timestampOf(u.created),
                  activatedOn: timestampOf(u.activated),
                  statusChangedOn: timestampOf(u.statusChanged),
                  lastLoginOn: timestampOf(u.lastLogin),
                  lastUpdatedOn: timestampOf(u.lastUpdated),
                  passwordChangedOn: timestampOf(u.passwordChanged),
                  webLink: adminLink(connector, `/admin/user/profile/view/${u.id}`),
                }),
              },
            });
            ctx.relate(ctx.account, 'HAS', user);
          }
        },
      },
      // MFA is not on Okta's user object: each user's enrolled factors, one call each.
      perUser('factors', userIds, ['mfaEnabled', 'mfaFactors'], async (id, call) => {
        const types: string[] = [];
        for await (const f of users().factors(id, call)) {
          if (f.status === 'ACTIVE') types.push(f.factorType);
        }
        return { mfaEnabled: types.length > 0, mfaFactors: [...new Set(types)].sort() };
      }),
      // Admin role assignments (Super Administrator, Organization Administrator...), one call each.
      perUser('roles', userIds, ['isAdmin', 'adminRoles'], async (id, call) => {
        const roles: string[] = [];
        for await (const r of users().roles(id, call)) {
          if ((r.status ?? 'ACTIVE') === 'ACTIVE') roles.push(r.type);
        }
        return { isAdmin: roles.length > 0, adminRoles: [...new Set(roles)].sort() };
      }),
      {
        name: 'groups',
        estimate: ({ items }) => pagesFor(items('groups'), PER_PAGE),
        async read(ctx) {
          for await (const g of accessor<Groups>(connector, 'groups').list(ctx.call)) {
            groupIds.push(g.id);
            const name = text(g.profile.name) ?? g.id;
            const group = ctx.entity({
              kind: 'group',
              id: g.id,
              class: ['UserGroup'],
              displayName: name,
              fields: {
                ...vendorFields(g),
                name,
                type: g.type,
                ...present({
                  description: text(g.profile.description),
                  createdOn: timestampOf(g.created),
                  lastMembershipUpdatedOn: timestampOf(g.lastMembershipUpdated),
                  webLink: adminLink(connector, `/admin/group/${g.id}`),
                }),
              },
            });
            ctx.relate(ctx.account, 'HAS', group);
          }
        },
      },
      {
        name: 'groupMembers',
        dependsOn: ['groups'],
        // One listing per group, a page per 200 members: a floor of one call per group.
        estimate: ({ items }) => items('groups') ?? 1,
        async read(ctx) {
          const groups = accessor<Groups>(connector, 'groups', 'members');
          for (const id of groupIds) {
            for await (const member of groups.members(id, ctx.call)) {
              ctx.relate(ctx.ref('group', id), 'HAS', ctx.ref('user', member.id));
            }
          }
        },
      },
    ];
  },
};
