/**
 * Most items a page of a list whose page size is not asked for (a cursor list) may hold: far
 * above any vendor's page, far below a page that could only be a server gone wrong.
 */
export const DEFAULT_MAX_PAGE_ITEMS = 10_000;

/** Query and body values a strategy adds to one page request. */
export interface PageParams {
  /** Query parameters for this page (merged over the caller's). */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** JSON body fields for this page (merged over the caller's body, for POST searches). */
  body?: Record<string, unknown> | undefined;
  /** Identity of this position (cursor, link, page number) for loop detection. */
  key: string;
}

/** What a strategy is told about a page that arrived. */
export interface PageContext<P> {
  /** The validated page. */
  page: P;
  /** Its response headers. */
  headers: Headers;
  /** Number of items the page held (before de-duplication). */
  items: number;
  /** Zero-based index of the page. */
  index: number;
}

/** The pages still to fetch, known once the first page told the total. */
export interface PagePlan {
  /** Total number of pages, counting the first. */
  pages: number;
  /** Total number of items, when known. */
  total?: number | undefined;
  /** Parameters of page `index` (1 ≤ index < pages). */
  at(index: number): PageParams;
}

/**
 * How a vendor pages a list: what to send for the first page, what to send next, and, when the
 * first page reveals the total, every page up front (so they can be fetched concurrently).
 */
export interface PaginationStrategy<P> {
  /** Name of the strategy, for errors and descriptions. */
  readonly name: string;
  /** Parameters of the first page. */
  first(): PageParams;
  /** Parameters of the page after the one described, or undefined when it was the last. */
  next(ctx: PageContext<P>): PageParams | undefined;
  /** All pages, when the first page tells the total. */
  plan?(ctx: PageContext<P>): PagePlan | undefined;
  /** Items per request, when fixed (a short page then ends the list). */
  readonly pageSize?: number | undefined;
  /**
   * Most items one page may hold before it is refused as no page of this list (default: twice
   * `pageSize` when the size is asked for, else {@link DEFAULT_MAX_PAGE_ITEMS}).
   */
  readonly maxPageItems?: number | undefined;
  /**
   * Position in the list of the first item of page `index` (offset and page-number paging), so a
   * page can be checked against the total it reports: it may not reach past it.
   */
  position?(index: number): number;
  /** Parameters of page `index`, for strategies that can ask for any page (offset, page number). */
  at?(index: number): PageParams;
  /** Whether the page itself announces another (a `next` link), when the vendor says so. */
  announcesMore?(ctx: PageContext<P>): boolean;
  /** Items each page repeats from the end of the previous one (0 or 1; see `continuity`). */
  readonly overlap?: number | undefined;
}
