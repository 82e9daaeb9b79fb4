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
}

/**
 * Offset paging (`?limit=100&offset=200` or `skip`). Stops on a short or empty page, or when the
 * total is reached.
 *
 * @param o - Page size, parameter names and how to read the total.
 */
export function offset<P>(o: OffsetOptions<P>): PaginationStrategy<P> {
  const limitParam = o.limitParam ?? 'limit';
  const offsetParam = o.offsetParam ?? 'offset';
  const params = (index: number): PageParams => ({
    query: { [limitParam]: o.limit, [offsetParam]: index * o.limit },
    key: `offset:${index * o.limit}`,
  });
  return {
    name: 'offset',
    first: () => params(0),
    next(ctx: PageContext<P>) {
      if (ctx.items < o.limit) return undefined;
      const total = o.total?.(ctx.page, ctx.headers);
      if (total !== undefined && (ctx.index + 1) * o.limit >= total) return undefined;
      return params(ctx.index + 1);
    },
    plan(ctx: PageContext<P>) {
      const total = o.total?.(ctx.page, ctx.headers);
      if (total === undefined) return undefined;
      return { pages: Math.max(1, Math.ceil(total / o.limit)), total, at: params };
    },
  };
}
