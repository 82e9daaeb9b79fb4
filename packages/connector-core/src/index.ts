/**
 * What a host app needs to use connectors: typed errors, the `Connector` and `SaasAccount` shapes,
 * events, the poller and its state stores. Connector authors use `@org/connector-core/kit`; tests
 * use `@org/connector-core/testing`.
 *
 * @packageDocumentation
 */

export { type Clock, systemClock } from './clock/clock.js';
export { defaultConnectionName } from './connector/connection-name.js';
export {
  ConnectorError,
  type ConnectorErrorOptions,
  type ErrorCode,
  type UserAction,
} from './errors/connector-error.js';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ChangeFeedOverflowError,
  ConfigError,
  NetworkError,
  NotFoundError,
  PaginationError,
  PermissionError,
  RateLimitError,
  type RateLimitScope,
  RemovalGuardError,
  SchemaDriftError,
  ServerError,
  StateLockedError,
  StoreError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from './errors/errors.js';
export type {
  ConnectorEvent,
  EventBase,
  EventHandler,
  PageEvent,
  RateLimitedEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  UnprovenListingEvent,
} from './http/events.js';
export { type KyCallOptions, type KyLike, kyFetch } from './http/ky-fetch.js';
export type { TransportOptions } from './http/options.js';
export { ResponseTooLargeError } from './http/response-too-large.js';
export type { RetryOptions } from './http/retry-timing.js';
export type {
  BudgetSnapshot,
  CallOptions,
  ConnectionIdentity,
  Connector,
  InvalidItem,
  VerifyResult,
} from './model/connector.js';
export type { SaasAccount, SaasAccountMfa, SaasAccountStatus } from './model/saas-account.js';
export type { UnprovenListing } from './paginate/continuity.js';
export type { ListingPosition } from './paginate/listing-position.js';
export type { ListOrder } from './paginate/order.js';
export type { Page, Paginated } from './paginate/paginate.js';
export {
  type AcquireResult,
  createMemoryRateLimitStore,
  type RateLimitStore,
  type StoreWindow,
  type WindowUsage,
} from './rate-limit/store.js';
export {
  assessPollingBudget,
  type BudgetAssessment,
  type WindowAssessment,
} from './sync/budget.js';
export type { ChangeSet } from './sync/change-set.js';
export {
  type ConnectionHealth,
  type ConnectionStatus,
  ConnectionStatusSchema,
  nextStatus,
  parseStatus,
  statusError,
} from './sync/connection-status.js';
export {
  type DeletableStore,
  type DeleteReport,
  deleteConnection,
} from './sync/delete-connection.js';
export type {
  AddedAccount,
  ChangedAccount,
  Differences,
  RemovedAccount,
} from './sync/diff.js';
export type {
  AddedEvent,
  BaselineEvent,
  BaselineLostEvent,
  BudgetWarningEvent,
  ChangedEvent,
  ItemSkippedEvent,
  LockLostEvent,
  PollerEvent,
  PollerStop,
  PollerStoppedEvent,
  ProgressEvent,
  RemovalsHeldEvent,
  RemovalsWithheldEvent,
  RemovedEvent,
  ResumedEvent,
  RunCompletedEvent,
  RunFailedEvent,
  RunStartedEvent,
  ScheduledEvent,
  StopReason,
} from './sync/events.js';
export {
  createFileStateStore,
  type FileStateStore,
  type FileStateStoreOptions,
} from './sync/file-store.js';
export {
  type AccountFingerprint,
  AccountFingerprintSchema,
  type ChangedField,
  changedFields,
  fingerprintAccount,
  type RawSelector,
} from './sync/fingerprint.js';
export { createMemoryStateStore, type MemoryStateStoreOptions } from './sync/memory-store.js';
export {
  createPoller,
  type HeldRemovals,
  type Poller,
  type PollerOptions,
  type PollerState,
} from './sync/poller.js';
export type { BackoffOptions } from './sync/schedule.js';
export type { Snapshot, SyncProgress } from './sync/snapshot.js';
export type { StateLock, StateLockOptions, StateStore, StoreEpoch } from './sync/state-store.js';
