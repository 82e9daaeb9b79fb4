import { blueprints } from './resources/blueprints.js';
import { devices } from './resources/devices.js';
import { prismResources } from './resources/prism.js';
import { users } from './resources/users.js';
import { vulnerabilityDetections } from './resources/vulnerabilities.js';

export type { KandjiBlueprintFilters } from './resources/blueprints.js';
export type { KandjiDeviceListOptions } from './resources/devices.js';
export { totalCountHeader } from './resources/paging.js';
export type { KandjiPrismOptions, KandjiPrismPageSchema } from './resources/prism.js';
export type { KandjiUserFilters } from './resources/users.js';
export type { KandjiDetectionOptions } from './resources/vulnerabilities.js';

/**
 * Kandji's resource table, what `createKandjiConnector` builds its resources from: `users`,
 * `devices` (with `devices.apps(id)`), the Prism categories (`deviceInformation`, `filevault`,
 * `activationLock`, `apps`, `installedProfiles`, `localUsers`, `gatekeeperAndXprotect`,
 * `applicationFirewall`, `startupSettings`), `blueprints` and `vulnerabilityDetections`.
 */
export const kandjiResources = {
  users,
  devices,
  ...prismResources,
  blueprints,
  vulnerabilityDetections,
};
