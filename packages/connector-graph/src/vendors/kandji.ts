// Kandji: users and devices. A device's blueprint is Kandji's device grouping, so blueprints
// become device groups holding their devices.
import type { Connector } from '@org/connector-core';
import type { ResourceReader, VendorAdapter } from '../collect/adapter.js';
import { vendorFields } from '../model/vendor-fields.js';
import { accessor, identityOf, pagesFor, type SignalOption, text } from './common.js';

const USERS_PER_PAGE = 300;
const DEVICES_PER_PAGE = 300;

interface KandjiUser {
  id: string;
  email?: string | null;
  deprecated_user_id?: string | null;
  name?: string | null;
  active?: boolean | null;
  archived?: boolean | null;
}
interface KandjiDevice {
  device_id: string;
  device_name?: string | null;
  blueprint_id?: string | null;
  blueprint_name?: string | null;
  // Kandji names a device's user by its legacy integer id (the user's `deprecated_user_id`), or
  // by UUID; never the same value as `users.list()`'s id.
  last_check_in?: Date | string | null;
  user?: { legacyId?: string | null; uuid?: string | null; email?: string | null } | null;
}
// Prism rows (`kandji.filevault`, `kandji.activationLock`): one per device, fleet-wide.
interface FilevaultRow {
  device_id: string;
  status?: boolean | null;
  key_escrowed?: boolean | null;
}
interface ActivationLockRow {
  device_id: string;
  user_activation_lock_enabled?: boolean | null;
  device_activation_lock_enabled?: boolean | null;
}
interface List<T> {
  list(o?: SignalOption): AsyncIterable<T>;
}

function tenantOf(connector: Connector): string | undefined {
  return text((connector as { tenant?: unknown }).tenant);
}

/** Reads a Kandji connection (`createKandjiConnector`). */
export const kandjiAdapter: VendorAdapter = {
  identity: (connector) => identityOf(connector, tenantOf(connector)),

  account: (connector) => ({
    id: tenantOf(connector) ?? connector.name,
    class: ['Account'],
    displayName: `Kandji ${tenantOf(connector) ?? connector.name}`,
    fields: { vendor: 'Kandji', tenant: tenantOf(connector) ?? null },
  }),

  resources(connector): ResourceReader[] {
    // Filled while users are read: a device's user is found by email, then by legacy id.
    const byEmail = new Map<string, string>();
    const byLegacy = new Map<string, string>();
    const seen = new Map<string, string>(); // device id → display name; a Prism row never invents one
    // Prism's security state, merged into the device entities under the device-details names.
    const security = <Row extends { device_id: string }>(
      name: string,
      accessorName: string,
      fields: (row: Row) => Record<string, boolean | null>,
    ): ResourceReader => ({
      name,
      dependsOn: ['devices'],
      // Some categories send no total: the last page is the first short one.
      estimate: ({ items }) => Math.floor((items('devices') ?? 0) / DEVICES_PER_PAGE) + 1,
      async read(ctx) {
        const rows = accessor<List<Row>>(connector, accessorName);
        for await (const row of rows.list(ctx.call)) {
          const displayName = seen.get(row.device_id);
          if (displayName === undefined) continue;
          ctx.entity({
            kind: 'device',
            id: row.device_id,
            class: ['Device'],
            displayName,
            fields: fields(row),
          });
        }
      },
    });
    const ownerOf = (user: KandjiDevice['user']): string | undefined => {
      if (!user) return undefined;
      const email = text(user.email)?.toLowerCase();
      return (
        text(user.uuid) ??
        (email ? byEmail.get(email) : undefined) ??
        (user.legacyId ? byLegacy.get(user.legacyId) : undefined)
      );
    };
    return [
      {
        name: 'users',
        estimate: async ({ items }) =>
          items('users') !== undefined
            ? pagesFor(items('users'), USERS_PER_PAGE)
            : ((await connector.estimateSyncCost?.()) ?? 1),
        async read(ctx) {
          const users = accessor<List<KandjiUser>>(connector, 'users');
          for await (const u of users.list(ctx.call)) {
            const email = text(u.email)?.toLowerCase();
            if (email) byEmail.set(email, u.id);
            if (u.deprecated_user_id) byLegacy.set(u.deprecated_user_id, u.id);
            const user = ctx.entity({
              kind: 'user',
              id: u.id,
              class: ['User'],
              displayName: text(u.name) ?? email ?? u.id,
              fields: {
                ...vendorFields(u, new Set(['integration.uuid'])),
                email: email ?? null,
                active: u.active !== false && u.archived !== true,
              },
            });
            ctx.relate(ctx.account, 'HAS', user);
          }
        },
      },
      {
        name: 'devices',
        dependsOn: ['users'],
        estimate: ({ items }) => pagesFor(items('devices'), DEVICES_PER_PAGE),
        async read(ctx) {
          const devices = accessor<List<KandjiDevice>>(connector, 'devices');
          for await (const d of devices.list(ctx.call)) {
            seen.set(d.device_id, text(d.device_name) ?? d.device_id);
            const device = ctx.entity({
              kind: 'device',
              id: d.device_id,
              class: ['Device'],
              displayName: text(d.device_name) ?? d.device_id,
              fields: {
                ...vendorFields(d, new Set(['user.email', 'user.name', 'user.is_archived'])),
                // A Date is no flat value: keep the check-in as ISO text.
                last_check_in: isoOf(d.last_check_in),
              },
            });
            ctx.relate(ctx.account, 'HAS', device);
            const owner = ownerOf(d.user);
            if (owner) ctx.relate(ctx.ref('user', owner), 'OWNS', device);
            const blueprint = text(d.blueprint_id);
            if (blueprint) {
              const group = ctx.entity({
                kind: 'device_group',
                id: blueprint,
                class: ['Group'],
                displayName: text(d.blueprint_name) ?? blueprint,
                fields: { id: blueprint, name: text(d.blueprint_name) ?? null, blueprint: true },
              });
              ctx.relate(ctx.account, 'HAS', group);
              ctx.relate(group, 'HAS', device);
            }
          }
        },
      },
      security<FilevaultRow>('filevault', 'filevault', (r) => ({
        'filevault.filevault_enabled': r.status ?? null,
        'filevault.key_escrowed': r.key_escrowed ?? null,
      })),
      security<ActivationLockRow>('activationLock', 'activationLock', (r) => ({
        'activation_lock.user_activation_lock_enabled': r.user_activation_lock_enabled ?? null,
        'activation_lock.device_activation_lock_enabled': r.device_activation_lock_enabled ?? null,
      })),
    ];
  },
};

function isoOf(value: Date | string | null | undefined): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return typeof value === 'string' && value !== '' ? value : null;
}
