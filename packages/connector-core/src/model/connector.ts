import type { UnprovenListing } from '../paginate/continuity.js';
import type { ListingPosition } from '../paginate/listing-position.js';
import type { SaasAccount } from './saas-account.js';

/**
 * Who a connection reads from: the same vendor, host and tenant mean the same data. Pollers bind
 * snapshots to it, so another tenant's snapshot is never used as a baseline. No secrets.
 */
export interface ConnectionIdentity {
  /** Vendor name, such as `jumpcloud`. */
  vendor: string;
  /** Host of the vendor API the connection reads (`acme.hexnodemdm.com`, `console.jumpcloud.com`). */
  host: string;
  /**
   * The tenant within that host: Hexnode portal, Kandji subdomain, JumpCloud organization id (or,
   * before one is known, a non-reversible digest that tells two credentials apart).
   */
  tenant: string;
}

/** An item a connector listed but could not map (a missing or malformed field): schema drift. */
export interface InvalidItem {
  /** Vendor of the connection. */
  vendor: string;
  /** Name of the connection. */
  connection: string;
  /** Resource the item came from, such as `users`. */
  resource: string;
  /** Where the item sits in the vendor's response, such as `$.results[37]`. */
  path: string;
  /** The field that could not be mapped, such as `email`. */
  field: string;
  /** The vendor's id of the item, when it has a readable one. */
  itemId: string | undefined;
  /** What was wrong with the field. No values that could be secrets. */
  reason: string;
}

/** Options every long-running connector call accepts. */
export interface CallOptions {
  /** Aborts the call, including any wait for the rate limiter or a retry. */
  signal?: AbortSignal | undefined;
  /**
   * What `accounts()` does with an item it cannot map: `'fail'` (the default) throws a
   * `ValidationError` naming the vendor, field and item path; `'skip'` leaves it out and reports it
   * to {@link CallOptions.onSkippedItem}.
   */
  onInvalidItem?: 'fail' | 'skip' | undefined;
  /** Called once per item left out under `onInvalidItem: 'skip'`. */
  onSkippedItem?: ((item: InvalidItem) => void) | undefined;
  /**
   * Called when a listing read every item it saw but could not prove it saw every item present
   * (the vendor's pages came in no order by id, or a newest-first list shrank while it was read):
   * an item missing from such a run may have been missed rather than removed. Pollers and graph
   * feeds withhold removals from such a run.
   */
  onUnprovenListing?: ((listing: UnprovenListing) => void) | undefined;
  /**
   * Resumes a listing at a position `onPosition` reported in an earlier run, so a long first sync
   * cut off by a crash goes on without reading (and paying for) its pages again. Listings that
   * cannot resume (or a position of another listing) start over.
   */
  resume?: ListingPosition | undefined;
  /**
   * Told where the listing stands each time the caller has taken every item of a page, as plain
   * JSON to keep for `resume`. Only listings that can resume (Hexnode's) report positions.
   */
  onPosition?: ((position: ListingPosition) => void) | undefined;
}

/** What {@link Connector.verify} learned about a working connection. */
export interface VerifyResult {
  /** Always `true`: a failed verification throws a typed error instead. */
  ok: true;
  /** Vendor of the connection. */
  vendor: string;
  /** Name of the connection. */
  connection: string;
  /** Vendor-specific facts worth showing (tenant, organization, region). No secrets. */
  details?: Record<string, string | number | boolean> | undefined;
}

/** How much of its rate budget a connection has left. */
export interface BudgetSnapshot {
  /** One entry per limit window (per minute, per day, ...). */
  windows: Array<{
    /** Name of the window, such as `minute` or `day`. */
    name: string;
    /** Calls allowed per window. */
    limit: number;
    /** Length of the window in milliseconds. */
    intervalMs?: number | undefined;
    /** Calls left in the current window. */
    remaining: number;
    /** When the current window resets. */
    resetsAt: Date;
  }>;
  /** When set, every call is paused until then (after a 429). */
  pausedUntil?: Date | undefined;
}

/**
 * What every connector implements, so a host app can hold connections to different vendors in one
 * list and treat them alike.
 */
export interface Connector {
  /** Vendor name, such as `hexnode`. */
  readonly vendor: string;
  /** Name of this connection, unique within the host app (defaults to the vendor or tenant). */
  readonly name: string;
  /** Vendor, host and tenant this connection reads; what a snapshot is bound to. */
  readonly identity?: ConnectionIdentity | undefined;
  /**
   * What a person must do at the vendor once the connection is deleted: its credential stays
   * valid there until revoked (see `deleteConnection`).
   */
  readonly revokeAccess?: string | undefined;
  /**
   * Checks the credentials and the permission needed to list accounts with one cheap call.
   * Throws `AuthenticationError`, `PermissionError` or `ConfigError` when the connection cannot work.
   */
  verify(options?: CallOptions): Promise<VerifyResult>;
  /** Streams every user account as a {@link SaasAccount}. */
  accounts(options?: CallOptions): AsyncIterable<SaasAccount>;
  /** The connection's remaining rate budget, when the connector tracks one. */
  budget?(): BudgetSnapshot;
  /**
   * Calls a full `accounts()` run is expected to cost, when the connector can estimate it; used to
   * refuse polling intervals the budget cannot sustain.
   */
  estimateSyncCost?(options?: CallOptions): Promise<number | undefined>;
}
