/** Fields every {@link ConnectorEvent} carries. */
export interface EventBase {
  /** Vendor of the connection, such as `jumpcloud`. */
  vendor: string;
  /** `METHOD /path` of the call, without query string. */
  endpoint: string;
}

/** A request is about to be sent (once per attempt). */
export interface RequestEvent extends EventBase {
  type: 'request';
  /** HTTP method. */
  method: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
}

/** A response arrived, successful or not. */
export interface ResponseEvent extends EventBase {
  type: 'response';
  /** HTTP method. */
  method: string;
  /** HTTP status. */
  status: number;
  /** From sending the request to reading the whole body. */
  durationMs: number;
  /** Which attempt this answers. */
  attempt: number;
  /** The vendor's request id, when it sent one. */
  requestId?: string | undefined;
}

/** A failed attempt will be tried again after `delayMs`. */
export interface RetryEvent extends EventBase {
  type: 'retry';
  /** HTTP method. */
  method: string;
  /** The attempt that failed. */
  attempt: number;
  /** Wait before the next attempt. */
  delayMs: number;
  /** Why: `HTTP 503`, `timeout`, `network error`, ... */
  reason: string;
}

/** A call waited for rate budget: the limiter's own windows, or a wait the server asked for. */
export interface RateLimitedEvent extends EventBase {
  type: 'rate-limited';
  /** How long the call waited (limiter) or every call will wait (server). */
  waitMs: number;
  /** `limiter` when a known limit held the call back, `server` after a 429 (or equivalent). */
  source: 'limiter' | 'server';
}

/** One page of a list was read. */
export interface PageEvent extends EventBase {
  type: 'page';
  /** Zero-based page index. */
  page: number;
  /** Items the page held. */
  items: number;
  /** Time to fetch the page, retries and waits included. */
  durationMs: number;
}

/**
 * A listing read every item it saw but could not prove it saw every item present: the vendor's
 * pages came in no order by id, or a newest-first list shrank while it was read. An item missing
 * from such a listing may have been missed rather than removed, so pollers withhold removals.
 */
export interface UnprovenListingEvent extends EventBase {
  type: 'unproven-listing';
  /** The order the pages came in, as far as it was read. */
  order: 'ascending' | 'descending' | 'none';
  /** Why nothing could be proven, in words. */
  reason: string;
}

/**
 * What the core reports for host observability, through the `onEvent` option. Payloads carry no
 * secrets and no query strings: endpoints are `METHOD /path`.
 */
export type ConnectorEvent =
  | RequestEvent
  | ResponseEvent
  | RetryEvent
  | RateLimitedEvent
  | PageEvent
  | UnprovenListingEvent;

/** Receives {@link ConnectorEvent}s. Exceptions it throws are ignored. */
export type EventHandler = (event: ConnectorEvent) => void;
