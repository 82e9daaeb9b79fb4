/**
 * Hexnode UEM connector for the connector kit: users, user groups, devices and device groups
 * (page-number paging, read so that deletions mid-sync never hide a live user), within Hexnode's
 * rate limits (30 calls a minute and 10 calls per managed device per day), as typed objects and as
 * the shared `SaasAccount` shape.
 *
 * @packageDocumentation
 */
export { toHexnodeAccount } from './accounts.js';
export {
  HEXNODE_DEFAULT_PAGE_SIZE,
  HEXNODE_RATE_LIMITS,
  type HexnodeConfig,
  type HexnodeConnectorOptions,
  HexnodeOptions,
} from './config.js';
export { createHexnodeConnector, type HexnodeConnector, type HexnodeMembers } from './connector.js';
export type { DailyQuota, DailyQuotaSource } from './rate-limit/daily-quota.js';
export type {
  HexnodeDeviceFilters,
  HexnodeDeviceGroups,
  HexnodeDevices,
  HexnodeListOptions,
  HexnodeUserFilters,
  HexnodeUserGroups,
  HexnodeUsers,
} from './resource-types.js';
export { hexnodeResources } from './resources.js';
export {
  HexnodeDevice,
  HexnodeDeviceDetail,
  HexnodeDevicePage,
  HexnodeDeviceUser,
} from './schemas/device.js';
export {
  HexnodeDeviceGroup,
  HexnodeDeviceGroupDetail,
  HexnodeDeviceGroupMember,
  HexnodeDeviceGroupPage,
} from './schemas/device-group.js';
export { hexnodePage } from './schemas/page.js';
export { HexnodeUser, HexnodeUserPage } from './schemas/user.js';
export {
  HexnodeUserGroup,
  HexnodeUserGroupDetail,
  HexnodeUserGroupMember,
  HexnodeUserGroupPage,
} from './schemas/user-group.js';
