import type { DEFAULT_MAX_PAGE_ITEMS, PageContext, PaginationStrategy } from './strategy.js';

/** Options of {@link cursor}. */
export interface CursorOptions<P> {
  /** Reads the next cursor from the page or its headers; undefined or null means last page. */
  read: (p: P, headers: Headers) => unknown | undefined;
  /** Where the cursor goes: a query parameter, or a field of the JSON body (kept as JSON). */
  send: { query: string } | { body: string };
  /** Whether another page follows (Directory Insights: `X-Result-Count` equals `X-Limit`). */
  hasMore?: ((p: P, headers: Headers) => boolean) | undefined;
  /**
   * Most items a page may hold before it is refused (default {@link DEFAULT_MAX_PAGE_ITEMS}): the
   * vendor chooses the page size, so the bound is a stated one.
   */
  maxPageItems?: number | undefined;
}

/**
 * Cursor paging: a token read from the body or a header is sent back as a query parameter or in a
 * JSON body (JumpCloud Directory Insights `search_after`). A cursor that repeats is a loop.
 *
 * @param o - Where to read the cursor and where to send it.
 */
export function cursor<P>(o: CursorOptions<P>): PaginationStrategy<P> {
  return {
    name: 'cursor',
    maxPageItems: o.maxPageItems,
    first: () => ({ key: 'cursor:first' }),
    next(ctx: PageContext<P>) {
      if (o.hasMore && !o.hasMore(ctx.page, ctx.headers)) return undefined;
      const value = o.read(ctx.page, ctx.headers);
      if (value === undefined || value === null || value === '') return undefined;
      const key = `cursor:${JSON.stringify(value)}`;
      if ('query' in o.send) {
        return {
          query: { [o.send.query]: typeof value === 'string' ? value : JSON.stringify(value) },
          key,
        };
      }
      return { body: { [o.send.body]: value }, key };
    },
  };
}
