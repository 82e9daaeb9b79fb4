import { getOf, listOf, offset } from '@org/connector-core/kit';
import type * as v from 'valibot';
import { v1Page, v2Page } from '../schemas/common.js';
import { orgHeaderOf } from './org-header.js';

/** Options of every JumpCloud list but events. */
export interface JumpCloudListOptions {
  /**
   * A JumpCloud filter, passed through: v1 `field:$op:value` (`state:$eq:ACTIVATED`), v2
   * `field:op:value` (`name:eq:Engineering`).
   */
  filter?: string | undefined;
}

/** Encodes an id for a path segment. */
export const segment = (id: string): string => encodeURIComponent(id);

/** Reads v2's `x-total-count` header. */
export function totalHeader(headers: Headers): number | undefined {
  const raw = headers.get('x-total-count')?.trim();
  const n = raw ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * A v1 collection (`{ totalCount, results }`), sorted by `_id` with pages overlapping by one, so
 * core's `continuity: 'overlap'` proves nothing slid between two pages while users changed.
 */
export function v1List<S extends v.GenericSchema<unknown, { _id: string }>>(path: string, item: S) {
  const id = (i: v.InferOutput<S>) => i._id;
  return listOf({
    path,
    headers: orgHeaderOf(path),
    page: v1Page(item),
    items: (p) => p.results as v.InferOutput<S>[],
    itemsPath: '$.results',
    query: (o: JumpCloudListOptions) => ({ sort: '_id', filter: o.filter }),
    paging: (ctx) =>
      offset({ limit: ctx.pageSize, offsetParam: 'skip', overlap: 1, total: (p) => p.totalCount }),
    id,
    continuity: () => ({ mode: 'overlap' as const, id, recover: 'backward' as const }),
  });
}

/**
 * A v2 collection (a bare array, the total in `x-total-count`). Routes that take `sort=id` page
 * like v1; the others (members, assignees) cannot overlap, so repeats are dropped by id.
 */
export function v2List<S extends v.GenericSchema>(
  path: string,
  item: S,
  id: (item: v.InferOutput<S>) => string,
  sorted: boolean,
) {
  return listOf({
    path,
    headers: orgHeaderOf(path),
    page: v2Page(item),
    items: (p) => p as v.InferOutput<S>[],
    query: (o: JumpCloudListOptions) => ({ sort: sorted ? 'id' : undefined, filter: o.filter }),
    paging: (ctx) =>
      offset({
        limit: ctx.pageSize,
        offsetParam: 'skip',
        overlap: sorted ? 1 : 0,
        total: (_p, headers) => totalHeader(headers),
      }),
    id,
    continuity: () =>
      sorted ? { mode: 'overlap' as const, id, recover: 'backward' as const } : undefined,
    dedupe: !sorted,
  });
}

/** Rows per System Insights request: the vendor allows 10,000; 1,000 keeps a page small. */
export const INSIGHTS_PAGE = 1_000;

/**
 * A System Insights table (`api/v2/systeminsights/<table>`): fleet-wide rows, a bare array with
 * no total and no row id, so pages are read one after another until a short one. `filter` takes
 * the vendor's syntax (`system_id:eq:<id>`, `system_id:in:<id>|<id>`).
 */
export function insightsList<S extends v.GenericSchema>(table: string, item: S) {
  return listOf({
    path: `api/v2/systeminsights/${table}`,
    page: v2Page(item),
    items: (p) => p as v.InferOutput<S>[],
    query: (o: JumpCloudListOptions) => ({ filter: o.filter }),
    paging: () => offset({ limit: INSIGHTS_PAGE, offsetParam: 'skip' }),
  });
}

/** One console object by id. */
export function getById<S extends v.GenericSchema>(route: string, schema: S) {
  return getOf({
    path: (id: string) => `${route}/${segment(id)}`,
    headers: orgHeaderOf(`${route}/`),
    schema,
  });
}
