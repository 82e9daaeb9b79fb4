import { PaginationError } from '../errors/errors.js';
import type { HttpClient } from '../http/options.js';
import {
  DEFAULT_MAX_PAGE_ITEMS,
  type PageContext,
  type PageParams,
  type PaginationStrategy,
} from './strategy.js';

/** Pages allowed beyond twice the number the bound implies, for short pages. */
const PAGE_CAP_SLACK = 10;

/**
 * How far past the first page's total a listing may read, for items added while it runs: a tenth
 * more, and at least one page. A total that keeps growing (or a server that always says "more")
 * is stopped there instead of followed.
 */
export function totalMargin(total: number, pageSize: number): number {
  return Math.max(pageSize, Math.ceil(total / 10));
}

/**
 * Bounds a listing whose vendor reported a total: a server that keeps saying "more" must not make
 * a sync endless. Returns why the listing must stop, or undefined while it looks sane.
 */
export interface TotalGuard {
  /**
   * Checks a page as it is accepted: its index, its item count before de-duplication, and the
   * total this page reported (past the bound, the listing stops; the bound stays the first page's).
   */
  observe(index: number, items: number, total?: number | undefined): string | undefined;
}

/**
 * A {@link TotalGuard} for a total reported by the first page, whose item count is taken as the
 * page size. The bound is that total plus {@link totalMargin}, fixed when the listing starts: a
 * total that grows with every page cannot raise it. The listing stops when the items read pass the
 * bound (one item per page is forgiven, for listings whose pages overlap by one), or when the page
 * count passes twice what the bound implies plus {@link PAGE_CAP_SLACK}, or when a page reports a
 * total past the bound.
 *
 * @param total - Total items the first page reported; undefined disables the guard.
 * @param pageSize - Items of the first page.
 */
export function totalGuard(total: number | undefined, pageSize: number): TotalGuard {
  if (total === undefined || !Number.isFinite(total) || total < 0 || pageSize < 1) {
    return { observe: () => undefined };
  }
  const bound = total + totalMargin(total, pageSize);
  const cap = 2 * Math.ceil(bound / pageSize) + PAGE_CAP_SLACK;
  let read = 0;
  return {
    observe(index, items, reported) {
      read += items;
      if (reported !== undefined && reported > bound) {
        return `page ${index} reports a total of ${reported}, past the first page's total of ${total} plus a margin of ${bound - total}; stopping a listing that keeps growing`;
      }
      const grew = reported !== undefined && reported !== total ? ` (it now says ${reported})` : '';
      if (read - index > bound) {
        return `read ${read} items in ${index + 1} pages, past the first page's total of ${total}${grew} plus a margin of ${bound - total}; stopping an endless listing`;
      }
      if (index + 1 > cap) {
        return `read ${index + 1} pages, past the cap of ${cap} the first page's total of ${total}${grew} allows; stopping an endless listing`;
      }
      return undefined;
    },
  };
}

/**
 * Pages a listing with no total (a cursor or next link) may read: far past any tenant (a million
 * items at the smallest pages vendors serve), so only a server that never stops reaches it.
 */
export const MAX_PAGES_WITHOUT_TOTAL = 100_000;

/** Items a page of `strategy` may hold: twice what was asked, or the strategy's own bound. */
export function maxPageItems(
  strategy: Pick<PaginationStrategy<unknown>, 'pageSize' | 'maxPageItems'>,
): number {
  return (
    strategy.maxPageItems ??
    (strategy.pageSize === undefined ? DEFAULT_MAX_PAGE_ITEMS : 2 * strategy.pageSize)
  );
}

/**
 * What does not add up in a page, or undefined: a total that is no count of items (negative, a
 * fraction), a page far larger than asked for, a page reaching past the total at its position,
 * or a page announcing another one where its total says the list ends. Such a page is not taken
 * as data: a quiet wrong answer (100 of 250 users) is worse than an error.
 *
 * @param strategy - How the list pages (its page size and positions).
 * @param ctx - The page: its index and item count.
 * @param total - The total it reports, when it reports one.
 */
export function pageProblem<P>(
  strategy: PaginationStrategy<P>,
  ctx: PageContext<P>,
  total: number | undefined,
): string | undefined {
  if (total !== undefined && !(Number.isSafeInteger(total) && total >= 0)) {
    return `reports a total of ${total}, which is no count of items`;
  }
  const most = maxPageItems(strategy);
  if (ctx.items > most) {
    return strategy.pageSize === undefined
      ? `holds ${ctx.items} items, more than the ${most} a page of this list may hold`
      : `holds ${ctx.items} items, far more than the ${strategy.pageSize} asked for`;
  }
  if (total === undefined || !strategy.position) return undefined;
  const at = strategy.position(ctx.index);
  // An empty page past the end is a list that shrank, not a contradiction.
  if (ctx.items > 0 && at + ctx.items > total) {
    return `holds ${ctx.items} items from position ${at}, past the total of ${total} it reports`;
  }
  if (at + ctx.items >= total && strategy.announcesMore?.(ctx) === true) {
    return `announces another page, but the total of ${total} it reports ends with this one`;
  }
  return undefined;
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
 * Builds a listing's {@link PaginationError}s: "<vendor> <endpoint>: <message>", naming the page
 * at fault when there is one, with the client's secrets scrubbed.
 *
 * @param http - The listing's client.
 * @param endpoint - Method and path of the list.
 */
export function listingFailure(
  http: Pick<HttpClient, 'vendor' | 'redactError'>,
  endpoint: string,
): (message: string, o?: { page?: number | undefined; retryable?: boolean }) => PaginationError {
  return (message, o = {}) =>
    http.redactError(
      new PaginationError(`${http.vendor} ${endpoint}: ${message}`, {
        vendor: http.vendor,
        endpoint,
        page: o.page,
        retryable: o.retryable,
      }),
    );
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
