import type {
  EntityKind,
  GraphEntity,
  GraphRelationship,
  GraphSnapshot,
  RelationshipClass,
} from '@org/connector-graph';
import type { AnyPostureCheck, CheckInput } from '../model/check.js';

/** A snapshot's entities by kind and relationships by verb: built once per run. */
export interface SnapshotIndex {
  readonly snapshot: GraphSnapshot;
  readonly kinds: ReadonlyMap<EntityKind, GraphEntity[]>;
  readonly verbs: ReadonlyMap<RelationshipClass, GraphRelationship[]>;
}

export function indexSnapshot(snapshot: GraphSnapshot): SnapshotIndex {
  const kinds = new Map<EntityKind, GraphEntity[]>();
  for (const e of snapshot.entities.values()) {
    const list = kinds.get(e._kind);
    if (list) list.push(e);
    else kinds.set(e._kind, [e]);
  }
  const verbs = new Map<RelationshipClass, GraphRelationship[]>();
  for (const r of snapshot.relationships.values()) {
    const list = verbs.get(r._class);
    if (list) list.push(r);
    else verbs.set(r._class, [r]);
  }
  return { snapshot, kinds, verbs };
}

/**
 * What `check` sees of `connection` (every connection for a cross-vendor check): its entities and
 * relationships, the time and its options (defaults merged with the host's).
 */
export function checkInput(
  index: SnapshotIndex,
  check: AnyPostureCheck,
  connection: string | undefined,
  now: Date,
  overrides: Record<string, unknown> | undefined,
): CheckInput<Record<string, unknown>> {
  const prefix = connection === undefined ? undefined : `${connection}:`;
  return {
    snapshot: index.snapshot,
    connection,
    now,
    options: { ...check.defaults, ...overrides },
    entities: (kind) =>
      (index.kinds.get(kind) ?? []).filter(
        (e) => prefix === undefined || e._key.startsWith(prefix),
      ),
    relationships: (verb) =>
      (index.verbs.get(verb) ?? []).filter(
        (r) => prefix === undefined || r._source.startsWith(`${connection}/`),
      ),
  };
}

/** The connections a check runs on: its vendor's, or the whole graph (`undefined`) for a cross-vendor one. */
export function scopesOf(check: AnyPostureCheck, snapshot: GraphSnapshot): (string | undefined)[] {
  return check.vendor === 'cross-vendor'
    ? [undefined]
    : snapshot.connections.filter((c) => c.vendor === check.vendor).map((c) => c.name);
}
