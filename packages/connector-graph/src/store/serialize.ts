import * as v from 'valibot';
import {
  ENTITY_KINDS,
  type GraphEntity,
  type GraphRelationship,
  RELATIONSHIP_CLASSES,
} from '../model/entity.js';
import type { GraphSnapshot } from '../model/snapshot.js';

/** First line of a stored graph: what it is, its metadata and how many lines follow. */
export const GRAPH_FORMAT = 'connector-kit/graph';
/**
 * The graph model a stored file holds. 2: JupiterOne's data model (camelCase properties, epoch-ms
 * times, relationship types without the target's vendor prefix). A file of another version would
 * diff into changes that never happened, so it is refused, not converted.
 */
export const GRAPH_FORMAT_VERSION = 2;

const Identity = v.object({ vendor: v.string(), host: v.string(), tenant: v.string() });

export const HeaderSchema = v.object({
  format: v.literal(GRAPH_FORMAT),
  version: v.literal(GRAPH_FORMAT_VERSION),
  takenAt: v.pipe(v.string(), v.isoTimestamp()),
  complete: v.boolean(),
  connections: v.array(
    v.object({
      name: v.string(),
      vendor: v.string(),
      identity: v.optional(Identity),
      accountKey: v.string(),
    }),
  ),
  resources: v.array(
    v.object({
      source: v.string(),
      connection: v.string(),
      resource: v.string(),
      complete: v.boolean(),
      entities: v.number(),
      relationships: v.number(),
      error: v.optional(v.object({ code: v.string(), message: v.string() })),
      unproven: v.optional(v.object({ reason: v.string() })),
    }),
  ),
  entities: v.pipe(v.number(), v.integer(), v.minValue(0)),
  relationships: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const Value = v.union([
  v.string(),
  v.number(),
  v.boolean(),
  v.null(),
  v.array(v.string()),
  v.array(v.number()),
  v.array(v.boolean()),
]);
const Kind = v.picklist(ENTITY_KINDS);
const Verb = v.picklist(RELATIONSHIP_CLASSES);

export const EntityLine = v.tuple([
  v.literal('e'),
  v.objectWithRest(
    {
      _key: v.string(),
      _type: v.string(),
      _class: v.array(v.string()),
      _kind: Kind,
      _source: v.string(),
      displayName: v.string(),
    },
    Value,
  ),
]);

export const RelationshipLine = v.tuple([
  v.literal('r'),
  v.objectWithRest(
    {
      _key: v.string(),
      _type: v.string(),
      _class: Verb,
      _fromEntityKey: v.string(),
      _toEntityKey: v.string(),
      _source: v.string(),
      displayName: v.string(),
    },
    Value,
  ),
]);

/** The header line of a snapshot. */
export function headerOf(snapshot: GraphSnapshot): v.InferOutput<typeof HeaderSchema> {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_FORMAT_VERSION,
    takenAt: snapshot.takenAt.toISOString(),
    complete: snapshot.complete,
    connections: snapshot.connections.map((c) => ({
      name: c.name,
      vendor: c.vendor,
      ...(c.identity
        ? {
            identity: {
              vendor: c.identity.vendor,
              host: c.identity.host,
              tenant: c.identity.tenant,
            },
          }
        : {}),
      accountKey: c.accountKey,
    })),
    resources: snapshot.resources.map((r) => ({ ...r })),
    entities: snapshot.entities.size,
    relationships: snapshot.relationships.size,
  };
}

/** Lines of a snapshot after its header: entities, then relationships. */
export function* snapshotLines(snapshot: GraphSnapshot): Generator<string> {
  for (const e of snapshot.entities.values()) yield JSON.stringify(['e', e]);
  for (const r of snapshot.relationships.values()) yield JSON.stringify(['r', r]);
}

/** Reads lines back into a snapshot; `fail(line, why)` makes the error to throw. */
export async function readSnapshot(
  lines: AsyncIterable<string>,
  fail: (line: number, why: string) => Error,
): Promise<GraphSnapshot | undefined> {
  let header: v.InferOutput<typeof HeaderSchema> | undefined;
  const entities = new Map<string, GraphEntity>();
  const relationships = new Map<string, GraphRelationship>();
  let n = 0;
  for await (const line of lines) {
    n++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw fail(n, 'not JSON');
    }
    if (!header) {
      const version = (parsed as { version?: unknown } | null)?.version;
      if (typeof version === 'number' && version !== GRAPH_FORMAT_VERSION) {
        throw fail(
          n,
          `stored by graph model ${version}; this version reads model ${GRAPH_FORMAT_VERSION}`,
        );
      }
      const result = v.safeParse(HeaderSchema, parsed);
      if (!result.success) throw fail(n, 'bad header');
      header = result.output;
      continue;
    }
    if (Array.isArray(parsed) && parsed[0] === 'e') {
      const result = v.safeParse(EntityLine, parsed);
      if (!result.success) throw fail(n, 'bad entity');
      entities.set(result.output[1]._key, result.output[1] as GraphEntity);
    } else {
      const result = v.safeParse(RelationshipLine, parsed);
      if (!result.success) throw fail(n, 'bad relationship');
      relationships.set(result.output[1]._key, result.output[1] as GraphRelationship);
    }
  }
  if (!header) return undefined;
  if (entities.size !== header.entities || relationships.size !== header.relationships) {
    throw fail(n, 'fewer items than the header says');
  }
  return {
    takenAt: new Date(header.takenAt),
    complete: header.complete,
    connections: header.connections,
    resources: header.resources,
    entities,
    relationships,
  };
}
