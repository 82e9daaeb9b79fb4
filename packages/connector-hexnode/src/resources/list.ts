import { NotFoundError, type Page, type Paginated } from '@org/connector-core';
import { type PaginationStrategy, pageNumber, paginate, paginated } from '@org/connector-core/kit';
import type * as v from 'valibot';
import type { ListOptions, ResourceContext } from './context.js';

type PageSchema<Item> = v.GenericSchema<
  unknown,
  { count: number; next: string | null; results: Item[] }
>;

/** DRF's 404 "Invalid page.": the page asked for is past the end of the list as it is now. */
function isVanishedPage(error: unknown): boolean {
  return error instanceof NotFoundError && /invalid page/i.test(error.message);
}

/**
 * Requests a full listing costs: the first page, and with more than one page, every page again from
 * the last down to the first (see {@link listCollection}).
 */
export function listingCost(pages: number): number {
  return pages > 1 ? pages + 1 : 1;
}

/**
 * A {@link Paginated} whose work starts when it is iterated: it first makes sure the daily quota is
 * known, then delegates to the core's paginator. Each iteration starts a fresh listing.
 */
function deferred<Item>(open: () => Promise<Paginated<Item>>): Paginated<Item> {
  async function* pages(): AsyncGenerator<Page<Item>> {
    yield* (await open()).pages();
  }
  return paginated(pages);
}

/**
 * Lists a Hexnode collection with page-number pagination (`page`, `per_page`) and a budget check
 * after the first page: a listing the daily quota cannot finish stops with a `RateLimitError`
 * (scope `quota`) before spending it.
 *
 * Page numbers shift when items are deleted mid-list, so by default the list is read sorted by id,
 * the first page (which tells `count`) and then from the last page down to the first (core's
 * `continuity: 'backward'`): every item present for the whole listing is listed once, and a page
 * that vanished ("Invalid page.") only means its items moved to pages still to be read. A caller's
 * own `order_by` other than `id` gives that guarantee up for parallel fetching of later pages.
 */
export function listCollection<Item extends { id: number }>(
  ctx: ResourceContext,
  o: {
    path: string;
    page: PageSchema<Item>;
    query?: Record<string, string | number | boolean | undefined> | undefined;
    /** Whether the route takes `order_by` (users and devices do). */
    sortable?: boolean | undefined;
  } & ListOptions,
): Paginated<Item> {
  const order = o.query?.order_by;
  const consistent = order === undefined || order === 'id';
  const query = o.sortable && consistent ? { ...o.query, order_by: 'id' } : o.query;
  return deferred(async () => {
    await ctx.quota.ready(o.signal);
    const base = pageNumber<{ count: number; next: string | null }>({
      size: ctx.perPage,
      hasMore: (p) => p.next !== null,
      total: (p) => p.count,
    });
    let planned = false;
    // Runs on the first page, before any other is requested, whichever hook the paginator uses.
    const plan = (page: { count: number }) => {
      if (planned) return;
      planned = true;
      ctx.onTotal?.(o.path, page.count);
      const wanted = Math.min(page.count, o.maxItems ?? Number.POSITIVE_INFINITY);
      const pages = Math.ceil(wanted / ctx.perPage);
      ctx.quota.reserve((consistent ? listingCost(pages) : pages) - 1, {
        endpoint: `GET ${new URL(o.path, ctx.http.baseUrl).pathname}`,
        total: wanted,
      });
    };
    const strategy: PaginationStrategy<{ count: number; next: string | null }> = {
      name: base.name,
      pageSize: base.pageSize,
      first: () => base.first(),
      next(c) {
        if (c.index === 0) plan(c.page);
        return base.next(c);
      },
      plan(c) {
        plan(c.page);
        const all = base.plan?.(c);
        // With maxItems, plan only the pages it needs: pages fetched ahead cost budget.
        if (!all || o.maxItems === undefined) return all;
        return {
          ...all,
          pages: Math.min(all.pages, Math.max(1, Math.ceil(o.maxItems / ctx.perPage))),
        };
      },
    };
    return paginate(ctx.http, {
      path: o.path,
      query,
      page: o.page,
      items: (p) => p.results,
      signal: o.signal,
      maxItems: o.maxItems,
      concurrency: ctx.concurrency,
      strategy,
      continuity: consistent
        ? { mode: 'backward', id: (item) => String(item.id), isVanishedPage }
        : undefined,
    });
  });
}
