import { linkPosition } from './guards.js';
import type { DEFAULT_MAX_PAGE_ITEMS, PageContext, PaginationStrategy } from './strategy.js';

/** Options of {@link nextLink}. */
export interface NextLinkOptions<P> {
  /** Reads the `next` URL from the page; null or undefined means last page. */
  next: (p: P) => string | null | undefined;
  /** Query parameters to carry from the next URL (default: all of them). */
  params?: string[] | undefined;
  /**
   * Most items a page may hold before it is refused (default {@link DEFAULT_MAX_PAGE_ITEMS}): the
   * vendor chooses the page size, so the bound is a stated one.
   */
  maxPageItems?: number | undefined;
}

/**
 * Next-link paging. Takes only the query (such as the cursor) out of the `next` URL and re-applies
 * it to the configured path on the configured base URL. The link's host and path are ignored, so
 * a link naming another host (Kandji users) never receives a request, let alone a credential.
 * A link that is not http(s), or carries no paging parameter, stops the listing with a
 * `PaginationError`.
 *
 * @param o - How to read the next link and which parameters to carry.
 */
export function nextLink<P>(o: NextLinkOptions<P>): PaginationStrategy<P> {
  return {
    name: 'nextLink',
    maxPageItems: o.maxPageItems,
    first: () => ({ key: 'link:first' }),
    next(ctx: PageContext<P>) {
      const link = o.next(ctx.page);
      if (!link) return undefined;
      // An unusable link is an error, never the end and never a restart.
      return linkPosition(link, o.params);
    },
  };
}
