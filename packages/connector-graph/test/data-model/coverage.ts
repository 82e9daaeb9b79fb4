// How much of JupiterOne's graph for the three vendors a snapshot holds: entity types, relationship
// types (exact `_type`, and the same two entity types joined by any verb) and the properties
// JupiterOne's converters assign, plus how many entity types pass the data model's schemas.
import type { GraphEntity, GraphSnapshot } from '../../src/index.js';
import { REFERENCE_ENTITIES, REFERENCE_RELATIONSHIPS } from './jupiterone-reference.js';
import { failuresByType } from './validate.js';

/** One figure as `covered / of`. */
export interface Ratio {
  covered: number;
  of: number;
}

export interface Coverage {
  /** JupiterOne entity types the graph emits, with the same classes. */
  entityTypes: Ratio;
  /** JupiterOne relationship types the graph emits under the same `_type`. */
  relationshipTypes: Ratio;
  /** JupiterOne relationship types whose two entity types the graph joins by some edge. */
  relationshipEndpoints: Ratio;
  /** Properties JupiterOne assigns that the graph's entity of the same type carries. */
  properties: Ratio;
  /** Per JupiterOne entity type: its properties covered. */
  propertiesByType: Record<string, Ratio>;
  /** Per JupiterOne entity type: the properties it assigns that the graph's entities lack. */
  missing: Record<string, string[]>;
  /** Entity types the graph emits that pass the data model (every entity of the type). */
  validEntityTypes: Ratio;
  /** Relationship types the graph emits that pass the data model. */
  validRelationshipTypes: Ratio;
}

export function coverageOf(snapshot: GraphSnapshot): Coverage {
  const byType = new Map<string, GraphEntity[]>();
  for (const e of snapshot.entities.values()) {
    const list = byType.get(e._type) ?? [];
    list.push(e);
    byType.set(e._type, list);
  }
  const relTypes = new Set<string>();
  const pairs = new Set<string>();
  for (const r of snapshot.relationships.values()) {
    relTypes.add(r._type);
    const from = snapshot.entities.get(r._fromEntityKey)?._type;
    const to = snapshot.entities.get(r._toEntityKey)?._type;
    if (from && to) pairs.add([from, to].sort().join('|'));
  }

  const entityTypes: Ratio = { covered: 0, of: 0 };
  const properties: Ratio = { covered: 0, of: 0 };
  const propertiesByType: Record<string, Ratio> = {};
  const missing: Record<string, string[]> = {};
  for (const [type, ref] of Object.entries(REFERENCE_ENTITIES)) {
    entityTypes.of++;
    const ours = byType.get(type) ?? [];
    const sameClass =
      ours.length > 0 && ref.class.every((c) => ours.every((e) => e._class.includes(c)));
    if (sameClass) entityTypes.covered++;
    const lacking = ref.properties.filter((p) => !ours.some((e) => e[p] !== undefined));
    if (lacking.length > 0) missing[type] = lacking;
    const covered = ref.properties.length - lacking.length;
    propertiesByType[type] = { covered, of: ref.properties.length };
    properties.covered += covered;
    properties.of += ref.properties.length;
  }

  const relationshipTypes: Ratio = { covered: 0, of: 0 };
  const relationshipEndpoints: Ratio = { covered: 0, of: 0 };
  for (const [type, [from, to]] of Object.entries(REFERENCE_RELATIONSHIPS)) {
    relationshipTypes.of++;
    relationshipEndpoints.of++;
    if (relTypes.has(type)) relationshipTypes.covered++;
    if (pairs.has([from, to].sort().join('|'))) relationshipEndpoints.covered++;
  }

  const validEntityTypes: Ratio = { covered: 0, of: 0 };
  const validRelationshipTypes: Ratio = { covered: 0, of: 0 };
  for (const [type, row] of failuresByType(snapshot)) {
    const target = byType.has(type) ? validEntityTypes : validRelationshipTypes;
    target.of++;
    if (row.failing === 0) target.covered++;
  }
  return {
    entityTypes,
    relationshipTypes,
    relationshipEndpoints,
    properties,
    propertiesByType,
    missing,
    validEntityTypes,
    validRelationshipTypes,
  };
}

const pct = (r: Ratio) => (r.of === 0 ? '–' : `${Math.round((r.covered / r.of) * 100)} %`);

/** The coverage as a Markdown table (what the report and the closing note show). */
export function coverageTable(c: Coverage): string {
  const row = (name: string, r: Ratio) => `| ${name} | ${r.covered} / ${r.of} | ${pct(r)} |`;
  return [
    '| measure | covered | share |',
    '| --- | --- | --- |',
    row('JupiterOne entity types (same `_type` and `_class`)', c.entityTypes),
    row('JupiterOne relationship types (same `_type`)', c.relationshipTypes),
    row('JupiterOne relationship endpoints (same two types, any verb)', c.relationshipEndpoints),
    row('JupiterOne properties (all types)', c.properties),
    ...Object.entries(c.propertiesByType).map(([t, r]) => row(`  properties of ${t}`, r)),
    row('entity types passing the data model', c.validEntityTypes),
    row('relationship types passing the data model', c.validRelationshipTypes),
  ].join('\n');
}
