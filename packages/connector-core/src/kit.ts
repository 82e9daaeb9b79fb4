/**
 * The connector authors' toolkit: the construction contract (`defineConnector`, the resource table,
 * the account mapper), the schema pieces every connector's config is built from, and the transport
 * primitives beneath them (HTTP client, auth strategies, limiter, pagination).
 *
 * @packageDocumentation
 */

export {
  type AccountMap,
  type AccountSource,
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
} from './connector/define-connector.js';
export { credentialDigest, userAgentOf } from './connector/identity.js';
export {
  type GetDeclaration,
  getOf,
  type ListCallOptions,
  type ListContext,
  type ListDeclaration,
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
