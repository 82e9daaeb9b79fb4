// Hexnode UEM: users, user groups (members from each group's detail), devices (their assigned
// user) and device groups. Read through the connector's resource accessors only.
import type { Connector } from '@org/connector-core';
import type { ResourceReader, VendorAdapter } from '../collect/adapter.js';
import { vendorFields } from '../model/vendor-fields.js';
import { accessor, identityOf, pagesFor, type SignalOption, text } from './common.js';

const PER_PAGE = 100;

interface HexnodeUser {
  id: number;
  name?: string | null;
  email?: string | null;
}
interface HexnodeGroup {
  id: number;
  groupname?: string | null;
}
interface HexnodeDevice {
  id: number;
  device_name?: string | null;
  user?: { id: number } | null;
}
interface List<T> {
  list(o?: SignalOption): AsyncIterable<T>;
}
interface UserGroups extends List<HexnodeGroup> {
  get(id: number, o?: SignalOption): Promise<{ users: Array<{ id: number }> }>;
}

function portalOf(connector: Connector): string | undefined {
  return text((connector as { portal?: unknown }).portal);
}

/** Reads a Hexnode connection (`createHexnodeConnector`). */
export const hexnodeAdapter: VendorAdapter = {
  identity: (connector) => identityOf(connector, portalOf(connector)),

  account: (connector) => ({
    id: portalOf(connector) ?? connector.name,
    class: ['Account'],
    displayName: `Hexnode ${portalOf(connector) ?? connector.name}`,
    fields: { vendor: 'Hexnode', portal: portalOf(connector) ?? null },
  }),

  resources(connector): ResourceReader[] {
    const groupIds: number[] = [];
    return [
      {
        name: 'users',
        estimate: async ({ items }) =>
          items('users') !== undefined
            ? pagesFor(items('users'), PER_PAGE)
            : ((await connector.estimateSyncCost?.()) ?? 1),
        async read(ctx) {
          const users = accessor<List<HexnodeUser>>(connector, 'users');
          for await (const u of users.list(ctx.call)) {
            const email = text(u.email)?.toLowerCase();
            const user = ctx.entity({
              kind: 'user',
              id: u.id,
              class: ['User'],
              displayName: text(u.name) ?? email ?? String(u.id),
              fields: { ...vendorFields(u), id: String(u.id), email: email ?? null, active: true },
            });
            ctx.relate(ctx.account, 'HAS', user);
          }
        },
      },
      {
        name: 'groups',
        estimate: ({ items }) => pagesFor(items('groups'), PER_PAGE),
        async read(ctx) {
          const groups = accessor<UserGroups>(connector, 'userGroups');
          for await (const g of groups.list(ctx.call)) {
            groupIds.push(g.id);
            const group = ctx.entity({
              kind: 'group',
              id: g.id,
              class: ['UserGroup'],
              displayName: text(g.groupname) ?? String(g.id),
              fields: { ...vendorFields(g), id: String(g.id) },
            });
            ctx.relate(ctx.account, 'HAS', group);
          }
        },
      },
      {
        name: 'groupMembers',
        dependsOn: ['groups'],
        // One detail call per group (`usergroups/{id}/` lists its members).
        estimate: ({ items }) => items('groups') ?? 1,
        async read(ctx) {
          const groups = accessor<UserGroups>(connector, 'userGroups', 'get');
          for (const id of groupIds) {
            const detail = await groups.get(id, ctx.call);
            for (const member of detail.users) {
              ctx.relate(ctx.ref('group', id), 'HAS', ctx.ref('user', member.id));
            }
          }
        },
      },
      {
        name: 'devices',
        estimate: ({ items }) => pagesFor(items('devices'), PER_PAGE),
        async read(ctx) {
          const devices = accessor<List<HexnodeDevice>>(connector, 'devices');
          for await (const d of devices.list(ctx.call)) {
            const device = ctx.entity({
              kind: 'device',
              id: d.id,
              class: ['Device'],
              displayName: text(d.device_name) ?? String(d.id),
              fields: { ...vendorFields(d, new Set(['user.name'])), id: String(d.id) },
            });
            ctx.relate(ctx.account, 'HAS', device);
            // The device's assigned user: Hexnode assigns a device to one owner.
            if (d.user) ctx.relate(ctx.ref('user', d.user.id), 'OWNS', device);
          }
        },
      },
      {
        name: 'deviceGroups',
        estimate: ({ items }) => pagesFor(items('deviceGroups'), PER_PAGE),
        async read(ctx) {
          const deviceGroups = accessor<List<HexnodeGroup>>(connector, 'deviceGroups');
          for await (const g of deviceGroups.list(ctx.call)) {
            const group = ctx.entity({
              kind: 'device_group',
              id: g.id,
              class: ['Group'],
              displayName: text(g.groupname) ?? String(g.id),
              fields: { ...vendorFields(g), id: String(g.id) },
            });
            ctx.relate(ctx.account, 'HAS', group);
          }
        },
      },
    ];
  },
};
