import type { GraphSnapshot } from '../model/snapshot.js';
import { byKey } from './stable-json.js';

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The graph as GraphML, for Gephi, yEd or Cytoscape: one node per entity (`label`, `type`,
 * `class`, `kind`), one directed edge per relationship (`label` the verb, `type`). Vendor fields
 * stay in the NDJSON and JSON Graph exports. Yields the document in pieces, nodes and edges
 * sorted by key.
 */
export function* toGraphML(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>,
): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';
  for (const [id, on] of [
    ['label', 'all'],
    ['type', 'all'],
    ['class', 'node'],
    ['kind', 'node'],
  ] as const) {
    yield `  <key id="${id}" for="${on}" attr.name="${id}" attr.type="string"/>\n`;
  }
  yield '  <graph id="connector-kit" edgedefault="directed">\n';
  for (const e of byKey(snapshot.entities.values())) {
    yield `    <node id="${xml(e._key)}"><data key="label">${xml(e.displayName)}</data><data key="type">${xml(e._type)}</data><data key="class">${xml(e._class.join(','))}</data><data key="kind">${e._kind}</data></node>\n`;
  }
  for (const r of byKey(snapshot.relationships.values())) {
    yield `    <edge id="${xml(r._key)}" source="${xml(r._fromEntityKey)}" target="${xml(r._toEntityKey)}"><data key="label">${r._class}</data><data key="type">${xml(r._type)}</data></edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}
