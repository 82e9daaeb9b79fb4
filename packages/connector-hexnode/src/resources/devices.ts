import type { Paginated } from '@org/connector-core';
import { HexnodeDevice, HexnodeDevicePage } from '../schemas/device.js';
import { type GetOptions, itemPath, type ListOptions, type ResourceContext } from './context.js';
import { listCollection } from './list.js';

/** Filters of `GET devices/`, passed to Hexnode as given. */
export interface HexnodeDeviceFilters {
  /** Platform, such as `ios`, `android`, `windows`, `macos`. */
  platform?: string | undefined;
  /** Only active (or inactive) devices. */
  is_active?: boolean | undefined;
  /** Kind of device, as Hexnode names it. */
  device_type?: string | undefined;
  /** Field to sort by, such as `id` or `-id`. */
  order_by?: string | undefined;
}

/** Options of {@link HexnodeDevices.list}. */
export interface HexnodeDeviceListOptions extends ListOptions {
  /** Hexnode filters. */
  filters?: HexnodeDeviceFilters | undefined;
}

/** Hexnode managed devices. */
export interface HexnodeDevices {
  /** Streams every device (`GET devices/`). */
  list(options?: HexnodeDeviceListOptions): Paginated<HexnodeDevice>;
  /** Reads one device (`GET devices/{id}/`). */
  get(id: number, options?: GetOptions): Promise<HexnodeDevice>;
}

/** Builds the devices resource of a connection. */
export function createDevicesResource(ctx: ResourceContext): HexnodeDevices {
  return {
    list: (options = {}) =>
      listCollection(ctx, {
        path: 'devices/',
        page: HexnodeDevicePage,
        query: { ...options.filters },
        sortable: true,
        signal: options.signal,
        maxItems: options.maxItems,
      }),
    async get(id, options = {}) {
      const path = itemPath('devices', id);
      await ctx.quota.ready(options.signal);
      const { data } = await ctx.http.request({
        path,
        schema: HexnodeDevice,
        signal: options.signal,
      });
      return data;
    },
  };
}
