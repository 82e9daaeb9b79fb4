/**
 * Kandji connector for the connector kit: users (cursor paging, with the cursor taken out of a
 * `next` link that may name another host) and devices (limit/offset over bare arrays), paced by
 * Kandji's rate-limit headers, as typed objects and as the shared `SaasAccount` shape.
 *
 * @packageDocumentation
 */
export {
  type KandjiConfig,
  type KandjiConfigInput,
  type KandjiRegion,
  resolveKandjiConfig,
} from './config.js';
export {
  createKandjiConnector,
  KANDJI_RATE_LIMITS,
  type KandjiConnector,
  type KandjiConnectorOptions,
} from './connector.js';
export {
  KANDJI_MAX_DEVICE_PAGE,
  type KandjiDeviceListOptions,
  type KandjiDevices,
} from './resources/devices.js';
export type {
  KandjiUserFilters,
  KandjiUserListOptions,
  KandjiUsers,
} from './resources/users.js';
export { KandjiBoolean } from './schemas/boolean.js';
export { KandjiDate } from './schemas/date.js';
export { KandjiDevice, KandjiDevicePage, KandjiDeviceUser } from './schemas/device.js';
export { KandjiId } from './schemas/id.js';
export { KandjiIntegration, KandjiUser, KandjiUserPage } from './schemas/user.js';
export { USER_AGENT, VERSION } from './version.js';
