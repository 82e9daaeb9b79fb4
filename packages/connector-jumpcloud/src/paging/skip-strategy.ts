import type { PageParams, PaginationStrategy } from '@org/connector-core';

/** Options of {@link skipStrategy}. */
export interface SkipStrategyOptions<P> {
  /** Items per request (JumpCloud allows at most 100). */
  pageSize: number;
  /**
   * Items each page repeats from the end of the previous one (0 or 1). With 1, a listing can prove
   * that nothing slid between two pages (see `skipList`).
   */
  overlap: 0 | 1;
  /** Total from the page (v1 `totalCount`) or its headers (v2 `x-total-count`). */
  total: (page: P, headers: Headers) => number | undefined;
}

/**
 * JumpCloud `limit`/`skip` paging for core's `paginate`, with pages optionally overlapping by one
 * item (page `k` starts at `k * (pageSize - overlap)`). Plans every page once the total is known
 * so they can be fetched concurrently; past the plan, continues while pages are full and the latest
 * total says more rows exist.
 *
 * @param o - Page size, overlap and where the total is.
 * @returns A pagination strategy.
 */
export function skipStrategy<P>(o: SkipStrategyOptions<P>): PaginationStrategy<P> {
  const size = o.pageSize;
  const step = size - o.overlap;
  const params = (index: number): PageParams => ({
    query: { limit: size, skip: index * step },
    key: `skip:${index * step}`,
  });
  return {
    name: 'skip',
    first: () => params(0),
    next(ctx) {
      if (ctx.items < size) return undefined;
      const total = o.total(ctx.page, ctx.headers);
      // The next page's first row that this one did not already hold.
      if (total !== undefined && (ctx.index + 1) * step + o.overlap >= total) return undefined;
      return params(ctx.index + 1);
    },
    plan(ctx) {
      const total = o.total(ctx.page, ctx.headers);
      if (total === undefined) return undefined;
      const pages = total <= size ? 1 : 1 + Math.ceil((total - size) / step);
      return { pages, total, at: params };
    },
  };
}
