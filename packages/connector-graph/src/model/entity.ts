/** A property value an entity or relationship may carry: flat, as JupiterOne's data model wants. */
export type GraphValue = string | number | boolean | null | string[] | number[] | boolean[];

/** The vendor-neutral kind of an entity: what counts and checks group by. */
export type EntityKind =
  | 'account'
  | 'user'
  | 'group'
  | 'application'
  | 'device'
  | 'device_group'
  | 'policy'
  | 'administrator'
  | 'person';

/** The verb of a relationship, as JupiterOne spells its `_class`. */
export type RelationshipClass = 'HAS' | 'ASSIGNED' | 'USES' | 'OWNS' | 'APPLIES_TO' | 'IS';

/**
 * One node of the graph, shaped like a JupiterOne entity: `_key` unique across the graph, `_type`
 * naming vendor and kind (`jumpcloud_user`), `_class` the data-model classes (`User`),
 * `displayName`, then the vendor's own fields, flattened (`mfa.configured`), secrets never kept.
 */
export interface GraphEntity {
  /** Unique across the graph: `<connection>:<kind>:<vendor id>`, or `person:<email>`. */
  readonly _key: string;
  /** Vendor and kind, such as `hexnode_device`; `person` for the cross-vendor person. */
  readonly _type: string;
  /** JupiterOne data-model classes, such as `['User']`. */
  readonly _class: readonly string[];
  /** The vendor-neutral kind. */
  readonly _kind: EntityKind;
  /** The resource that produced it, `<connection>/<resource>` (`graph/people` for persons). */
  readonly _source: string;
  /** A readable name. */
  readonly displayName: string;
  /** Vendor fields and normalised ones (`email`, `active`, `department`...). */
  readonly [field: string]: GraphValue | readonly string[] | undefined;
}

/** One edge of the graph, shaped like a JupiterOne relationship. */
export interface GraphRelationship {
  /** `<from key>|<verb>|<to key>`. */
  readonly _key: string;
  /** `<from type>_<verb>_<to type>`, such as `jumpcloud_group_has_user`. */
  readonly _type: string;
  /** The verb. */
  readonly _class: RelationshipClass;
  /** Key of the entity the edge starts at. */
  readonly _fromEntityKey: string;
  /** Key of the entity the edge points to. */
  readonly _toEntityKey: string;
  /** The resource that produced it, `<connection>/<resource>`. */
  readonly _source: string;
  /** A readable name: the verb in lower case. */
  readonly displayName: string;
  /** Edge properties, such as a policy result's `success` and `state`. */
  readonly [field: string]: GraphValue | undefined;
}
