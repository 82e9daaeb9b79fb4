import type { CallOptions, ConnectionIdentity, Connector } from '@org/connector-core';
import type { EntityKind, GraphValue, RelationshipClass } from '../model/entity.js';

/** A reference to an entity of the connection being read: its `_key` and `_type`. */
export interface EntityRef {
  readonly key: string;
  readonly type: string;
}

/**
 * An entity as an adapter describes it; the collector adds `_key`, `_type`, `_source` and
 * `name` (the display name unless `fields.name` gives one).
 */
export interface EntityInit {
  kind: EntityKind;
  /** The vendor's id of the object. */
  id: string | number;
  /** JupiterOne data-model classes. */
  class: readonly string[];
  displayName: string;
  /** Data-model properties and vendor fields. */
  fields: Record<string, GraphValue>;
}

/** What an adapter writes one resource's items through. */
export interface ReadContext {
  /** Name of the connection. */
  readonly connection: string;
  /** The connection's account (tenant) entity. */
  readonly account: EntityRef;
  /** Aborts the read. */
  readonly signal: AbortSignal | undefined;
  /**
   * What to pass to every `list()` (and `get()`) of the resource: the `signal`, and the hook that
   * marks the resource unproven when a listing cannot prove it missed nothing.
   */
  readonly call: CallOptions;
  /** The reference of an entity of this connection, whether or not it was read. */
  ref(kind: EntityKind, id: string | number): EntityRef;
  /** Adds (or, for the same key, merges into) an entity; returns its reference. */
  entity(init: EntityInit): EntityRef;
  /**
   * Sets fields on an entity another resource of this connection created (a Prism row's
   * FileVault state on a Kandji device), leaving its name and classes alone; returns false, and
   * does nothing, when there is no such entity.
   */
  merge(kind: EntityKind, id: string | number, fields: Record<string, GraphValue>): boolean;
  /** Adds a relationship, with optional properties (a policy result). */
  relate(
    from: EntityRef,
    verb: RelationshipClass,
    to: EntityRef,
    properties?: Record<string, GraphValue>,
  ): void;
}

/** One resource an adapter reads: one API listing (and the calls that fan out of it). */
export interface ResourceReader {
  /** Name, unique within the adapter, such as `users` or `groupMembers`. */
  readonly name: string;
  /** Resources whose items this one needs (group ids for memberships): incomplete when they are. */
  readonly dependsOn?: readonly string[] | undefined;
  /**
   * For a resource that adds fields to entities another resource created (Prism rows into Kandji
   * devices, sign-ins into users): the fields it sets. When it fails, those fields are carried
   * from the last snapshot; without the list, the whole entity is. A name ending in `.`
   * (`filevault.`) stands for every field under it.
   */
  readonly merges?: readonly string[] | undefined;
  /**
   * Calls it is expected to cost. `previous.items(resource)` is how many entities a resource of
   * this connection produced in the previous snapshot (when one was given), `previous.edges` how
   * many relationships: a listing's pages, and the calls a fan-out read makes per parent, follow
   * from them.
   */
  estimate(previous: {
    items(resource: string): number | undefined;
    edges(resource: string): number | undefined;
  }): number | Promise<number>;
  /** Reads every item through `ctx`; throws when the listing fails. */
  read(ctx: ReadContext): Promise<void>;
}

/**
 * Vendor-specific reading for one connection: its identity, its account entity and the
 * resources to read. One small adapter per vendor (`src/vendors/<vendor>.ts`), registered by one
 * line in `src/vendors/registry.ts`; pass your own to `collect()` under `adapters` for another
 * vendor.
 */
export interface VendorAdapter {
  /**
   * Whether the vendor is an identity directory (JumpCloud, Okta): a person with an account in
   * one of its connections is managed. People are joined across every vendor either way.
   */
  readonly directory?: boolean | undefined;
  /**
   * `_type`s that differ from `<vendor>_<kind>`, by kind, to match JupiterOne's own integration
   * (Hexnode's user groups are `hexnode_user_group`, Kandji's blueprints `kandji_blueprint`).
   */
  readonly types?: Partial<Record<EntityKind, string>> | undefined;
  /** Vendor, host and tenant of the connection, when they can be told without a call. */
  identity(connector: Connector): ConnectionIdentity | undefined;
  /** The account (tenant) entity's id, class, name and fields. */
  account(connector: Connector): Omit<EntityInit, 'kind'>;
  /** The resources to read, in order. */
  resources(connector: Connector): ResourceReader[];
}
