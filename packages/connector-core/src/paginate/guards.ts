import { PaginationError } from '../errors/errors.js';
import type { PageContext, PageParams, PaginationStrategy } from './strategy.js';

/** Pages allowed beyond twice the number the reported total implies, for short pages. */
const PAGE_CAP_SLACK = 10;

/**
 * Bounds a listing whose vendor reported a total: a server that keeps saying "more" must not make
 * a sync endless. Returns why the listing must stop, or undefined while it looks sane.
 */
export interface TotalGuard {
  /**
   * Checks a page as it is accepted: its index, its item count before de-duplication, and the
   * total this page reported (a total that grew mid-listing, as users are added, raises the bound).
   */
  observe(index: number, items: number, total?: number | undefined): string | undefined;
}

/**
 * A {@link TotalGuard} for a total reported by the first page, whose item count is taken as the
 * page size. The listing stops when the items read pass the total by more than a page (one item
 * per page is forgiven, for listings whose pages overlap by one), or when the page count passes
 * twice what the total implies plus {@link PAGE_CAP_SLACK}.
 *
 * @param total - Total items the vendor reported; undefined disables the guard.
 * @param pageSize - Items of the first page.
 */
export function totalGuard(total: number | undefined, pageSize: number): TotalGuard {
  if (total === undefined || !Number.isFinite(total) || total < 0 || pageSize < 1) {
    return { observe: () => undefined };
  }
  let latest = total;
  let read = 0;
  return {
    observe(index, items, reported) {
      if (reported !== undefined && Number.isFinite(reported) && reported > latest)
        latest = reported;
      const total = latest;
      const cap = 2 * Math.ceil(total / pageSize) + PAGE_CAP_SLACK;
      read += items;
      if (read - index > total + pageSize) {
        return `read ${read} items in ${index + 1} pages, more than a page past the reported total of ${total}; stopping an endless listing`;
      }
      if (index + 1 > cap) {
        return `read ${index + 1} pages, past the cap of ${cap} the reported total of ${total} allows; stopping an endless listing`;
      }
      return undefined;
    },
  };
}

/** How many of the latest values a {@link RepeatGuard} remembers exactly. */
const RECENT_VALUES = 64;

/**
 * Notices a listing that comes back to where it has been (a cursor, link or page it saw before)
 * in memory that does not grow with the listing: a set of every page's values would keep ~160
 * bytes per page for the whole sync, 16 MB over 100,000 pages.
 */
export interface RepeatGuard {
  /** Whether `value` repeats one this guard still remembers; remembers it otherwise. */
  repeats(value: string): boolean;
  /** How many values it holds now (at most its window, plus one). */
  readonly remembered: number;
}

/**
 * A {@link RepeatGuard} that holds the latest `recent` values exactly, so a loop of up to that
 * many pages stops at its first repeat, and one more value kept at doubling intervals (Brent's
 * cycle detection), so a longer loop stops too, within about twice its length after it starts.
 *
 * @param recent - How many of the latest values to hold exactly (default 64).
 */
export function repeatGuard(recent: number = RECENT_VALUES): RepeatGuard {
  // A Set keeps insertion order: its first value is the oldest.
  const window = new Set<string>();
  let checkpoint: string | undefined;
  let interval = 1;
  let since = 0;
  return {
    repeats(value) {
      if (value === checkpoint || window.has(value)) return true;
      window.add(value);
      if (window.size > recent) window.delete(window.values().next().value as string);
      // Brent: a loop of length L is caught once the interval reaches L and the kept value lies
      // inside the loop: the loop then comes back to it before the interval ends.
      if (++since >= interval) {
        checkpoint = value;
        interval *= 2;
        since = 0;
      }
      return false;
    },
    get remembered() {
      return window.size + (checkpoint === undefined ? 0 : 1);
    },
  };
}

/**
 * Asks the strategy for the next page, turning a {@link PaginationError} it raised (such as an
 * unusable next link) into one that names the vendor and endpoint.
 *
 * @param fail - Builds the listing's PaginationError from a message.
 */
export function nextParams<P>(
  strategy: PaginationStrategy<P>,
  ctx: PageContext<P>,
  fail: (message: string) => Error,
): PageParams | undefined {
  try {
    return strategy.next(ctx);
  } catch (error) {
    if (error instanceof PaginationError && error.vendor === undefined) {
      throw fail(`page ${ctx.index}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The query of a vendor's `next` link, or a {@link PaginationError} when the link cannot be
 * followed: not a URL, not http(s) (`javascript:`, `data:`), or carrying none of the parameters
 * that move the listing on. Following such a link would restart the listing at page one, and
 * treating it as the end would report a partial list as complete.
 *
 * @param link - The link as the vendor sent it (absolute or relative).
 * @param params - The parameters to carry (default: all of them).
 */
export function nextLinkQuery(
  link: string,
  params: readonly string[] | undefined,
): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(link, 'http://next-link.invalid/');
  } catch {
    throw new PaginationError('the next link is not a URL; not followed');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new PaginationError(`the next link uses ${parsed.protocol}; not followed`);
  }
  const query: Record<string, string> = {};
  for (const [name, value] of parsed.searchParams) {
    if (!params || params.includes(name)) query[name] = value;
  }
  if (Object.keys(query).length === 0) {
    throw new PaginationError(
      'the next link carries no paging parameter; following it would restart the listing',
    );
  }
  return query;
}

/**
 * The next page's parameters from a vendor's link (body field or `Link` header): its query, as
 * {@link nextLinkQuery} takes it, and a key naming that position for loop detection.
 *
 * @param link - The link as the vendor sent it.
 * @param params - The parameters to carry (default: all of them).
 */
export function linkPosition(link: string, params: readonly string[] | undefined): PageParams {
  const query = nextLinkQuery(link, params);
  return { query, key: `link:${new URLSearchParams(Object.entries(query).sort()).toString()}` };
}
