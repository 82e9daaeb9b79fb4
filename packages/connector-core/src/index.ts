/**
 * Shared transport, auth, retry, rate-limit, pagination, error and polling primitives for the
 * connector kit connectors.
 *
 * @packageDocumentation
 */
export {
  ConnectorError,
  type ConnectorErrorOptions,
  type ErrorCode,
  type UserAction,
} from './errors/connector-error.js';
export {
  AbortError,
  AuthenticationError,
  ConfigError,
  NetworkError,
  NotFoundError,
  PaginationError,
  PermissionError,
  RateLimitError,
  type RateLimitScope,
  ServerError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from './errors/errors.js';
export type {
  BudgetSnapshot,
  CallOptions,
  Connector,
  VerifyResult,
} from './model/connector.js';
export type { SaasAccount, SaasAccountStatus } from './model/saas-account.js';
export { REDACTED, redact } from './redact/redact.js';
