import type { Paginated } from '@org/connector-core';
import { type HexnodeDeviceGroup, HexnodeDeviceGroupPage } from '../schemas/device-group.js';
import type { ListOptions, ResourceContext } from './context.js';
import { listCollection } from './list.js';

/** Hexnode device groups. */
export interface HexnodeDeviceGroups {
  /** Streams every device group (`GET devicegroups/`). */
  list(options?: ListOptions): Paginated<HexnodeDeviceGroup>;
}

/** Builds the device groups resource of a connection. */
export function createDeviceGroupsResource(ctx: ResourceContext): HexnodeDeviceGroups {
  return {
    list: (options = {}) =>
      listCollection(ctx, {
        path: 'devicegroups/',
        page: HexnodeDeviceGroupPage,
        signal: options.signal,
        maxItems: options.maxItems,
      }),
  };
}
