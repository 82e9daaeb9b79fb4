import type { PageContext, PageParams, PaginationStrategy } from './strategy.js';

/** Options of {@link offset}. */
export interface OffsetOptions<P> {
  /** Items per page. */
  limit: number;
  /** Query parameter of the page size (default `limit`). */
  limitParam?: string | undefined;
  /** Query parameter of the offset (default `offset`; JumpCloud uses `skip`). */
  offsetParam?: string | undefined;
  /** Total number of items, from a body field or a header (`x-total-count`). */
  total?: ((p: P, headers: Headers) => number | undefined) | undefined;
  /**
   * Items each page repeats from the end of the previous one (default 0). With 1, page `k` starts
   * at `k * (limit - 1)`, so a listing with `continuity: { mode: 'overlap' }` can prove that no
   * row slid between two pages.
   */
  overlap?: 0 | 1 | undefined;
}

/**
 * Offset paging (`?limit=100&offset=200` or `skip`). Stops on a short or empty page, or past the
 * total (a full page that ends exactly at the total is followed by one more request, which must
 * come back empty or hold only the overlap). With `overlap: 1`, pages overlap by one item.
 *
 * @param o - Page size, parameter names, how to read the total, and the overlap.
 */
export function offset<P>(o: OffsetOptions<P>): PaginationStrategy<P> {
  const limitParam = o.limitParam ?? 'limit';
  const offsetParam = o.offsetParam ?? 'offset';
  const overlap = o.overlap ?? 0;
  if (overlap === 1 && !(o.limit >= 2))
    throw new RangeError('An overlapping page holds 2 or more items');
  const step = o.limit - overlap;
  const params = (index: number): PageParams => ({
    query: { [limitParam]: o.limit, [offsetParam]: index * step },
    key: `offset:${index * step}`,
  });
  return {
    name: 'offset',
    pageSize: o.limit,
    overlap,
    position: (index) => index * step,
    at: params,
    first: () => params(0),
    next(ctx: PageContext<P>) {
      if (ctx.items < o.limit) return undefined;
      const total = o.total?.(ctx.page, ctx.headers);
      // A full page where the total says the list ends: one more page is asked for, so a total
      // that is too low (100 of 250) is caught by what that page holds instead of believed.
      if (total !== undefined && ctx.index * step + ctx.items > total) return undefined;
      return params(ctx.index + 1);
    },
    plan(ctx: PageContext<P>) {
      const total = o.total?.(ctx.page, ctx.headers);
      if (total === undefined) return undefined;
      const pages = total <= o.limit ? 1 : 1 + Math.ceil((total - o.limit) / step);
      return { pages, total, at: params };
    },
  };
}
