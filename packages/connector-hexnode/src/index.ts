/**
 * Hexnode UEM connector: users, user groups, devices and device groups, read within Hexnode's
 * rate limits (30 calls a minute and 10 calls per managed device per day).
 *
 * @packageDocumentation
 */
export { toHexnodeAccount } from './accounts.js';
export {
  HEXNODE_DEFAULT_LIMITS,
  HEXNODE_DEFAULT_PER_PAGE,
  type HexnodeConfig,
  type HexnodeLimits,
  normalizePortal,
} from './config.js';
export {
  createHexnodeConnector,
  type HexnodeConnector,
  type HexnodeConnectorOptions,
} from './connector.js';
export type { DailyQuota, DailyQuotaSource } from './rate-limit/daily-quota.js';
export type { GetOptions, ListOptions } from './resources/context.js';
export type { HexnodeDeviceGroups } from './resources/device-groups.js';
export type {
  HexnodeDeviceFilters,
  HexnodeDeviceListOptions,
  HexnodeDevices,
} from './resources/devices.js';
export type { HexnodeUserGroups } from './resources/user-groups.js';
export type {
  HexnodeUserFilters,
  HexnodeUserListOptions,
  HexnodeUsers,
} from './resources/users.js';
export {
  HexnodeDevice,
  HexnodeDevicePage,
  HexnodeDeviceUser,
} from './schemas/device.js';
export { HexnodeDeviceGroup, HexnodeDeviceGroupPage } from './schemas/device-group.js';
export { hexnodePage } from './schemas/page.js';
export { HexnodeUser, HexnodeUserPage } from './schemas/user.js';
export {
  HexnodeUserGroup,
  HexnodeUserGroupDetail,
  HexnodeUserGroupMember,
  HexnodeUserGroupPage,
} from './schemas/user-group.js';
