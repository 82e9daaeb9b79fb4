/**
 * JumpCloud's list query language: `filter`, `sort` and `fields`. v1 writes operators with `$`
 * (`email:$eq:a@b.c`) and separates sort/fields with spaces; v2 drops the `$` and uses commas.
 */

/** A compiled filter. */
export type Predicate = (item: Record<string, unknown>) => boolean;

/** Parse error, answered with 400. */
export class QueryError extends Error {}

const V1_OPS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in'];
const V2_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'search'];

function get(item: Record<string, unknown>, path: string): unknown {
  let v: unknown = item;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function coerce(raw: string, like: unknown): unknown {
  if (typeof like === 'boolean') return raw === 'true';
  if (typeof like === 'number') return Number(raw);
  return raw;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Compiles every `filter` parameter (they combine with AND); undefined when there is none. */
export function parseFilters(values: string[], version: 1 | 2): Predicate | undefined {
  const predicates = values
    .filter((v) => v !== '')
    .map((expr): Predicate => {
      const first = expr.indexOf(':');
      const second = expr.indexOf(':', first + 1);
      if (first < 1 || second < 0) throw new QueryError(`invalid filter: ${expr}`);
      const field = expr.slice(0, first);
      const op = expr.slice(first + 1, second);
      const value = expr.slice(second + 1);
      const ops = version === 1 ? V1_OPS : V2_OPS;
      if (!ops.includes(op)) throw new QueryError(`invalid filter operator: ${op}`);
      const name = op.replace('$', '');
      return (item) => {
        const actual = get(item, field);
        switch (name) {
          case 'eq':
            return actual === coerce(value, actual);
          case 'ne':
            return actual !== coerce(value, actual);
          case 'in':
            return value.split('|').some((v) => actual === coerce(v, actual));
          case 'search':
            return String(actual ?? '')
              .toLowerCase()
              .includes(value.toLowerCase());
          case 'gt':
            return compare(actual, coerce(value, actual)) > 0;
          case 'gte':
          case 'ge':
            return compare(actual, coerce(value, actual)) >= 0;
          case 'lt':
            return compare(actual, coerce(value, actual)) < 0;
          default:
            return compare(actual, coerce(value, actual)) <= 0;
        }
      };
    });
  if (predicates.length === 0) return undefined;
  return (item) => predicates.every((p) => p(item));
}

/** One sort key: field name and direction. */
export interface SortKey {
  field: string;
  descending: boolean;
}

/** Parses `sort` (v1: space separated, v2: comma separated; `-` prefix = descending). */
export function parseSort(raw: string | null, version: 1 | 2): SortKey[] {
  if (!raw) return [];
  return raw
    .split(version === 1 ? /[\s,]+/ : /\s*,\s*/)
    .filter(Boolean)
    .map((f) =>
      f.startsWith('-') ? { field: f.slice(1), descending: true } : { field: f, descending: false },
    );
}

/** Sorts materialised items by `keys`. */
export function sortItems<T extends Record<string, unknown>>(items: T[], keys: SortKey[]): T[] {
  return items.sort((a, b) => {
    for (const k of keys) {
      const c = compare(get(a, k.field), get(b, k.field));
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
}

/** Keeps only `fields` (plus the id field), when given. */
export function project(
  item: Record<string, unknown>,
  raw: string | null,
  version: 1 | 2,
  idField: string,
): Record<string, unknown> {
  if (!raw) return item;
  const fields = raw.split(version === 1 ? /[\s,]+/ : /\s*,\s*/).filter(Boolean);
  const out: Record<string, unknown> = { [idField]: item[idField] };
  for (const f of fields) if (f in item) out[f] = item[f];
  return out;
}
