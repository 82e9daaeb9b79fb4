import type { PageContext, PageParams, PaginationStrategy } from './strategy.js';

/** Options of {@link pageNumber}. */
export interface PageNumberOptions<P> {
  /** Items per page. */
  size: number;
  /** Query parameter of the page number (default `page`). */
  pageParam?: string | undefined;
  /** Query parameter of the page size (default `per_page`). */
  sizeParam?: string | undefined;
  /** Number of the first page (default 1). */
  start?: number | undefined;
  /** Total number of items, when the page says (Hexnode `count`); enables concurrent fetching. */
  total?: ((p: P) => number | undefined) | undefined;
  /** Whether another page follows (Hexnode: `next !== null`); decides over `total` and short pages. */
  hasMore?: ((p: P) => boolean) | undefined;
}

/**
 * Page-number paging (`?page=2&per_page=100`). Stops when `hasMore` says so, else when `total` is
 * reached, else on a short or empty page.
 *
 * @param o - Page size, parameter names and how to read the total.
 */
export function pageNumber<P>(o: PageNumberOptions<P>): PaginationStrategy<P> {
  const pageParam = o.pageParam ?? 'page';
  const sizeParam = o.sizeParam ?? 'per_page';
  const start = o.start ?? 1;
  const params = (index: number): PageParams => ({
    query: { [pageParam]: start + index, [sizeParam]: o.size },
    key: `page:${start + index}`,
  });
  return {
    name: 'pageNumber',
    pageSize: o.size,
    position: (index) => index * o.size,
    ...(o.hasMore
      ? { announcesMore: (ctx: PageContext<P>) => o.hasMore?.(ctx.page) === true }
      : {}),
    at: params,
    first: () => params(0),
    next(ctx: PageContext<P>) {
      if (o.hasMore) return o.hasMore(ctx.page) ? params(ctx.index + 1) : undefined;
      const total = o.total?.(ctx.page);
      if (total !== undefined)
        return (ctx.index + 1) * o.size < total ? params(ctx.index + 1) : undefined;
      return ctx.items >= o.size ? params(ctx.index + 1) : undefined;
    },
    plan(ctx: PageContext<P>) {
      const total = o.total?.(ctx.page);
      if (total === undefined) return undefined;
      return { pages: Math.max(1, Math.ceil(total / o.size)), total, at: params };
    },
  };
}
