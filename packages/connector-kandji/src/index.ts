/**
 * Kandji connector for the connector kit: users (cursor paging, with the cursor taken out of a
 * `next` link that may name another host) and devices (limit/offset over bare arrays), paced by
 * Kandji's rate-limit headers, as typed objects and as the shared `SaasAccount` shape.
 *
 * @packageDocumentation
 */
export { kandjiAccountStatus, toKandjiAccount } from './accounts.js';
export {
  KANDJI_MAX_DEVICE_PAGE,
  KANDJI_RATE_LIMITS,
  type KandjiConfig,
  type KandjiConnectorOptions,
  KandjiOptions,
  type KandjiRegion,
} from './config.js';
export { createKandjiConnector, type KandjiConnector, type KandjiMembers } from './connector.js';
export type {
  KandjiDeviceListOptions,
  KandjiDevices,
  KandjiUserFilters,
  KandjiUsers,
} from './resource-types.js';
export { kandjiResources } from './resources.js';
export { KandjiBoolean } from './schemas/boolean.js';
export { KandjiDate } from './schemas/date.js';
export { KandjiDevice, KandjiDevicePage, KandjiDeviceUser } from './schemas/device.js';
export { KandjiId } from './schemas/id.js';
export { KandjiIntegration, KandjiUser, KandjiUserPage } from './schemas/user.js';
