import {
  type HttpClient,
  type Paginated,
  PaginationError,
  paginate,
  paginated,
} from '@org/connector-core';
import type * as v from 'valibot';
import { skipStrategy } from './skip-strategy.js';

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
   * Whether the server sorts the list by id (`sort=_id` / `sort=id` was sent). Turns on the
   * continuity check: each page overlaps the previous one by one item.
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
 * Guarantees, when `sorted`:
 * - no item is yielded twice: ids arrive in ascending order, so an item is new exactly when its id
 *   is above the last one yielded. That takes no memory however long the list (a page whose ids
 *   are not ascending fails with `PaginationError` rather than risk dropping items);
 * - every item present for the whole listing is yielded. Pages overlap by one item, and page `k`
 *   must contain the last id of page `k - 1`: that proves no row slid between them, even when rows
 *   were removed mid-sync (a removal shifts every later row left under `skip`). When the check
 *   fails, the pass stops before that page, the list is read again from the start and only
 *   unseen items are yielded, up to `maxPasses` passes; if it still changes, a retryable
 *   `PaginationError` says so instead of losing items silently.
 *
 * Rows added during the listing are returned when they sort after the rows already read (new
 * JumpCloud ids do), and never twice. Without `sorted` (routes that take no `sort`), pages do not
 * overlap, ids are remembered in a set, and only the no-duplicates guarantee holds.
 *
 * @param o - Route, schema and paging options.
 * @returns The list, as core's `Paginated`.
 */
export function skipList<S extends v.GenericSchema, Item>(
  o: SkipListOptions<S, Item>,
): Paginated<Item> {
  const pageSize = Math.max(2, Math.min(100, Math.floor(o.pageSize)));
  const maxPasses = o.maxPasses ?? 3;
  const strategy = skipStrategy<v.InferOutput<S>>({
    pageSize,
    overlap: o.sorted ? 1 : 0,
    total: o.total,
  });
  const endpoint = `GET ${new URL(o.path.replace(/^\/+/, ''), o.http.baseUrl).pathname}`;

  async function* pages(): AsyncGenerator<{ items: Item[]; index: number; total?: number }> {
    const seen = o.sorted ? undefined : new Set<string>();
    let lastYielded: string | undefined;
    const isNew = (id: string): boolean => {
      if (seen) {
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      }
      if (lastYielded !== undefined && compareIds(id, lastYielded) <= 0) return false;
      lastYielded = id;
      return true;
    };
    let index = 0;
    for (let pass = 1; ; pass++) {
      let consistent = true;
      let previousLast: string | undefined;
      const listing = paginate(o.http, {
        path: o.path,
        query: o.query,
        headers: o.headers,
        page: o.page,
        items: o.items,
        strategy,
        concurrency: Math.max(1, Math.floor(o.concurrency)),
        signal: o.signal,
      });
      for await (const page of listing.pages()) {
        if (page.index > 0 && o.sorted && !page.items.some((i) => o.id(i) === previousLast)) {
          // Rows slid left past this page's start: the ones that slid are below its first id but
          // above the last id yielded, so stop here and let the next pass pick them up.
          consistent = false;
          break;
        }
        if (o.sorted) assertAscending(page.items, page.index);
        const fresh = page.items.filter((item) => isNew(o.id(item)));
        // A re-read pass walks over pages already yielded; only pages with new items are news.
        if (pass === 1 || fresh.length > 0)
          yield {
            items: fresh,
            index: index++,
            ...(page.total === undefined ? {} : { total: page.total }),
          };
        const last = page.items.at(-1);
        previousLast = last === undefined ? undefined : o.id(last);
        // A short page ends the list as of when it was read; pages read ahead of it are dropped.
        if (page.items.length < pageSize) break;
      }
      if (!o.sorted || consistent) return;
      if (pass >= maxPasses) {
        throw o.http.redactError(
          new PaginationError(
            `jumpcloud ${endpoint} kept changing while it was read (${maxPasses} passes); some items may be missing, run the sync again`,
            { vendor: o.http.vendor, endpoint, retryable: true },
          ),
        );
      }
    }
  }

  /** A sorted listing whose page is out of order cannot be de-duplicated by position: stop. */
  function assertAscending(items: readonly Item[], pageIndex: number): void {
    for (let i = 1; i < items.length; i++) {
      if (compareIds(o.id(items[i] as Item), o.id(items[i - 1] as Item)) > 0) continue;
      throw o.http.redactError(
        new PaginationError(
          `jumpcloud ${endpoint} page ${pageIndex} is not sorted by id as requested; stopping rather than risk skipping items`,
          { vendor: o.http.vendor, endpoint },
        ),
      );
    }
  }

  return paginated(pages);
}

/** Orders JumpCloud ids (hex ObjectIds) as the server sorts them: shorter first, then by text. */
function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
