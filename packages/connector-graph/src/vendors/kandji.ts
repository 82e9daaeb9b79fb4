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
  user?: { legacyId?: string | null; uuid?: string | null; email?: string | null } | null;
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
          for await (const u of users.list({ signal: ctx.signal })) {
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
          for await (const d of devices.list({ signal: ctx.signal })) {
            const device = ctx.entity({
              kind: 'device',
              id: d.device_id,
              class: ['Device'],
              displayName: text(d.device_name) ?? d.device_id,
              fields: vendorFields(d, new Set(['user.email', 'user.name', 'user.is_archived'])),
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
    ];
  },
};
