import type {
  EntityKind,
  GraphEntity,
  GraphRelationship,
  GraphValue,
  RelationshipClass,
} from '../model/entity.js';
import { entityKey, relationshipKey } from '../model/keys.js';
import type { EntityRef, ReadContext } from './adapter.js';

// `_type` strings repeat for every item: one copy each instead of one per item (100k users and
// 300k memberships would otherwise hold as many equal strings).
const types = new Map<string, string>();
function intern(text: string): string {
  const known = types.get(text);
  if (known !== undefined) return known;
  if (types.size < 10_000) types.set(text, text);
  return text;
}

/** Counts of what one resource produced. */
export interface SourceCounts {
  entities: number;
  relationships: number;
}

/** Accumulates the entities and relationships of every resource into two maps. */
export class GraphBuilder {
  readonly entities = new Map<string, GraphEntity>();
  readonly relationships = new Map<string, GraphRelationship>();

  /**
   * Adds an entity; an entity with the same key gets the new fields merged over its own.
   * Returns whether the key is new.
   */
  addEntity(entity: GraphEntity): boolean {
    const existing = this.entities.get(entity._key);
    // Merged fields never move the entity to another source: removals follow the resource that
    // listed it first (Kandji's devices, not the Prism rows merged into them).
    this.entities.set(
      entity._key,
      existing ? { ...existing, ...entity, _source: existing._source } : entity,
    );
    return existing === undefined;
  }

  /** Adds (or replaces) a relationship; returns whether the key is new. */
  addRelationship(relationship: GraphRelationship): boolean {
    const isNew = !this.relationships.has(relationship._key);
    this.relationships.set(relationship._key, relationship);
    return isNew;
  }

  /**
   * A {@link ReadContext} for one resource of one connection. `onItem` is told each new entity
   * or relationship (for counts and progress); repeats of a key (a blueprint named by each of
   * its devices) count once.
   */
  context(o: {
    connection: string;
    vendor: string;
    resource: string;
    accountId: string;
    signal: AbortSignal | undefined;
    onItem: (what: keyof SourceCounts) => void;
    /** The connection's tags, put on each of its entities as `tag.<Name>` (JupiterOne's way). */
    tags?: Readonly<Record<string, string>> | undefined;
  }): ReadContext {
    const source = `${o.connection}/${o.resource}`;
    const tagFields = Object.fromEntries(
      Object.entries(o.tags ?? {}).map(([name, value]) => [`tag.${name}`, value]),
    );
    const ref = (kind: EntityKind, id: string | number): EntityRef => {
      const key = entityKey(o.connection, kind, id);
      // The entity's own key string when it was read already: edges then share it.
      return { key: this.entities.get(key)?._key ?? key, type: intern(`${o.vendor}_${kind}`) };
    };
    return {
      connection: o.connection,
      account: ref('account', o.accountId),
      signal: o.signal,
      ref,
      entity: (init) => {
        const r = ref(init.kind, init.id);
        const isNew = this.addEntity({
          ...init.fields,
          ...tagFields,
          _key: r.key,
          _type: r.type,
          _class: init.class,
          _kind: init.kind,
          _source: source,
          displayName: init.displayName,
        });
        if (isNew) o.onItem('entities');
        return r;
      },
      relate: (from, verb, to, properties) => {
        if (this.addRelationship(relationship(from, verb, to, source, properties))) {
          o.onItem('relationships');
        }
      },
    };
  }
}

/** Builds a relationship between two entity references. */
export function relationship(
  from: EntityRef,
  verb: RelationshipClass,
  to: EntityRef,
  source: string,
  properties: Record<string, GraphValue> = {},
): GraphRelationship {
  return {
    ...properties,
    _key: relationshipKey(from.key, verb, to.key),
    _type: intern(`${from.type}_${verb.toLowerCase()}_${to.type}`),
    _class: verb,
    _fromEntityKey: from.key,
    _toEntityKey: to.key,
    _source: source,
    displayName: verb,
  };
}
