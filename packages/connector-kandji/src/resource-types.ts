import type { ResourceOf } from '@org/connector-core/kit';
import type { kandjiResources } from './resources.js';

export type {
  KandjiBlueprintFilters,
  KandjiDetectionOptions,
  KandjiDeviceListOptions,
  KandjiPrismOptions,
  KandjiUserFilters,
} from './resources.js';

/** `kandji.users`: `list(filters)` streams users, `get(uuid)` reads one. */
export type KandjiUsers = ResourceOf<(typeof kandjiResources)['users']>;

/**
 * `kandji.devices`: `list({ limit, filters })` streams devices, `get(deviceId)` reads one,
 * `apps(deviceId)` streams one device's apps.
 */
export type KandjiDevices = ResourceOf<(typeof kandjiResources)['devices']>;

/** A Prism category of the connection, such as `kandji.filevault`: `list(options)` streams rows. */
export type KandjiPrismCategoryResource<K extends keyof typeof kandjiResources> = ResourceOf<
  (typeof kandjiResources)[K]
>;

/** `kandji.blueprints`: `list(filters)` streams blueprints, `get(uuid)` reads one. */
export type KandjiBlueprints = ResourceOf<(typeof kandjiResources)['blueprints']>;

/** `kandji.vulnerabilityDetections`: `list({ size, filter })` streams detections. */
export type KandjiVulnerabilityDetections = ResourceOf<
  (typeof kandjiResources)['vulnerabilityDetections']
>;
