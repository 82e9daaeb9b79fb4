import type { GraphSnapshot } from './snapshot.js';

/** How many entities of each `_type` and relationships of each `_type` a graph holds, sorted. */
export function countByType(snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>): {
  entities: Record<string, number>;
  relationships: Record<string, number>;
} {
  const tally = (items: Iterable<{ readonly _type: string }>) => {
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i._type, (counts.get(i._type) ?? 0) + 1);
    return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  return {
    entities: tally(snapshot.entities.values()),
    relationships: tally(snapshot.relationships.values()),
  };
}
