import type { GraphEntity, GraphRelationship } from '../model/entity.js';
import type { GraphSnapshot } from '../model/snapshot.js';

/** An entity or relationship present in both snapshots with different fields. */
export interface Changed<T> {
  /** Its `_key`. */
  key: string;
  /** The fields whose values differ (added and dropped fields included), sorted. */
  fields: string[];
  previous: T;
  current: T;
}

/** Added, changed and removed items of one half of the graph. */
export interface ChangeList<T> {
  added: T[];
  changed: Changed<T>[];
  removed: T[];
}

/** What changed between two graph snapshots. */
export interface GraphChanges {
  entities: ChangeList<GraphEntity>;
  relationships: ChangeList<GraphRelationship>;
  /**
   * Sources (`<connection>/<resource>`) incomplete in the current snapshot, or not read at all,
   * that held items before: their missing items were not reported as removed (and, with
   * `collect({ previous })`, were carried into the current snapshot marked `_stale`).
   */
  withheld: string[];
}

// Bookkeeping fields: a move between resources, or fields carried over an outage, is no change
// of the object.
const IGNORED = new Set(['_key', '_source', '_stale', '_mergedFrom']);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

/**
 * Names of the fields that differ between two versions of one item, sorted. Allocates nothing
 * for an unchanged item: a diff of a large graph is mostly unchanged items.
 */
export function changedFieldNames(previous: object, current: object): string[] {
  const p = previous as Record<string, unknown>;
  const c = current as Record<string, unknown>;
  let fields: string[] | undefined;
  const add = (name: string) => {
    if (fields) fields.push(name);
    else fields = [name];
  };
  for (const name in c) {
    if (!IGNORED.has(name) && !same(p[name], c[name])) add(name);
  }
  for (const name in p) {
    if (!IGNORED.has(name) && !(name in c) && p[name] !== undefined) add(name);
  }
  return fields ? fields.sort() : [];
}

/**
 * Sources whose missing items may be reported as removed: read, read completely, and by a
 * listing that proved it missed nothing.
 */
export function removableSources(current: Pick<GraphSnapshot, 'resources'>): Set<string> {
  return new Set(current.resources.filter((r) => r.complete && !r.unproven).map((r) => r.source));
}

function diffMap<T extends { readonly _key: string; readonly _source: string }>(
  previous: ReadonlyMap<string, T>,
  current: ReadonlyMap<string, T>,
  removable: ReadonlySet<string>,
  withheld: Set<string>,
  incomplete: ReadonlySet<string>,
): ChangeList<T> {
  const out: ChangeList<T> = { added: [], changed: [], removed: [] };
  for (const [key, item] of current) {
    const before = previous.get(key);
    if (before === undefined) {
      out.added.push(item);
      continue;
    }
    const fields = changedFieldNames(before, item);
    if (fields.length > 0) out.changed.push({ key, fields, previous: before, current: item });
  }
  for (const [key, item] of previous) {
    if (current.has(key)) {
      if (incomplete.has(item._source)) withheld.add(item._source);
      continue;
    }
    if (removable.has(item._source)) out.removed.push(item);
    else withheld.add(item._source);
  }
  return out;
}

/**
 * Compares two graph snapshots: entities and relationships added, changed (naming the fields)
 * and removed, in the order of the current (added, changed) and previous (removed) snapshot.
 * One pass over each map: time linear in the size of the graphs.
 *
 * An item missing from the current snapshot counts as removed only when the resource that
 * produced it was read completely: a failed, partial or skipped resource never yields removals,
 * nor does one whose listing could not prove it missed nothing (its source is listed in `withheld`).
 */
export function diffGraphs(
  previous: Pick<GraphSnapshot, 'entities' | 'relationships'>,
  current: Pick<GraphSnapshot, 'entities' | 'relationships' | 'resources'>,
): GraphChanges {
  const removable = removableSources(current);
  const incomplete = new Set(current.resources.filter((r) => !r.complete).map((r) => r.source));
  const withheld = new Set<string>();
  return {
    entities: diffMap(previous.entities, current.entities, removable, withheld, incomplete),
    relationships: diffMap(
      previous.relationships,
      current.relationships,
      removable,
      withheld,
      incomplete,
    ),
    withheld: [...withheld].sort(),
  };
}

/**
 * The snapshot to keep as the next baseline after `current`: `current`, plus the items of
 * `previous` whose resource `current` could not read completely, so that what was not seen this
 * time is neither lost nor later reported as added again.
 */
export function carryForward(previous: GraphSnapshot, current: GraphSnapshot): GraphSnapshot {
  const removable = removableSources(current);
  if (removable.size === current.resources.length) return current;
  const entities = new Map(current.entities);
  const relationships = new Map(current.relationships);
  for (const [key, e] of previous.entities) {
    if (!entities.has(key) && !removable.has(e._source)) entities.set(key, e);
  }
  for (const [key, r] of previous.relationships) {
    if (!relationships.has(key) && !removable.has(r._source)) relationships.set(key, r);
  }
  return { ...current, entities, relationships };
}
