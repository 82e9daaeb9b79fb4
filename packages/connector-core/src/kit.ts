/**
 * The connector authors' toolkit: the construction contract (`defineConnector`, the resource table,
 * the account mapper), the schema pieces every connector's config is built from, and the transport
 * primitives beneath them (HTTP client, auth strategies, limiter, pagination).
 *
 * @packageDocumentation
 */

export type {
  AuthContext,
  AuthRequest,
  AuthStrategy,
  RefreshContext,
} from './auth/auth-strategy.js';
export type { PrivateKeyJwtOptions } from './auth/client-assertion.js';
export {
  type OAuth2ClientCredentialsOptions,
  oauth2ClientCredentials,
} from './auth/oauth2-client-credentials.js';
export {
  type AuthorizationHeaderOptions,
  apiKeyHeader,
  authorizationHeader,
  bearer,
} from './auth/static-auth.js';
export {
  type AccountJoin,
  type AccountMap,
  type AccountSource,
  accountEmail,
  type InvalidField,
  invalidField,
  mapAccounts,
} from './connector/account-mapper.js';
export { type ConfigWording, configError, parseConfig } from './connector/config-error.js';
export {
  type CommonConfig,
  type ConnectorDefinition,
  type ConnectorFactory,
  type ConnectorRuntime,
  type DefinedConnector,
  defineConnector,
  type ItemOf,
  type TransportDeclaration,
  type TransportEnv,
} from './connector/define-connector.js';
export { type FastObjectOptions, fastObject } from './connector/fast-object.js';
export { credentialDigest, userAgentOf } from './connector/identity.js';
export {
  checkOptionKeys,
  findUnknownOption,
  type OptionKeys,
  optionKeysOf,
  TRANSPORT_OPTION_KEYS,
  type UnknownOption,
} from './connector/option-keys.js';
export {
  type GetDeclaration,
  getOf,
  type ListCallOptions,
  type ListContext,
  type ListDeclaration,
  type ListPlan,
  listOf,
  type ResourceDeclaration,
  type ResourceOf,
  resource,
} from './connector/resource-table.js';
export {
  boundedInt,
  connectionName,
  connectorOptions,
  httpsUrl,
  isLoopbackHost,
  parseHttpsUrl,
  secret,
} from './connector/schema-pieces.js';
export { createHttpClient } from './http/client.js';
export type {
  ErrorContext,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  QueryParams,
  RequestOptions,
} from './http/options.js';
export { type ContinuityOptions, compareIds } from './paginate/continuity.js';
export { type CursorOptions, cursor } from './paginate/cursor.js';
export { nextLinkQuery } from './paginate/guards.js';
export {
  findLink,
  type LinkHeaderOptions,
  linkHeader,
  parseLinkHeader,
  type WebLink,
} from './paginate/link-header.js';
export { type NextLinkOptions, nextLink } from './paginate/next-link.js';
export { type OffsetOptions, offset } from './paginate/offset.js';
export { type PageNumberOptions, pageNumber } from './paginate/page-number.js';
export { type PaginateOptions, paginate } from './paginate/paginate.js';
export { paginated } from './paginate/paginated.js';
export {
  DEFAULT_MAX_PAGE_ITEMS,
  type PageContext,
  type PageParams,
  type PagePlan,
  type PaginationStrategy,
} from './paginate/strategy.js';
export type { AdaptiveLimitOptions } from './rate-limit/adaptive.js';
export {
  createRateLimiter,
  type ObserveOptions,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitWindow,
  type ScheduleOptions,
} from './rate-limit/limiter.js';
export {
  RATE_LIMIT_HEADERS,
  type RateLimitHeaderNames,
  type RateLimitHeaderVocabulary,
  type WindowObservation,
} from './rate-limit/rate-limit-headers.js';
export { REDACTED, redact } from './redact/redact.js';
export { redactError, redactValue } from './redact/redact-error.js';
