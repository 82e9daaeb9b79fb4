/**
 * Okta connector for the connector kit: users (with their MFA factors and admin roles), groups and
 * their members, paged by the `Link` header's `after` cursor and paced per endpoint by Okta's
 * `X-Rate-Limit-*` headers, with an API token (`SSWS`) or an OAuth 2.0 service app
 * (`private_key_jwt`), as typed objects and as the shared `SaasAccount` shape.
 *
 * @packageDocumentation
 */
export { oktaAccountStatus, toOktaAccount } from './accounts.js';
export {
  OKTA_DEFAULT_SCOPES,
  OKTA_MAX_PAGE,
  type OktaConfig,
  type OktaConnectorOptions,
  type OktaDomain,
  OktaOptions,
} from './config.js';
export {
  createOktaConnector,
  type OktaConnector,
  type OktaMembers,
  oktaRateLimitBucket,
} from './connector.js';
export { mapOktaError, oktaScopeFor } from './errors/map-error.js';
export type { OktaGroups, OktaUsers } from './resource-types.js';
export { type OktaGroupFilters, type OktaUserFilters, oktaResources } from './resources.js';
export { OktaDate, OktaNullableDate } from './schemas/date.js';
export { OktaErrorBody } from './schemas/error.js';
export { OktaFactor, OktaFactorList } from './schemas/factor.js';
export { OktaGroup, OktaGroupPage } from './schemas/group.js';
export { OktaRole, OktaRoleList } from './schemas/role.js';
export {
  OktaUser,
  OktaUserPage,
  OktaUserProfile,
  OktaUserStatus,
} from './schemas/user.js';
