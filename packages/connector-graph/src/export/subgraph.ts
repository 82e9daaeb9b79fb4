import type { GraphEntity, GraphRelationship } from '../model/entity.js';
import type { GraphSnapshot } from '../model/snapshot.js';

/**
 * The part of a graph within `depth` edges (either direction) of the `from` entities: for a
 * picture of one person, one group or one device.
 */
export function subgraph(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>,
  from: readonly string[],
  depth = 1,
): Pick<GraphSnapshot, 'entities' | 'relationships'> {
  const keep = new Set(from.filter((k) => snapshot.entities.has(k)));
  for (let d = 0; d < depth; d++) {
    const next = new Set(keep);
    for (const r of snapshot.relationships.values()) {
      if (keep.has(r._fromEntityKey)) next.add(r._toEntityKey);
      if (keep.has(r._toEntityKey)) next.add(r._fromEntityKey);
    }
    for (const k of next) keep.add(k);
  }
  const entities = new Map<string, GraphEntity>();
  for (const k of keep) {
    const e = snapshot.entities.get(k);
    if (e) entities.set(k, e);
  }
  const relationships = new Map<string, GraphRelationship>();
  for (const r of snapshot.relationships.values()) {
    if (entities.has(r._fromEntityKey) && entities.has(r._toEntityKey))
      relationships.set(r._key, r);
  }
  return { entities, relationships };
}
