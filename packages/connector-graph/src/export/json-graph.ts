import type { GraphSnapshot } from '../model/snapshot.js';
import { byKey } from './stable-json.js';

/** A graph in JSON Graph Format v2 (jsongraphformat.info): nodes by id, edges as a list. */
export interface JsonGraph {
  graph: {
    directed: true;
    type: 'connector-kit';
    label: string;
    nodes: Record<string, { label: string; metadata: Record<string, unknown> }>;
    edges: Array<{
      id: string;
      source: string;
      target: string;
      relation: string;
      metadata: Record<string, unknown>;
    }>;
  };
}

/**
 * The graph in JSON Graph Format: node ids are entity `_key`s, edge `relation` is the verb, and
 * every other field goes under `metadata`. Nodes and edges sorted by key.
 */
export function toJsonGraph(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships' | 'takenAt'>,
): JsonGraph {
  const nodes: JsonGraph['graph']['nodes'] = {};
  for (const e of byKey(snapshot.entities.values())) {
    const { _key, displayName, ...metadata } = e;
    nodes[_key] = { label: displayName, metadata };
  }
  const edges = byKey(snapshot.relationships.values()).map((r) => {
    const { _key, _fromEntityKey, _toEntityKey, _class, displayName: _, ...metadata } = r;
    return { id: _key, source: _fromEntityKey, target: _toEntityKey, relation: _class, metadata };
  });
  return {
    graph: {
      directed: true,
      type: 'connector-kit',
      label: `connector kit graph ${snapshot.takenAt.toISOString()}`,
      nodes,
      edges,
    },
  };
}
