import type { UnprovenListing } from '@org/connector-core';
import type {
  EntityKind,
  GraphEntity,
  GraphRelationship,
  GraphValue,
  RelationshipClass,
} from '../model/entity.js';
import { relationshipType } from '../model/jupiterone.js';
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

// Relationship `_type`s by verb and endpoint types: computed once per combination.
const relationshipTypes = new Map<string, string>();
function relationshipTypeOf(verb: RelationshipClass, from: string, to: string): string {
  const id = `${verb} ${from} ${to}`;
  let type = relationshipTypes.get(id);
  if (type === undefined) {
    type = intern(relationshipType(verb, from, to));
    if (relationshipTypes.size < 10_000) relationshipTypes.set(id, type);
  }
  return type;
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
    if (!existing) {
      this.entities.set(entity._key, entity);
      return true;
    }
    // Merged fields never move the entity to another source: removals follow the resource that
    // listed it first (Kandji's devices, not the Prism rows merged into them). The merging source
    // is remembered, so its fields can be carried when it fails.
    const merged = existing._mergedFrom ?? [];
    const from =
      entity._source === existing._source || merged.includes(entity._source)
        ? merged
        : [...merged, entity._source];
    this.entities.set(entity._key, {
      ...existing,
      ...entity,
      _source: existing._source,
      ...(from.length > 0 ? { _mergedFrom: from } : {}),
    });
    return false;
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
    /** `_type`s by kind where the vendor's differ from `<vendor>_<kind>`. */
    types?: Partial<Record<EntityKind, string>> | undefined;
    /** Told when a listing of the resource could not prove it missed nothing. */
    onUnproven?: ((listing: UnprovenListing) => void) | undefined;
    /** The connection's tags, put on each of its entities as `tag.<Name>` (JupiterOne's way). */
    tags?: Readonly<Record<string, string>> | undefined;
  }): ReadContext {
    const source = intern(`${o.connection}/${o.resource}`);
    const tagFields = Object.fromEntries(
      Object.entries(o.tags ?? {}).map(([name, value]) => [`tag.${name}`, value]),
    );
    const ref = (kind: EntityKind, id: string | number): EntityRef => {
      const key = entityKey(o.connection, kind, id);
      // The entity's own key string when it was read already: edges then share it.
      return {
        key: this.entities.get(key)?._key ?? key,
        type: intern(o.types?.[kind] ?? `${o.vendor}_${kind}`),
      };
    };
    return {
      connection: o.connection,
      account: ref('account', o.accountId),
      signal: o.signal,
      call: { signal: o.signal, onUnprovenListing: o.onUnproven },
      ref,
      entity: (init) => {
        const r = ref(init.kind, init.id);
        const name = init.fields.name;
        const isNew = this.addEntity({
          ...init.fields,
          ...tagFields,
          _key: r.key,
          _type: r.type,
          _class: init.class,
          _kind: init.kind,
          _source: source,
          name: typeof name === 'string' && name !== '' ? name : init.displayName,
          displayName: init.displayName,
        });
        if (isNew) o.onItem('entities');
        return r;
      },
      merge: (kind, id, fields) => {
        const existing = this.entities.get(entityKey(o.connection, kind, id));
        if (!existing) return false;
        this.addEntity({
          ...fields,
          _key: existing._key,
          _type: existing._type,
          _class: existing._class,
          _kind: existing._kind,
          _source: source,
          displayName: existing.displayName,
        });
        return true;
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
    _type: relationshipTypeOf(verb, from.type, to.type),
    _class: verb,
    _fromEntityKey: from.key,
    _toEntityKey: to.key,
    _source: source,
    displayName: verb,
  };
}
