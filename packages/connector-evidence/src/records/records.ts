import type { GraphEntity, GraphRelationship, GraphSnapshot } from '@org/connector-graph';
import { toCsv } from './csv.js';

/** A file name from a connection or resource name: nothing that could leave its folder. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}

/** The records of one `<connection>/<resource>`, as bundle files. */
export interface RecordFiles {
  /** `<connection>/<resource>`. */
  readonly source: string;
  /** Bundle path → contents. */
  readonly files: ReadonlyMap<string, string>;
}

function json(rows: readonly object[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Bundle path of the JSON records of `source` (`records/jumpcloud/users.json`). */
export function recordsPath(
  source: string,
  what: 'entities' | 'relationships' = 'entities',
): string {
  const slash = source.indexOf('/');
  const connection = slash === -1 ? source : source.slice(0, slash);
  const resource = slash === -1 ? 'items' : source.slice(slash + 1);
  const base = `records/${safeName(connection)}/${safeName(resource)}`;
  return what === 'entities' ? `${base}.json` : `${base}.relationships.json`;
}

/** What every record of a source is stamped with: when it was read, and from which tenant. */
export interface RecordStamp {
  /** When the resource finished reading (ISO 8601, UTC). */
  readonly collectedAt: string;
  /** The tenant of its connection (portal, subdomain, organization id), or null when unknown. */
  readonly tenant: string | null;
}

/**
 * Every resource's records as JSON and CSV: `records/<connection>/<resource>.json|.csv` for its
 * entities (written even when empty, so an empty resource is seen to be empty) and
 * `.relationships.json|.csv` for the relationships it produced, sorted by `_key`. Each record
 * starts with `_collectedAt` and `_tenant` from `stamp`, so a file taken out of the bundle still
 * says when and where it was read.
 */
export function recordFiles(
  snapshot: GraphSnapshot,
  stamp: (source: string) => RecordStamp,
): RecordFiles[] {
  const entities = new Map<string, GraphEntity[]>();
  const relationships = new Map<string, GraphRelationship[]>();
  const sources = new Set(snapshot.resources.map((r) => r.source));
  for (const e of snapshot.entities.values()) {
    sources.add(e._source);
    const list = entities.get(e._source) ?? [];
    list.push(e);
    entities.set(e._source, list);
  }
  for (const r of snapshot.relationships.values()) {
    sources.add(r._source);
    const list = relationships.get(r._source) ?? [];
    list.push(r);
    relationships.set(r._source, list);
  }
  const byKey = (a: { _key: string }, b: { _key: string }) =>
    a._key < b._key ? -1 : a._key > b._key ? 1 : 0;
  return [...sources].sort().map((source) => {
    const files = new Map<string, string>();
    const { collectedAt, tenant } = stamp(source);
    const stamped = <T extends object>(rows: T[]) =>
      rows.map((r) => ({ _collectedAt: collectedAt, _tenant: tenant, ...r }));
    const ents = stamped((entities.get(source) ?? []).sort(byKey));
    const path = recordsPath(source);
    files.set(path, json(ents));
    files.set(path.replace(/\.json$/, '.csv'), toCsv(ents));
    const rels = stamped((relationships.get(source) ?? []).sort(byKey));
    if (rels.length > 0) {
      const relPath = recordsPath(source, 'relationships');
      files.set(relPath, json(rels));
      files.set(relPath.replace(/\.json$/, '.csv'), toCsv(rels));
    }
    return { source, files };
  });
}
