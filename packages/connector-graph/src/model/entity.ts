/** A property value an entity or relationship may carry: flat, as JupiterOne's data model wants. */
export type GraphValue = string | number | boolean | null | string[] | number[] | boolean[];

/**
 * The vendor-neutral kind of an entity: what counts and checks group by. `app` and `profile` are
 * software and configuration profiles installed on devices; `mdm` an MDM server (Apple MDM) and
 * `mdm_device` a device as that server knows it; `access_policy` a conditional-access policy.
 */
export type EntityKind =
  | 'account'
  | 'user'
  | 'group'
  | 'application'
  | 'device'
  | 'device_group'
  | 'policy'
  | 'access_policy'
  | 'administrator'
  | 'app'
  | 'profile'
  | 'mdm'
  | 'mdm_device'
  | 'person';

/** Every {@link EntityKind}, in a stable order. */
export const ENTITY_KINDS: readonly EntityKind[] = [
  'account',
  'user',
  'group',
  'application',
  'device',
  'device_group',
  'policy',
  'access_policy',
  'administrator',
  'app',
  'profile',
  'mdm',
  'mdm_device',
  'person',
];

/**
 * The verb of a relationship, one of JupiterOne's `RelationshipClass` values: `HAS`
 * (membership, ownership by the tenant), `ASSIGNED` (access to an application), `OWNS` (a
 * person's device), `ENFORCES` (a policy on a device), `INSTALLED` (software and profiles on a
 * device), `IS` (a person is an account), `USES`.
 */
export type RelationshipClass =
  | 'HAS'
  | 'ASSIGNED'
  | 'USES'
  | 'OWNS'
  | 'ENFORCES'
  | 'INSTALLED'
  | 'IS';

/** Every {@link RelationshipClass}. */
export const RELATIONSHIP_CLASSES: readonly RelationshipClass[] = [
  'HAS',
  'ASSIGNED',
  'USES',
  'OWNS',
  'ENFORCES',
  'INSTALLED',
  'IS',
];

/**
 * One node of the graph, a JupiterOne entity (`@jupiterone/data-model`): `_key` unique across the
 * graph, `_type` naming vendor and kind (`jumpcloud_user`), `_class` the data-model classes
 * (`User`), `name` and `displayName`, the properties each class requires (a `Device`'s
 * `category`, `make`, `model`, `serial`, `deviceId`, `lastSeenOn`...), then the vendor's own
 * fields under camelCase names, flattened (`mfa.configured`, `passwordExpired`), timestamps as
 * epoch milliseconds, secrets never kept.
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
  /**
   * Set when some of its fields could not be read this time (the resource failed) and are carried
   * from the last snapshot that had them: a diff never reports them, a check may still read them.
   */
  readonly _stale?: boolean | undefined;
  /**
   * Sources (`<connection>/<resource>`) besides `_source` that merged fields into it (Prism rows
   * into a Kandji device): when one of them fails, its fields are carried from the last snapshot.
   */
  readonly _mergedFrom?: readonly string[] | undefined;
  /** Data-model properties and vendor fields (`email`, `active`, `department`...). */
  readonly [field: string]: GraphValue | readonly string[] | undefined;
}

/** One edge of the graph, shaped like a JupiterOne relationship. */
export interface GraphRelationship {
  /** `<from key>|<verb>|<to key>`. */
  readonly _key: string;
  /**
   * `<from type>_<verb>_<to type>` with the parts the target shares with the source dropped
   * (JupiterOne's rule): `jumpcloud_group_has_user`, `person_is_kandji_user`.
   */
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
  /** Set when the edge was carried from the last snapshot because its resource failed. */
  readonly _stale?: boolean | undefined;
  /** Edge properties, such as a policy result's `success` and `state`. */
  readonly [field: string]: GraphValue | undefined;
}
