import type { ResourceOf } from '@org/connector-core/kit';
import type { kandjiResources } from './resources.js';

export type { KandjiDeviceListOptions, KandjiUserFilters } from './resources.js';

/** `kandji.users`: `list(filters)` streams users, `get(uuid)` reads one. */
export type KandjiUsers = ResourceOf<(typeof kandjiResources)['users']>;

/** `kandji.devices`: `list({ limit, filters })` streams devices, `get(deviceId)` reads one. */
export type KandjiDevices = ResourceOf<(typeof kandjiResources)['devices']>;
