/**
 * Kandji connector for the connector kit: users (cursor paging, with the cursor taken out of a
 * `next` link that may name another host), devices (limit/offset over bare arrays), Prism's
 * fleet-wide categories, blueprints and vulnerability detections, paced by
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
export {
  createKandjiUserIndex,
  type KandjiUserIndex,
  type KandjiUserMatch,
  type KandjiUserRef,
  prismUserRef,
} from './join.js';
export type {
  KandjiBlueprintFilters,
  KandjiBlueprints,
  KandjiDetectionOptions,
  KandjiDeviceListOptions,
  KandjiDevices,
  KandjiPrismCategoryResource,
  KandjiPrismOptions,
  KandjiUserFilters,
  KandjiUsers,
  KandjiVulnerabilityDetections,
} from './resource-types.js';
export {
  KANDJI_PRISM_CATEGORIES,
  type KandjiPrismCategory,
} from './resources/single-reads.js';
export { type KandjiPrismPageSchema, kandjiResources } from './resources.js';
export { KandjiBlueprint, KandjiBlueprintPage } from './schemas/blueprint.js';
export { KandjiBoolean, KandjiFlag } from './schemas/boolean.js';
export { KandjiDate } from './schemas/date.js';
export { KandjiDevice, KandjiDevicePage, KandjiDeviceUser } from './schemas/device.js';
export { KandjiDeviceApp, KandjiDeviceAppsPage } from './schemas/device-apps.js';
export { KandjiDeviceDetails } from './schemas/device-details.js';
export { KandjiId, KandjiLegacyId } from './schemas/id.js';
export { KandjiPrismCount } from './schemas/prism/count.js';
export {
  KandjiPrismDeviceInformation,
  KandjiPrismDeviceInformationPage,
} from './schemas/prism/device-information.js';
export {
  KandjiPrismApp,
  KandjiPrismAppPage,
  KandjiPrismInstalledProfile,
  KandjiPrismInstalledProfilePage,
  KandjiPrismLocalUser,
  KandjiPrismLocalUserPage,
  KandjiProfilePayload,
} from './schemas/prism/inventory.js';
export { prismPage, prismRowFields } from './schemas/prism/row.js';
export {
  KandjiPrismActivationLock,
  KandjiPrismActivationLockPage,
  KandjiPrismFilevault,
  KandjiPrismFilevaultPage,
  KandjiPrismFirewall,
  KandjiPrismFirewallPage,
  KandjiPrismGatekeeper,
  KandjiPrismGatekeeperPage,
  KandjiPrismStartupSettings,
  KandjiPrismStartupSettingsPage,
} from './schemas/prism/security.js';
export { KandjiIntegration, KandjiUser, KandjiUserPage } from './schemas/user.js';
export { KandjiDetection, KandjiDetectionPage } from './schemas/vulnerability.js';
