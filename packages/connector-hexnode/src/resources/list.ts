import {
  NotFoundError,
  type Page,
  type Paginated,
  type PaginationStrategy,
  pageNumber,
  paginate,
  paginated,
} from '@org/connector-core';
import type * as v from 'valibot';
import type { ListOptions, ResourceContext } from './context.js';

type PageSchema<Item> = v.GenericSchema<
  unknown,
  { count: number; next: string | null; results: Item[] }
>;

/**
 * DRF answers a page past the end with 404 "Invalid page.": when users are deleted during a sync,
 * the last planned page can vanish. Everything before it was yielded, so the listing is complete.
 */
function isVanishedPage(error: unknown): boolean {
  return error instanceof NotFoundError && /invalid page/i.test(error.message);
}

/**
 * A {@link Paginated} whose work starts when it is iterated: it first makes sure the daily quota is
 * known, then delegates to the core's paginator. Each iteration starts a fresh listing.
 */
function deferred<Item>(open: () => Promise<Paginated<Item>>): Paginated<Item> {
  async function* pages(): AsyncGenerator<Page<Item>> {
    const inner = await open();
    let yielded = false;
    try {
      for await (const page of inner.pages()) {
        yielded = true;
        yield page;
      }
    } catch (error) {
      if (yielded && isVanishedPage(error)) return;
      throw error;
    }
  }
  return paginated(pages);
}

/**
 * Lists a Hexnode collection: page-number pagination (`page`, `per_page`), the pages after the first
 * fetched in parallel once `count` is known, and a budget check in between: a listing the daily
 * quota cannot finish stops with a `RateLimitError` (scope `quota`) before spending it.
 */
export function listCollection<Item>(
  ctx: ResourceContext,
  o: {
    path: string;
    page: PageSchema<Item>;
    query?: Record<string, string | number | boolean | undefined> | undefined;
  } & ListOptions,
): Paginated<Item> {
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
      ctx.quota.reserve(Math.ceil(wanted / ctx.perPage) - 1, {
        endpoint: `GET ${new URL(o.path, ctx.http.baseUrl).pathname}`,
        total: wanted,
      });
    };
    const strategy: PaginationStrategy<{ count: number; next: string | null }> = {
      name: base.name,
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
      query: o.query,
      page: o.page,
      items: (p) => p.results,
      signal: o.signal,
      maxItems: o.maxItems,
      concurrency: ctx.concurrency,
      strategy,
    });
  });
}
