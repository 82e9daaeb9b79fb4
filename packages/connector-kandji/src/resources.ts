import { getOf, listOf, nextLink, offset, resource } from '@org/connector-core/kit';
import { KANDJI_MAX_DEVICE_PAGE } from './config.js';
import { kandjiUuid } from './resources/uuid.js';
import { KandjiDevice, KandjiDevicePage } from './schemas/device.js';
import { KandjiUser, KandjiUserPage } from './schemas/user.js';

/** Filters of `users.list()`, as `GET /api/v1/users` takes them. */
export interface KandjiUserFilters {
  /** Users whose email address contains this text. */
  email?: string | undefined;
  /** `true`: only archived users; `false`: only users that are not archived; unset: both. */
  archived?: boolean | undefined;
  /** Users synced from the directory integration with this UUID. */
  integrationId?: string | undefined;
  /** The user with this UUID. */
  id?: string | undefined;
}

/** Options of `devices.list()`. */
export interface KandjiDeviceListOptions {
  /** Devices per request, 1 to 300 (default: the connection's `pageSize`, 300). */
  limit?: number | undefined;
  /** Extra filters Kandji's devices endpoint takes, such as `platform` or `user_email_exact`. */
  filters?: Record<string, string | number | boolean | undefined> | undefined;
}

/** Reads `x-total-count`; `undefined` when missing or not a count. */
export function totalCountHeader(headers: Headers): number | undefined {
  const raw = headers.get('x-total-count');
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

/** Kandji's resource table: what `createKandjiConnector` builds `users` and `devices` from. */
export const kandjiResources = {
  /**
   * Users synced from the tenant's directory integrations: Kandji's cursor, taken out of a `next`
   * link that may name another host (only the cursor is carried over; host, path and token stay
   * ours).
   */
  users: resource({
    list: listOf({
      path: 'users',
      page: KandjiUserPage,
      items: (page) => page.results,
      query: (o: KandjiUserFilters) => ({
        email: o.email,
        archived: o.archived,
        integration_id: o.integrationId,
        id: o.id,
      }),
      paging: () => nextLink<KandjiUserPage>({ next: (page) => page.next, params: ['cursor'] }),
      id: (user) => user.id,
    }),
    get: getOf({ path: (id: string) => `users/${kandjiUuid(id, 'user id')}`, schema: KandjiUser }),
  }),
  /**
   * Devices enrolled in the tenant: `limit`/`offset` over bare arrays, up to 300 per request,
   * later pages fetched in parallel once `x-total-count` tells how many there are.
   */
  devices: resource({
    list: listOf({
      path: 'devices',
      page: KandjiDevicePage,
      items: (page) => page,
      query: (o: KandjiDeviceListOptions) => {
        const { limit: _l, offset: _o, ...filters } = o.filters ?? {};
        return filters;
      },
      paging: (ctx, o: KandjiDeviceListOptions) => {
        const limit = o.limit ?? ctx.pageSize;
        if (!Number.isInteger(limit) || limit < 1 || limit > KANDJI_MAX_DEVICE_PAGE) {
          throw new RangeError(`Kandji device pages hold 1 to ${KANDJI_MAX_DEVICE_PAGE} devices`);
        }
        return offset<KandjiDevicePage>({
          limit,
          total: (_page, headers) => totalCountHeader(headers),
        });
      },
      id: (device) => device.device_id,
    }),
    get: getOf({
      path: (deviceId: string) => `devices/${kandjiUuid(deviceId, 'device id')}`,
      schema: KandjiDevice,
    }),
  }),
};
