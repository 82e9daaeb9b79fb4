import { createHash } from 'node:crypto';
import type * as v from 'valibot';
import { AbortError, ConfigError, PaginationError } from '../errors/errors.js';
import type { HttpClient, QueryParams } from '../http/options.js';
import { linkSignals } from '../internal/abort.js';
import { type ContinuityOptions, continuousList, type UnprovenListing } from './continuity.js';
import {
  listingFailure,
  MAX_PAGES_WITHOUT_TOTAL,
  nextParams,
  pageProblem,
  repeatGuard,
  type TotalGuard,
  totalGuard,
} from './guards.js';
import type { ListingPosition } from './listing-position.js';
import { paginated } from './paginated.js';
import type { PageContext, PageParams, PagePlan, PaginationStrategy } from './strategy.js';

/** Options of {@link paginate}. */
export interface PaginateOptions<S extends v.GenericSchema, Item> {
  /** Path of the list, relative to the client's base URL. */
  path: string;
  /** GET (default) or POST for searches; POST pages are retried like GETs. */
  method?: 'GET' | 'POST' | undefined;
  /** Query parameters sent with every page. */
  query?: QueryParams | undefined;
  /** JSON body sent with every page (POST). */
  body?: Record<string, unknown> | undefined;
  /** Extra headers; `undefined` removes a default header. */
  headers?: Record<string, string | undefined> | undefined;
  /** valibot schema of one page. */
  page: S;
  /** The items of a page. */
  items: (page: v.InferOutput<S>) => readonly Item[];
  /** How the vendor pages. */
  strategy: PaginationStrategy<v.InferOutput<S>>;
  /** Stops the listing, including pages in flight and waits. */
  signal?: AbortSignal | undefined;
  /** Stop after this many items. */
  maxItems?: number | undefined;
  /**
   * Pages fetched at once once the total is known (default 1); the limiter still applies. At 1,
   * and for listings whose total is unknown (cursors, next links), the next page is still asked
   * for while the consumer reads the current one, one request at a time.
   */
  concurrency?: number | undefined;
  /** Drops items whose key was already seen (offset paging over data that shifts). */
  dedupeBy?: ((item: Item) => string) | undefined;
  /**
   * Stable id of an item. When given, loop detection tells pages apart by the ids of their first
   * and last items instead of serialising and hashing those items.
   */
  id?: ((item: Item) => string) | undefined;
  /**
   * Lists every item present for the whole listing, even when others are added or removed between
   * page requests, each once (see {@link ContinuityOptions}); the list must be sorted by id.
   */
  continuity?: ContinuityOptions<Item> | undefined;
  /**
   * Told once when a `continuity` listing cannot prove it missed nothing (see
   * {@link ContinuityOptions}): it still lists every item it sees, but an item missing from it
   * may have been missed rather than removed.
   */
  onUnproven?: ((listing: UnprovenListing) => void) | undefined;
  /**
   * Resumes the listing at a position an earlier pass reported through `onPosition` (a
   * page-number `continuity` read only; anything else, or a position of another listing, starts
   * over).
   */
  resume?: ListingPosition | undefined;
  /**
   * Told where the listing stands each time the consumer has taken a page (page-number
   * `continuity` reads in an order by id only): pass it back as `resume` to go on from there
   * after a crash.
   */
  onPosition?: ((position: ListingPosition) => void) | undefined;
}

/** One page as {@link Paginated.pages} yields it. */
export interface Page<Item> {
  /** Items of the page (after de-duplication and `maxItems`). */
  items: Item[];
  /** Zero-based page index. */
  index: number;
  /** Total number of items, when the vendor told it. */
  total?: number | undefined;
}

/** A lazily fetched list: iterate items with `for await`, or pages, or collect. */
export interface Paginated<Item> extends AsyncIterable<Item> {
  /** Iterates page by page. */
  pages(): AsyncIterable<Page<Item>>;
  /** Collects items into an array, at most `max` (and at most `maxItems`). */
  toArray(o?: { max?: number | undefined }): Promise<Item[]>;
}

interface Fetched<P, Item> {
  ctx: PageContext<P>;
  items: readonly Item[];
  params: PageParams;
}

/**
 * What identifies a page for loop detection: its size and its first and last items. Two different
 * pages of one listing never share both ends. With ids, the key is the two ids (no serialising);
 * without, the two items' JSON, hashed so a long listing keeps 28 bytes per page.
 */
function pageSignature<Item>(
  items: readonly Item[],
  id: ((item: Item) => string) | undefined,
): string {
  const first = items[0] as Item;
  const last = items[items.length - 1] as Item;
  if (id) {
    try {
      return `${items.length}\u0000${id(first)}\u0000${id(last)}`;
    } catch {
      // An item without a usable id: fall back to its content.
    }
  }
  const ends = JSON.stringify([items.length, first, last]);
  return createHash('sha1').update(ends).digest('base64');
}

/**
 * Streams a paginated list. Each page goes through the client (auth, limiter, retry, validation).
 * Stops with {@link PaginationError} when a cursor, next link or page repeats (a short loop at its
 * first repeat, a long one within about twice its length, in memory that stays the same however
 * many pages the listing has). When the first page
 * reveals the total and `concurrency` is above 1, later pages are fetched ahead, at most
 * `concurrency` at a time, and still yielded in order; memory holds at most that many pages.
 * Otherwise each next page is asked for as soon as the page before it has arrived and been checked,
 * while the consumer reads that one (one request in flight, two pages in memory); a consumer that
 * stops early leaves that one request cancelled. `maxItems` asks for no page it will not use.
 *
 * @param http - The client to send pages with.
 * @param o - Path, page schema, item extractor and strategy.
 */
export function paginate<S extends v.GenericSchema, Item>(
  http: HttpClient,
  o: PaginateOptions<S, Item>,
): Paginated<Item> {
  if (o.continuity) return continuousList(http, { ...o, continuity: o.continuity });
  type P = v.InferOutput<S>;
  const method = o.method ?? 'GET';
  const concurrency = o.concurrency ?? 1;
  if (!(concurrency >= 1)) throw new ConfigError('Pagination concurrency must be at least 1');
  const endpoint = `${method} ${new URL(o.path.replace(/^\/+/, ''), http.baseUrl).pathname}`;
  const fail = listingFailure(http, endpoint);

  async function* pages(): AsyncGenerator<Page<Item>> {
    const stop = new AbortController();
    const link = linkSignals(o.signal, stop.signal);
    const signal = link.signal;
    // Bounded: a sync of any length remembers the same few values.
    const keys = repeatGuard();
    const signatures = repeatGuard();
    const seen = o.dedupeBy ? new Set<string>() : undefined;
    let remaining = o.maxItems ?? Number.POSITIVE_INFINITY;
    let total: number | undefined;
    let guard: TotalGuard | undefined;

    const fetchPage = async (params: PageParams, index: number): Promise<Fetched<P, Item>> => {
      const started = http.clock.now();
      const res = await http.request({
        method,
        path: o.path,
        query: { ...o.query, ...params.query },
        json: method === 'POST' ? { ...o.body, ...params.body } : undefined,
        headers: o.headers,
        schema: o.page,
        idempotent: true, // reading a page never changes anything
        signal,
      });
      const items = o.items(res.data);
      http.emit({
        type: 'page',
        vendor: http.vendor,
        endpoint,
        page: index,
        items: items.length,
        durationMs: http.clock.now() - started,
      });
      return {
        ctx: { page: res.data, headers: res.headers, items: items.length, index },
        items,
        params,
      };
    };

    /** Loop checks, de-duplication and `maxItems`; undefined once the listing is complete. */
    const accept = (f: Fetched<P, Item>): Page<Item> => {
      const index = f.ctx.index;
      if (keys.repeats(f.params.key)) {
        throw fail(`page ${index} repeats an earlier cursor or link; stopping an endless loop`, {
          page: index,
        });
      }
      const reported = o.strategy.plan?.(f.ctx)?.total;
      const problem = pageProblem(o.strategy, f.ctx, reported);
      if (problem) throw fail(`page ${index} ${problem}`, { page: index });
      const endless = guard
        ? guard.observe(index, f.ctx.items, reported)
        : index >= MAX_PAGES_WITHOUT_TOTAL
          ? `read ${index + 1} pages without a total; stopping an endless listing`
          : undefined;
      if (endless) throw fail(endless, { page: index });
      if (f.items.length > 0) {
        const signature = pageSignature(f.items, o.id);
        if (signatures.repeats(signature)) {
          throw fail(`page ${index} is identical to an earlier page; stopping an endless loop`, {
            page: index,
          });
        }
      }
      let items = seen
        ? f.items.filter((item) => {
            const key = o.dedupeBy?.(item) ?? '';
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          })
        : // The page was parsed for this listing alone: its array is handed on, not copied.
          (f.items as Item[]);
      if (items.length > remaining) items = items.slice(0, remaining);
      remaining -= items.length;
      return { items, index: f.ctx.index, total };
    };

    try {
      if (remaining <= 0) return;
      let current = await fetchPage(o.strategy.first(), 0);
      // The plan tells the total (for every page's `total`); reading ahead needs concurrency.
      const plan: PagePlan | undefined = o.strategy.plan?.(current.ctx);
      total = plan?.total;
      guard = total === undefined ? undefined : totalGuard(total, current.ctx.items);
      // Whether `current` has been accepted and handed on already.
      let handedOn = false;

      if (plan && plan.pages > 1 && concurrency > 1) {
        yield accept(current);
        if (current.ctx.items === 0 || remaining <= 0) return;
        handedOn = true;
        // Bounded read-ahead: at most `concurrency` pages in flight or waiting to be yielded.
        const ahead: Array<Promise<Fetched<P, Item>>> = [];
        let nextIndex = 1;
        const fill = () => {
          while (ahead.length < concurrency && nextIndex < plan.pages) {
            const p = fetchPage(plan.at(nextIndex), nextIndex);
            p.catch(() => {}); // awaited in order below; avoid unhandled rejections when we stop early
            ahead.push(p);
            nextIndex++;
          }
        };
        fill();
        while (ahead.length > 0) {
          current = await (ahead.shift() as Promise<Fetched<P, Item>>);
          fill();
          yield accept(current);
          if (current.ctx.items === 0 || remaining <= 0) return;
        }
      }

      // One page after another, each asked for before the one before it is handed on: the server
      // prepares it while the consumer reads, and still only one request is in flight. A page the
      // consumer never reaches is cancelled by the `finally` below.
      for (;;) {
        const page = handedOn ? undefined : accept(current);
        const done = current.ctx.items === 0 || remaining <= 0;
        let next: Promise<Fetched<P, Item>> | undefined;
        let unusable: unknown;
        if (!done) {
          try {
            const params = nextParams(o.strategy, current.ctx, fail);
            if (params && !signal?.aborted) {
              next = fetchPage(params, current.ctx.index + 1);
              next.catch(() => {}); // awaited below, once this page is consumed
            } else if (params) unusable = new AbortError();
          } catch (error) {
            unusable = error; // an unusable next position fails after this page, not instead of it
          }
        }
        if (page) yield page;
        if (done) return;
        if (unusable !== undefined) throw unusable;
        if (!next) return;
        if (signal?.aborted) throw new AbortError();
        current = await next;
        handedOn = false;
      }
    } finally {
      stop.abort(); // cancels pages fetched ahead that will not be used
      link.unlink();
    }
  }

  return paginated(pages);
}
