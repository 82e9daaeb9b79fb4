import type { ResourceOf } from '@org/connector-core/kit';
import type { hexnodeResources } from './resources.js';

export type { HexnodeDeviceFilters, HexnodeListOptions, HexnodeUserFilters } from './resources.js';

/** `hexnode.users`: `list({ filters })` streams users (the "Default User" included), `get(id)` reads one. */
export type HexnodeUsers = ResourceOf<(typeof hexnodeResources)['users']>;

/** `hexnode.userGroups`: `list()` streams user groups, `get(id)` reads one with its members. */
export type HexnodeUserGroups = ResourceOf<(typeof hexnodeResources)['userGroups']>;

/** `hexnode.devices`: `list({ filters })` streams managed devices, `get(id)` reads one. */
export type HexnodeDevices = ResourceOf<(typeof hexnodeResources)['devices']>;

/** `hexnode.deviceGroups`: `list()` streams device groups, `get(id)` reads one with its devices. */
export type HexnodeDeviceGroups = ResourceOf<(typeof hexnodeResources)['deviceGroups']>;
