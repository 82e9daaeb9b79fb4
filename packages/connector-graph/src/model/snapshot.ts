import type { ConnectionIdentity } from '@org/connector-core';
import type { GraphEntity, GraphRelationship } from './entity.js';

/** How reading one resource of one connection went. */
export interface ResourceStatus {
  /** `<connection>/<resource>`, the `_source` of what it produced. */
  readonly source: string;
  /** Name of the connection. */
  readonly connection: string;
  /** Name of the resource, such as `users` or `groupMembers`. */
  readonly resource: string;
  /** True when every item was read; false when the read failed part way or was skipped. */
  readonly complete: boolean;
  /** Entities it produced (before a failure, when it failed). */
  readonly entities: number;
  /** Relationships it produced. */
  readonly relationships: number;
  /** Why it is incomplete: the error's code (`rate_limit`, `permission`...) and message. */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  /**
   * Set when every item was read but the vendor's listing could not prove it missed none (pages
   * in no order by id, or a newest-first list that shrank while it was read): its missing items
   * are not reported as removed, as for an incomplete resource.
   */
  readonly unproven?: { readonly reason: string } | undefined;
}

/** One connection the graph was read from. */
export interface GraphConnectionInfo {
  /** Name of the connection. */
  readonly name: string;
  /** Vendor of the connection. */
  readonly vendor: string;
  /** Vendor, host and tenant, when known: what a stored graph is bound to. */
  readonly identity?: ConnectionIdentity | undefined;
  /** `_key` of the connection's account entity (the tenant). */
  readonly accountKey: string;
}

/**
 * One graph of every connection at one time. Treat it as immutable. `complete` is false when any
 * resource is incomplete; then {@link GraphSnapshot.resources} says which, and a diff never turns
 * their missing items into removals.
 */
export interface GraphSnapshot {
  /** When collection started. */
  readonly takenAt: Date;
  /** The connections read, in the order given. */
  readonly connections: readonly GraphConnectionInfo[];
  /** Every entity, by `_key`. */
  readonly entities: ReadonlyMap<string, GraphEntity>;
  /** Every relationship, by `_key`. */
  readonly relationships: ReadonlyMap<string, GraphRelationship>;
  /** One status per resource read (and `graph/people`). */
  readonly resources: readonly ResourceStatus[];
  /** True when every resource is complete. */
  readonly complete: boolean;
}
