import type { ResourceStatus } from '../model/snapshot.js';

/** The cost estimate of one connection, checked against its rate budget before reading. */
export interface EstimateEvent {
  type: 'estimate';
  connection: string;
  /** Calls the whole read is expected to cost. */
  cost: number;
  /** Calls each resource is expected to cost. */
  resources: Record<string, number>;
  /** The connection's budget windows at the time: name, limit, remaining. */
  windows: Array<{ name: string; limit: number; remaining: number }>;
}

/** A long budget window (a daily quota) has fewer calls left than the read needs. */
export interface BudgetWarningEvent {
  type: 'budget-warning';
  connection: string;
  window: string;
  remaining: number;
  cost: number;
  resetsAt: Date;
}

/** A resource started reading. */
export interface ResourceStartedEvent {
  type: 'resource-started';
  connection: string;
  resource: string;
}

/** Items read so far by a resource: sent every `progressEvery` items. */
export interface CollectProgressEvent {
  type: 'progress';
  connection: string;
  resource: string;
  entities: number;
  relationships: number;
}

/**
 * A resource finished, complete or not (`status.error` says why not), proven or not
 * (`status.unproven` says why its removals are withheld).
 */
export interface ResourceFinishedEvent {
  type: 'resource-finished';
  status: ResourceStatus;
}

/**
 * A connection could not be read at all: its cost estimate or budget check failed (rejected
 * credentials, a spent quota). Its resources are recorded incomplete with this error and the
 * other connections are still read.
 */
export interface ConnectionFailedEvent {
  type: 'connection-failed';
  connection: string;
  /** The error's code (`authentication`, `rate_limit`...) and message. */
  error: { code: string; message: string };
  /** The error itself, for its `userAction` and `retryAfterMs`. */
  cause: unknown;
}

/** Everything {@link collect} reports while it runs. */
export type CollectEvent =
  | EstimateEvent
  | ConnectionFailedEvent
  | BudgetWarningEvent
  | ResourceStartedEvent
  | CollectProgressEvent
  | ResourceFinishedEvent;
