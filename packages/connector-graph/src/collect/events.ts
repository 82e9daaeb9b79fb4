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

/** Everything {@link collect} reports while it runs. */
export type CollectEvent =
  | EstimateEvent
  | BudgetWarningEvent
  | ResourceStartedEvent
  | CollectProgressEvent
  | ResourceFinishedEvent;
