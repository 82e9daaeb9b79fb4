import type { ResourceOf } from '@org/connector-core/kit';
import type { kandjiResources } from './resources.js';

export type {
  KandjiBlueprintFilters,
  KandjiDetectionOptions,
  KandjiDeviceListOptions,
  KandjiPrismOptions,
  KandjiUserFilters,
} from './resources.js';

type Table = typeof kandjiResources;

/** `kandji.users`: `list(filters)` streams users, `get(uuid)` reads one. */
export type KandjiUsers = ResourceOf<Table['users']>;

/**
 * `kandji.devices`: `list({ limit, filters })` streams devices, `get(deviceId)` reads one,
 * `apps(deviceId)` streams one device's apps.
 */
export type KandjiDevices = ResourceOf<Table['devices']>;

/** A Prism category of the connection, such as `kandji.filevault`: `list(options)` streams rows. */
export type KandjiPrismCategoryResource<K extends keyof Table> = ResourceOf<Table[K]>;

/** `kandji.blueprints`: `list(filters)` streams blueprints, `get(uuid)` reads one. */
export type KandjiBlueprints = ResourceOf<Table['blueprints']>;

/** `kandji.vulnerabilityDetections`: `list({ size, filter })` streams detections. */
export type KandjiVulnerabilityDetections = ResourceOf<Table['vulnerabilityDetections']>;
