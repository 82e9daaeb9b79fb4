import type { GraphSnapshot } from '../model/snapshot.js';
import { byKey, sortedJson } from './stable-json.js';

/**
 * The graph as NDJSON lines in a stable order: every entity, then every relationship, each
 * sorted by `_key`, fields sorted, one JSON object per line (relationships are the ones with
 * `_fromEntityKey`). The same
 * graph always gives the same bytes, so exports diff cleanly.
 */
export function* toNdjson(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>,
): Generator<string> {
  for (const e of byKey(snapshot.entities.values())) yield `${sortedJson(e)}\n`;
  for (const r of byKey(snapshot.relationships.values())) yield `${sortedJson(r)}\n`;
}
