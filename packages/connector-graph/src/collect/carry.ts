import type { GraphEntity } from '../model/entity.js';
import type { GraphSnapshot } from '../model/snapshot.js';
import type { GraphBuilder } from './builder.js';

/**
 * Puts into `builder` what `previous` held from sources this read could not complete, marked
 * `_stale`, so that an outage changes nothing in the graph: entities and edges the failed source
 * produced and this read lacks are carried as they were; an entity a failed source merged fields
 * into keeps that source's fields from `previous` (`merges`: the fields each merging source sets,
 * `undefined` for "every field": the whole previous entity is kept). People are joined afterwards,
 * over the carried accounts too, so they do not change either.
 */
export function carryIncomplete(
  builder: GraphBuilder,
  previous: Pick<GraphSnapshot, 'entities' | 'relationships'>,
  incomplete: ReadonlySet<string>,
  merges: ReadonlyMap<string, readonly string[] | undefined>,
): void {
  if (incomplete.size === 0) return;
  for (const [key, before] of previous.entities) {
    const now = builder.entities.get(key);
    if (!now) {
      if (incomplete.has(before._source)) builder.entities.set(key, { ...before, _stale: true });
      continue;
    }
    const failed = (before._mergedFrom ?? []).filter((s) => incomplete.has(s));
    if (failed.length > 0) builder.entities.set(key, carried(before, now, failed, merges));
  }
  for (const [key, before] of previous.relationships) {
    if (builder.relationships.has(key) || !incomplete.has(before._source)) continue;
    // An edge to an entity that is really gone (its own source was read) stays gone.
    if (!builder.entities.has(before._fromEntityKey) || !builder.entities.has(before._toEntityKey))
      continue;
    builder.relationships.set(key, { ...before, _stale: true });
  }
}

function carried(
  before: GraphEntity,
  now: GraphEntity,
  failed: readonly string[],
  merges: ReadonlyMap<string, readonly string[] | undefined>,
): GraphEntity {
  const mergedFrom = [...new Set([...(now._mergedFrom ?? []), ...failed])];
  if (failed.some((s) => merges.get(s) === undefined)) {
    return { ...before, _source: now._source, _mergedFrom: mergedFrom, _stale: true };
  }
  const out: Record<string, unknown> = { ...now, _mergedFrom: mergedFrom, _stale: true };
  for (const source of failed) {
    for (const field of merges.get(source) ?? []) {
      // `filevault.` names every field under that prefix.
      const matches = (name: string) =>
        field.endsWith('.') ? name.startsWith(field) : name === field;
      for (const name of Object.keys(out)) if (matches(name)) delete out[name];
      for (const [name, value] of Object.entries(before)) if (matches(name)) out[name] = value;
    }
  }
  return out as GraphEntity;
}
