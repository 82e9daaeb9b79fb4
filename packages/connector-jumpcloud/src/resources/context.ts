import type { HttpClient } from '@org/connector-core/kit';
import type * as v from 'valibot';
import { orgHeaders } from '../http/org-header.js';
import { skipList } from '../paging/skip-list.js';
import { v1Page, v2Page } from '../schemas/common.js';

/** What every resource needs: the two hosts, the org id and the paging settings. */
export interface ResourceContext {
  /** Client of the console host (`api/...`, `api/v2/...`). */
  console: HttpClient;
  /** Client of the Directory Insights host (`events`). */
  insights: HttpClient;
  /** Organization id sent as `x-org-id` where allowed. */
  orgId: string | undefined;
  /** Items per request (at most 100). */
  pageSize: number;
  /** Pages fetched at once once a total is known. */
  concurrency: number;
}

/** Options every list call accepts. */
export interface ListOptions {
  /** Aborts the listing, including waits for the rate limiter and retries. */
  signal?: AbortSignal | undefined;
  /**
   * A JumpCloud filter, passed through: v1 `field:$op:value` (`state:$eq:ACTIVATED`), v2
   * `field:op:value` (`name:eq:Engineering`).
   */
  filter?: string | undefined;
}

/** Reads v2's `x-total-count` header. */
export function totalHeader(headers: Headers): number | undefined {
  const value = headers.get('x-total-count');
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Encodes an id for a path segment. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

/**
 * A v1 collection (`{ totalCount, results }`), sorted by `_id` so skip paging is stable.
 *
 * @param ctx - Resource context.
 * @param path - Console path such as `api/systemusers`.
 * @param item - Item schema.
 * @param o - List options.
 */
export function v1List<S extends v.GenericSchema>(
  ctx: ResourceContext,
  path: string,
  item: S,
  o: ListOptions = {},
) {
  return skipList({
    http: ctx.console,
    path,
    query: { sort: '_id', filter: o.filter },
    headers: orgHeaders(ctx.orgId, path),
    page: v1Page(item),
    items: (p) => p.results as v.InferOutput<S>[],
    total: (p) => p.totalCount,
    id: (i: v.InferOutput<S>) => (i as { _id: string })._id,
    pageSize: ctx.pageSize,
    concurrency: ctx.concurrency,
    sorted: true,
    signal: o.signal,
  });
}

/**
 * A v2 collection (bare array, total in `x-total-count`).
 *
 * @param ctx - Resource context.
 * @param path - Console path such as `api/v2/usergroups`.
 * @param item - Item schema.
 * @param o - List options, plus whether the route takes `sort=id` and how to identify an item.
 */
export function v2List<S extends v.GenericSchema>(
  ctx: ResourceContext,
  path: string,
  item: S,
  o: ListOptions & { sorted: boolean; id: (item: v.InferOutput<S>) => string },
) {
  return skipList({
    http: ctx.console,
    path,
    query: { sort: o.sorted ? 'id' : undefined, filter: o.filter },
    headers: orgHeaders(ctx.orgId, path),
    page: v2Page(item),
    items: (p) => p as v.InferOutput<S>[],
    total: (_p, headers) => totalHeader(headers),
    id: o.id,
    pageSize: ctx.pageSize,
    concurrency: ctx.concurrency,
    sorted: o.sorted,
    signal: o.signal,
  });
}

/**
 * Reads one console object.
 *
 * @param ctx - Resource context.
 * @param path - Console path.
 * @param schema - Body schema.
 * @param signal - Aborts the call.
 */
export async function getOne<S extends v.GenericSchema>(
  ctx: ResourceContext,
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<v.InferOutput<S>> {
  const { data } = await ctx.console.request({
    path,
    headers: orgHeaders(ctx.orgId, path),
    schema,
    signal,
  });
  return data;
}
