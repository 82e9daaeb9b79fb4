import type { GraphSnapshot } from '../model/snapshot.js';
import { byKey } from './stable-json.js';

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /** Refuse graphs larger than this many entities (default 60): a picture, not a dump. */
  maxEntities?: number | undefined;
}

function label(text: string): string {
  return text.replace(/["<>#]/g, ' ').slice(0, 60);
}

/**
 * A Mermaid flowchart of a small graph, for docs (GitHub renders a ```mermaid block). Nodes show
 * the display name and `_type`; edges the verb. Throws a `RangeError` past `maxEntities`: take a
 * subgraph first (see `subgraph()`).
 */
export function toMermaid(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>,
  options: MermaidOptions = {},
): string {
  const max = options.maxEntities ?? 60;
  if (snapshot.entities.size > max) {
    throw new RangeError(`toMermaid: ${snapshot.entities.size} entities, more than ${max}`);
  }
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  for (const e of byKey(snapshot.entities.values())) {
    const id = `n${ids.size}`;
    ids.set(e._key, id);
    lines.push(`  ${id}["${label(e.displayName)}<br/><small>${e._type}</small>"]`);
  }
  for (const r of byKey(snapshot.relationships.values())) {
    const from = ids.get(r._fromEntityKey);
    const to = ids.get(r._toEntityKey);
    if (from && to) lines.push(`  ${from} -->|${r._class}| ${to}`);
  }
  return `${lines.join('\n')}\n`;
}
