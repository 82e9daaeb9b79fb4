import type { EntityKind, RelationshipClass } from './entity.js';

/** The `_key` of an entity a connection holds. */
export function entityKey(connection: string, kind: EntityKind, id: string | number): string {
  return `${connection}:${kind}:${id}`;
}

/** The `_key` of a relationship. */
export function relationshipKey(from: string, verb: RelationshipClass, to: string): string {
  return `${from}|${verb.toLowerCase()}|${to}`;
}
