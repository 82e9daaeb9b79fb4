// Hexnode UEM: users, user groups (members from each group's detail), devices (their assigned
// user), device groups and their member devices (each group's detail), and, when the host opts
// in, each device's detail (encryption and passcode state), up to a budget: Hexnode's daily quota
// is ten calls per device. Read through the connector's resource accessors only.
import type { Connector } from '@org/connector-core';
import type { ResourceReader, VendorAdapter } from '../collect/adapter.js';
import {
  deviceCategory,
  deviceProperties,
  osTypeOf,
  timestampOf,
  userProperties,
} from '../model/jupiterone.js';
import { vendorFields } from '../model/vendor-fields.js';
import {
  accessor,
  identityOf,
  pagesFor,
  present,
  type SignalOption,
  text,
  usersEstimate,
} from './common.js';
import { type PerDeviceOptions, perDeviceReader } from './per-device.js';

const PER_PAGE = 100;

interface HexnodeUser {
  id: number;
  name?: string | null;
  email?: string | null;
}
interface HexnodeGroup {
  id: number;
  groupname?: string | null;
  modified_date?: string | null;
}
interface HexnodeDevice {
  id: number;
  device_name?: string | null;
  model_name?: string | null;
  os_name?: string | null;
  os_version?: string | null;
  platform?: string | null;
  serial_number?: string | null;
  udid?: string | null;
  last_reported?: string | null;
  enrolled_time?: string | null;
  user?: { id: number; name?: string | null } | null;
}
interface List<T> {
  list(o?: SignalOption): AsyncIterable<T>;
}
interface Detailed<T, D> extends List<T> {
  get(id: number, o?: SignalOption): Promise<D>;
}

function portalOf(connector: Connector): string | undefined {
  return text((connector as { portal?: unknown }).portal);
}

/**
 * A Hexnode group listing (`usergroups/`, `devicegroups/`: `<name>`) and its members, one detail
 * call per group (`<name>Members`: the detail's `users[]` or `devices[]`).
 */
function groupReaders(
  connector: Connector,
  o: {
    name: 'groups' | 'deviceGroups';
    accessor: string;
    kind: 'group' | 'device_group';
    members: 'users' | 'devices';
    memberKind: 'user' | 'device';
  },
): ResourceReader[] {
  const ids: number[] = [];
  return [
    {
      name: o.name,
      estimate: ({ items }) => pagesFor(items(o.name), PER_PAGE),
      async read(ctx) {
        const groups = accessor<List<HexnodeGroup>>(connector, o.accessor);
        for await (const g of groups.list(ctx.call)) {
          ids.push(g.id);
          const group = ctx.entity({
            kind: o.kind,
            id: g.id,
            class: ['Group'],
            displayName: text(g.groupname) ?? String(g.id),
            fields: {
              ...vendorFields(g),
              id: String(g.id),
              ...present({ groupName: text(g.groupname) }),
            },
          });
          ctx.relate(ctx.account, 'HAS', group);
        }
      },
    },
    {
      name: `${o.name === 'groups' ? 'group' : 'deviceGroup'}Members`,
      dependsOn: [o.name],
      estimate: ({ items }) => items(o.name) ?? 1,
      async read(ctx) {
        const groups = accessor<Detailed<HexnodeGroup, Record<string, Array<{ id: number }>>>>(
          connector,
          o.accessor,
          'get',
        );
        for (const id of ids) {
          const detail = await groups.get(id, ctx.call);
          for (const member of detail[o.members] ?? []) {
            ctx.relate(ctx.ref(o.kind, id), 'HAS', ctx.ref(o.memberKind, member.id));
          }
        }
      },
    },
  ];
}

/** Options of {@link createHexnodeAdapter}. */
export interface HexnodeAdapterOptions {
  /**
   * Read each device's detail (`GET devices/{id}/`: encryption and passcode state): one call
   * per device of Hexnode's daily quota, up to `maxDevices` a collect. Off unless given.
   */
  deviceDetails?: PerDeviceOptions | undefined;
}

/**
 * An adapter for Hexnode connections (`createHexnodeConnector`); pass it to `collect()` under
 * `adapters: { hexnode: createHexnodeAdapter({ deviceDetails: { maxDevices: 50 } }) }` to read
 * device details.
 */
export function createHexnodeAdapter(options: HexnodeAdapterOptions = {}): VendorAdapter {
  return {
    // JupiterOne's graph-hexnode calls user groups so.
    types: { group: 'hexnode_user_group' },

    identity: (connector) => identityOf(connector, portalOf(connector)),

    account: (connector) => {
      const portal = portalOf(connector);
      return {
        id: portal ?? connector.name,
        class: ['Account'],
        displayName: `Hexnode ${portal ?? connector.name}`,
        fields: present({
          vendor: 'Hexnode',
          portal,
          hostname: portal ? `${portal}.hexnodemdm.com` : undefined,
        }),
      };
    },

    resources(connector): ResourceReader[] {
      const deviceIds: number[] = [];
      return [
        {
          name: 'users',
          estimate: usersEstimate(connector, PER_PAGE),
          async read(ctx) {
            const users = accessor<List<HexnodeUser>>(connector, 'users');
            for await (const u of users.list(ctx.call)) {
              const email = text(u.email)?.toLowerCase();
              const [first, ...rest] = text(u.name)?.split(/\s+/) ?? [];
              const user = ctx.entity({
                kind: 'user',
                id: u.id,
                class: ['User'],
                displayName: text(u.name) ?? email ?? String(u.id),
                fields: {
                  ...vendorFields(u),
                  ...userProperties({
                    email,
                    username: text(u.name),
                    firstName: first,
                    lastName: rest.join(' '),
                    active: true,
                  }),
                  id: String(u.id),
                },
              });
              ctx.relate(ctx.account, 'HAS', user);
            }
          },
        },
        ...groupReaders(connector, {
          name: 'groups',
          accessor: 'userGroups',
          kind: 'group',
          members: 'users',
          memberKind: 'user',
        }),
        {
          name: 'devices',
          estimate: ({ items }) => pagesFor(items('devices'), PER_PAGE),
          async read(ctx) {
            const devices = accessor<List<HexnodeDevice>>(connector, 'devices');
            for await (const d of devices.list(ctx.call)) {
              deviceIds.push(d.id);
              const platform = text(d.platform) ?? text(d.os_name);
              const osType = osTypeOf(platform);
              const device = ctx.entity({
                kind: 'device',
                id: d.id,
                class: ['Device'],
                displayName: text(d.device_name) ?? String(d.id),
                fields: {
                  ...vendorFields(d, new Set(['user.name'])),
                  ...deviceProperties({
                    category: deviceCategory(osType),
                    make: osType === 'darwin' || osType === 'ios' ? 'Apple' : null,
                    model: d.model_name,
                    serial: d.serial_number,
                    udid: d.udid,
                    lastSeen: d.last_reported,
                    platform,
                    osName: d.os_name,
                    osVersion: d.os_version,
                  }),
                  id: String(d.id),
                  ...present({
                    userId: d.user ? String(d.user.id) : undefined,
                    userName: text(d.user?.name),
                    enrolledOn: timestampOf(d.enrolled_time),
                  }),
                },
              });
              ctx.relate(ctx.account, 'HAS', device);
              // The device's assigned user: Hexnode assigns a device to one owner.
              if (d.user) ctx.relate(ctx.ref('user', d.user.id), 'OWNS', device);
            }
          },
        },
        ...groupReaders(connector, {
          name: 'deviceGroups',
          accessor: 'deviceGroups',
          kind: 'device_group',
          members: 'devices',
          memberKind: 'device',
        }),
        ...(options.deviceDetails
          ? [
              perDeviceReader({
                name: 'deviceDetails',
                merges: ['encryptionStatus', 'passcodeStatus', 'encrypted'],
                options: options.deviceDetails,
                ids: () => deviceIds,
                async read(ctx, id) {
                  const devices = accessor<
                    Detailed<
                      HexnodeDevice,
                      { encryption_status?: string | null; passcode_status?: string | null }
                    >
                  >(connector, 'devices', 'get');
                  const d = await devices.get(Number(id), ctx.call);
                  const encryption = text(d.encryption_status);
                  ctx.merge(
                    'device',
                    id,
                    present({
                      encryptionStatus: encryption,
                      passcodeStatus: text(d.passcode_status),
                      encrypted: encryption === undefined ? undefined : encryption === 'Encrypted',
                    }),
                  );
                },
              }),
            ]
          : []),
      ];
    },
  };
}

/** Reads a Hexnode connection (`createHexnodeConnector`), without per-device detail calls. */
export const hexnodeAdapter: VendorAdapter = createHexnodeAdapter();
