/**
 * JumpCloud connector for the connector kit: users, user groups and members, organizations,
 * systems, policies and their results, conditional-access policies, SSO applications and their
 * assignees, administrators (console host, skip paging that stays complete while data changes)
 * and Directory Insights events (its own host, `search_after` paging), as typed objects and as
 * the shared `SaasAccount` shape.
 *
 * @packageDocumentation
 */
export {
  jumpCloudAccountStatus,
  jumpCloudPasswordPending,
  toJumpCloudAccount,
} from './accounts.js';
export {
  JUMPCLOUD_REGION_HOSTS,
  type JumpCloudConfig,
  type JumpCloudConnectorOptions,
  JumpCloudOptions,
  type JumpCloudRegion,
} from './config.js';
export {
  createJumpCloudConnector,
  type JumpCloudConnector,
  type JumpCloudMembers,
} from './connector.js';
export { JUMPCLOUD_LOGIN_EVENT_TYPES } from './last-login.js';
export type {
  JumpCloudAdministrators,
  JumpCloudAppleMdms,
  JumpCloudApplications,
  JumpCloudAuthnPolicies,
  JumpCloudEventListOptions,
  JumpCloudEvents,
  JumpCloudListOptions,
  JumpCloudOrganizations,
  JumpCloudPolicies,
  JumpCloudSystems,
  JumpCloudUserGroups,
  JumpCloudUsers,
} from './resource-types.js';
export { jumpCloudResources } from './resources.js';
export { Administrator } from './schemas/administrator.js';
export { AppleMdm, AppleMdmDevice } from './schemas/apple-mdm.js';
export { Application, ApplicationSso } from './schemas/application.js';
export { AuthnPolicy, AuthnPolicyEffect, AuthnPolicyTargets } from './schemas/authn-policy.js';
export { DirectoryEvent, EventService } from './schemas/event.js';
export { GraphConnection, GraphObject, GraphObjectWithPaths } from './schemas/graph.js';
export {
  Organization,
  OrganizationDetail,
  OrganizationSettings,
  PasswordPolicy,
} from './schemas/organization.js';
export {
  Policy,
  PolicyConfigField,
  PolicyStatus,
  PolicyTemplate,
  PolicyValue,
  PolicyWithDetails,
} from './schemas/policy.js';
export { JcSystem, SystemFde, SystemPolicyStats } from './schemas/system.js';
export {
  InsightsApp,
  InsightsBitlockerInfo,
  InsightsDiskEncryption,
  InsightsLoggedInUser,
  InsightsOsVersion,
  InsightsPatch,
  InsightsProgram,
  InsightsUser,
} from './schemas/system-insights.js';
export {
  MfaEnrollmentStatus,
  SYSTEM_USER_FIELDS,
  SystemUser,
  SystemUserAccount,
  type SystemUserField,
  UserMfa,
  UserMfaEnrollment,
  UserState,
} from './schemas/user.js';
export { UserGroup } from './schemas/user-group.js';
