/**
 * JumpCloud connector: users, groups, organizations, systems, policies, SSO apps, administrators
 * and Directory Insights events, over `@org/connector-core`.
 *
 * @packageDocumentation
 */
export { accountStatus, toSaasAccount } from './accounts.js';
export {
  type JumpCloudConfig,
  type JumpCloudRegion,
  type JumpCloudServiceAccount,
  REGION_HOSTS,
  type ResolvedCredentials,
  type ResolvedJumpCloudConfig,
  resolveConfig,
} from './config.js';
export {
  createJumpCloudConnector,
  type JumpCloudConnector,
  type JumpCloudConnectorOptions,
  USER_AGENT,
} from './connector.js';
export type { AdministratorsResource } from './resources/administrators.js';
export type { ApplicationsResource, AssignmentListOptions } from './resources/applications.js';
export type { AuthnPoliciesResource } from './resources/authn-policies.js';
export type { ListOptions } from './resources/context.js';
export type { EventListOptions, EventsResource } from './resources/events.js';
export type { OrganizationsResource } from './resources/organizations.js';
export type { PoliciesResource } from './resources/policies.js';
export type { SystemsResource } from './resources/systems.js';
export type { MemberListOptions, UserGroupsResource } from './resources/user-groups.js';
export type { UsersResource } from './resources/users.js';
export { Administrator } from './schemas/administrator.js';
export { Application, ApplicationSso } from './schemas/application.js';
export {
  AuthnPolicy,
  AuthnPolicyEffect,
  AuthnPolicyTargets,
} from './schemas/authn-policy.js';
export { DirectoryEvent, EventService } from './schemas/event.js';
export { GraphConnection, GraphObject, GraphObjectWithPaths } from './schemas/graph.js';
export {
  Organization,
  OrganizationDetail,
  OrganizationSettings,
  PasswordPolicy,
} from './schemas/organization.js';
export { Policy, PolicyStatus, PolicyTemplate } from './schemas/policy.js';
export { JcSystem, SystemFde, SystemPolicyStats } from './schemas/system.js';
export {
  MfaEnrollmentStatus,
  SystemUser,
  SystemUserAccount,
  UserMfa,
  UserMfaEnrollment,
  UserState,
} from './schemas/user.js';
export { UserGroup } from './schemas/user-group.js';
