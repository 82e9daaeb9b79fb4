import type { Paginated } from '@org/connector-core';
import { type HttpClient, offset, paginate } from '@org/connector-core/kit';
import type * as v from 'valibot';

/** Options of {@link skipList}. */
export interface SkipListOptions<S extends v.GenericSchema, Item> {
  /** Client of the host the list lives on. */
  http: HttpClient;
  /** Path relative to the client's base (`api/systemusers`). */
  path: string;
  /** Extra query parameters (`sort`, `filter`, `fields`). */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** Per-request headers (the `x-org-id` rule). */
  headers?: Record<string, string | undefined> | undefined;
  /** Schema of one page. */
  page: S;
  /** The items of a page. */
  items: (page: v.InferOutput<S>) => readonly Item[];
  /** Total count from the page (v1 `totalCount`) or headers (v2 `x-total-count`). */
  total: (page: v.InferOutput<S>, headers: Headers) => number | undefined;
  /** Stable id of an item, for de-duplication and the continuity check. */
  id: (item: Item) => string;
  /** Items per request (JumpCloud allows at most 100). */
  pageSize: number;
  /** Pages fetched at once once the total is known; the rate limiter still gates each request. */
  concurrency: number;
  /**
   * Whether the server sorts the list by id (`sort=_id` / `sort=id` was sent). Turns on core's
   * overlap-by-one continuity check.
   */
  sorted: boolean;
  /** Passes over the list before drift is reported as an error (default 3). */
  maxPasses?: number | undefined;
  /** Aborts the listing. */
  signal?: AbortSignal | undefined;
}

/**
 * Lists a v1 or v2 JumpCloud collection with `limit` and `skip`, through core's `paginate`.
 *
 * When `sorted`, pages overlap by one item and core's `continuity: 'overlap'` proves that nothing
 * slid between two pages: every item present for the whole listing is yielded, each once, in id
 * order, with memory that does not grow with the list; a list that keeps changing fails with a
 * retryable `PaginationError` instead of losing items. Without `sorted` (routes that take no `sort`),
 * pages do not overlap, ids are remembered in a set, and only the no-duplicates guarantee holds.
 *
 * @param o - Route, schema and paging options.
 * @returns The list, as core's `Paginated`.
 */
export function skipList<S extends v.GenericSchema, Item>(
  o: SkipListOptions<S, Item>,
): Paginated<Item> {
  const limit = Math.max(2, Math.min(100, Math.floor(o.pageSize)));
  return paginate(o.http, {
    path: o.path,
    query: o.query,
    headers: o.headers,
    page: o.page,
    items: o.items,
    strategy: offset({ limit, offsetParam: 'skip', overlap: o.sorted ? 1 : 0, total: o.total }),
    concurrency: Math.max(1, Math.floor(o.concurrency)),
    signal: o.signal,
    ...(o.sorted
      ? { continuity: { mode: 'overlap', id: o.id, maxPasses: o.maxPasses } }
      : { dedupeBy: o.id }),
  });
}
