import { getOf, listOf, offset, resource } from '@org/connector-core/kit';
import { KandjiDevice, KandjiDevicePage } from '../schemas/device.js';
import { KandjiDeviceAppsPage } from '../schemas/device-apps.js';
import { kandjiLimit, singlePage, totalCountHeader } from './paging.js';
import { kandjiUuid } from './uuid.js';

/** Options of `devices.list()`. */
export interface KandjiDeviceListOptions {
  /** Devices per request, 1 to 300 (default: the connection's `pageSize`, 300). */
  limit?: number | undefined;
  /** Extra filters Kandji's devices endpoint takes, such as `platform` or `user_email_exact`. */
  filters?: Record<string, string | number | boolean | undefined> | undefined;
}

/**
 * Devices enrolled in the tenant: `limit`/`offset` over bare arrays, up to 300 per request,
 * later pages fetched in parallel once `x-total-count` tells how many there are.
 * `devices.apps(deviceId)` lists one device's apps in one request.
 */
export const devices = resource({
  list: listOf({
    path: 'devices',
    page: KandjiDevicePage,
    items: (page) => page,
    query: (o: KandjiDeviceListOptions) => {
      const { limit: _l, offset: _o, ...filters } = o.filters ?? {};
      return filters;
    },
    paging: (ctx, o: KandjiDeviceListOptions) =>
      offset<KandjiDevicePage>({
        limit: kandjiLimit(o.limit, ctx.pageSize, 'device'),
        total: (_page, headers) => totalCountHeader(headers),
      }),
    id: (device) => device.device_id,
  }),
  get: getOf({
    path: (deviceId: string) => `devices/${kandjiUuid(deviceId, 'device id')}`,
    schema: KandjiDevice,
  }),
  lists: {
    /** `GET /api/v1/devices/{device_id}/apps`: every app of one device, in one response. */
    apps: (deviceId: string) =>
      listOf({
        path: `devices/${kandjiUuid(deviceId, 'device id')}/apps`,
        page: KandjiDeviceAppsPage,
        items: (page) => page.apps,
        itemsPath: '$.apps',
        paging: () => singlePage<KandjiDeviceAppsPage>(),
      }),
  },
});
