import type * as v from 'valibot';
import { ConfigError } from '../errors/errors.js';
import type { HttpClient } from '../http/options.js';
import { listingFailure, nextParams, pageProblem, totalGuard, totalMargin } from './guards.js';
import {
  type BackwardPosition,
  type ForwardPosition,
  listingKey,
  pageNumberPosition,
} from './listing-position.js';
import { ListedIds, type ListOrder, orderOf } from './order.js';
import type { Page, Paginated, PaginateOptions } from './paginate.js';
import { paginate } from './paginate.js';
import { paginated } from './paginated.js';
import type { PageContext, PageParams, PagePlan } from './strategy.js';

/**
 * How a listing proves it missed nothing while the data changed under it. The vendor is asked to
 * sort by id, but what it sent decides: the order is read from the pages (ascending, descending
 * or none) and the proof follows it. Both modes yield each item once, with memory that does not
 * grow with the list while an order holds.
 *
 * - `overlap` (offset lists, with `offset({ overlap: 1 })`): every page after the first must start
 *   at or before the last item listed, which proves no row slid between them, whichever way the
 *   list is sorted. When the check fails, the pass stops there, the list is read again from the
 *   start and only unseen items are yielded, up to `maxPasses` passes; then a retryable
 *   `PaginationError` says so instead of losing items. Pages may still be fetched ahead
 *   concurrently.
 * - `backward` (page-number lists, which cannot overlap): deletions move rows towards page one
 *   whichever way the list is sorted, while new rows join at the end of an ascending list but at
 *   the start of a descending (newest first) one. So an ascending list is read first page (which
 *   tells the total), then from the last page down to the first, one at a time: a row not read
 *   yet can never slide into a page already read, and a page that no longer exists
 *   (`isVanishedPage`) only means its rows moved to pages still to come. A descending list is read
 *   forward: new rows push unread ones further on, and each page is proven by overlapping what was
 *   listed or by a total that did not shrink since the page before. An overlapping descending
 *   list whose rows slid back past a page steps back a page at a time until one reaches what was
 *   listed.
 *
 * When no order can be proven (pages in no order by id, or a descending list that shrank between
 * two pages), every item seen is still listed (once; an item that moved while pages were read
 * after the order broke may come twice: keeping every id would cost memory with the list), and
 * the listing is reported as unproven
 * (`onUnproven`, and an `unproven-listing` event): a poller or graph feed then withholds removals
 * instead of reporting users it may only have missed.
 *
 * A page-number read in an order by id tells `onPosition` where it stands once the consumer has
 * taken each page, and goes on from such a position given as `resume` (a first sync cut off by a
 * crash): an ascending read re-reads its first page for the plan and walks on down; a newest-first
 * read goes on at the next page, proven against the last item listed as it would have been.
 */
export interface ContinuityOptions<Item> {
  /** `overlap` for offset lists, `backward` for page-number lists. */
  mode: 'overlap' | 'backward';
  /** Stable id of an item. */
  id(item: Item): string;
  /** Orders ids as the server sorts them (default: shorter first, then by text). */
  compare?(a: string, b: string): number;
  /** `overlap`: passes over the list before drift is reported as an error (default 3). */
  maxPasses?: number | undefined;
  /**
   * `overlap`: what follows a pass that found rows slid: `restart` (default) reads the list again
   * from the start, up to `maxPasses`; `backward` reads the rest once more the `backward` way (one
   * page at a time, from the last down), which completes however often the list changes. The
   * first pass keeps fetching ahead either way. A list found newest first, where neither holds
   * (its new rows arrive at its start), steps back a page at a time instead, whatever is set.
   */
  recover?: 'restart' | 'backward' | undefined;
  /** `backward`: whether an error means the page asked for no longer exists (DRF's 404). */
  isVanishedPage?(error: unknown): boolean;
}

/**
 * A listing that read every item it saw but could not prove it saw every item present: an item
 * missing from it may have been missed rather than removed.
 */
export interface UnprovenListing {
  /** Vendor of the connection. */
  vendor: string;
  /** Method and path of the list. */
  endpoint: string;
  /** The order the pages came in, as far as it was read. */
  order: ListOrder;
  /** Why nothing could be proven, in words. */
  reason: string;
}

/**
 * Orders ids as vendors sort them: numbers (no leading zeros) and fixed-length hex ids alike are
 * ordered by length first, then by text.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One page a continuity read fetched itself, with its ids and what it reported. */
interface ReadPage<P, Item> {
  ctx: PageContext<P>;
  items: readonly Item[];
  ids: string[];
  total: number | undefined;
}

/**
 * The listing {@link paginate} returns when `continuity` is set.
 *
 * @param http - The client to send pages with.
 * @param o - The paginate options, `continuity` included.
 */
export function continuousList<S extends v.GenericSchema, Item>(
  http: HttpClient,
  o: PaginateOptions<S, Item> & { continuity: ContinuityOptions<Item> },
): Paginated<Item> {
  type P = v.InferOutput<S>;
  const c = o.continuity;
  const compare = c.compare ?? compareIds;
  const endpoint = `${o.method ?? 'GET'} ${new URL(o.path.replace(/^\/+/, ''), http.baseUrl).pathname}`;
  const pageSize = o.strategy.pageSize ?? 0;
  if (c.mode === 'overlap' && (o.strategy.overlap !== 1 || pageSize < 2)) {
    throw new ConfigError(
      `${http.vendor} ${endpoint}: continuity 'overlap' needs pages that overlap by one`,
    );
  }
  const fail = listingFailure(http, endpoint);
  /** Each item's id, read once per page. */
  const idsOf = (items: readonly Item[]): string[] => {
    const ids = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) ids[i] = c.id(items[i] as Item);
    return ids;
  };
  const inner = {
    ...o,
    continuity: undefined,
    maxItems: undefined,
    dedupeBy: undefined,
    onUnproven: undefined,
    resume: undefined,
    onPosition: undefined,
  };
  // A position is only valid for this listing: the same path, query, body and page size.
  const listing = listingKey([endpoint, o.query, o.body, pageSize]);
  const resume = c.mode === 'backward' ? pageNumberPosition(o.resume, listing) : undefined;

  /** One read of the list: its own order, proof and bookkeeping. */
  async function* read(): AsyncGenerator<Page<Item>> {
    let order: ListOrder | undefined;
    let unproven: string | undefined; // why, once the read cannot prove it missed nothing
    let index = 0; // of the pages yielded
    const markUnproven = (reason: string) => {
      if (unproven !== undefined) return;
      unproven = reason;
      const notice = { vendor: http.vendor, endpoint, order: order ?? 'none', reason };
      http.emit({ type: 'unproven-listing', ...notice });
      o.onUnproven?.(notice);
    };
    /** Tells the caller where the read stands: called once the consumer took the pages before. */
    const report = (
      position: Omit<BackwardPosition, 'listing'> | Omit<ForwardPosition, 'listing'>,
    ) => o.onPosition?.({ ...position, listing, ...(unproven === undefined ? {} : { unproven }) });
    /** Whether `a` comes before `b` in the list's order (negative), at it (0) or after. */
    const before = (a: string, b: string) =>
      order === 'descending' ? compare(b, a) : compare(a, b);
    /** Learns the order from a page; false when the page shows none, or another one. */
    const keepsOrder = (ids: readonly string[]): boolean => {
      const seen = orderOf(ids, compare);
      if (seen === undefined) return true;
      order ??= seen;
      return seen === order && seen !== 'none';
    };
    const lostOrder = (page: number) =>
      markUnproven(
        order === 'none' || order === undefined
          ? `the pages are in no order by id (page ${page}), so items that moved while they were read may be missing; every item seen was listed`
          : `page ${page} is not in the ${order} order of the pages before it, so items that moved while they were read may be missing; every item seen was listed`,
      );

    async function* overlapping(): AsyncGenerator<Page<Item>> {
      const maxPasses = c.maxPasses ?? 3;
      let first: Page<Item> | undefined; // of the latest pass
      let lastYielded: string | undefined;
      let listed: ListedIds | undefined; // once the order is lost
      let previousIds: readonly string[] = [];
      for (let pass = 1; ; pass++) {
        let consistent = true;
        let previousLast: string | undefined;
        for await (const page of paginate(http, inner).pages()) {
          if (page.index === 0) first = page;
          const ids = idsOf(page.items);
          // An ascending list only grows at its end: a page starting before the end of the page
          // before it is out of order (a vendor ignoring the sort, or `skip`), not rows pushed on.
          const outOfOrder =
            !keepsOrder(ids) ||
            (order === 'ascending' &&
              previousLast !== undefined &&
              ids.length > 0 &&
              before(ids[0] as string, previousLast) < 0);
          if (!listed && outOfOrder) {
            listed = new ListedIds(previousIds);
            lostOrder(page.index);
          }
          if (listed) {
            const fresh = listed.fresh(page.items, ids);
            yield { items: fresh, index: index++, total: page.total };
            if (page.items.length < pageSize) return;
            continue;
          }
          if (
            page.index > 0 &&
            (lastYielded === undefined ||
              ids.length === 0 ||
              before(ids[0] as string, lastYielded) > 0)
          ) {
            // Rows slid back past this page's start: the ones that slid sort after the last item
            // listed but before this page. A newest-first list steps back to them at once (new
            // rows at its start would defeat a backward read); otherwise stop here and let the
            // next pass pick them up.
            if (order === 'descending' && lastYielded !== undefined && o.strategy.at) {
              yield* steppingBack(page.index, lastYielded, first?.total);
              return;
            }
            consistent = false;
            break;
          }
          // Sorted, so the items not listed yet are a tail of the page.
          let from = 0;
          if (lastYielded !== undefined) {
            const after = lastYielded;
            while (from < ids.length && before(ids[from] as string, after) <= 0) from++;
          }
          const fresh = from === 0 ? page.items : page.items.slice(from);
          if (fresh.length > 0) lastYielded = ids[ids.length - 1];
          // A re-read pass walks over pages already yielded; only pages with new items are news.
          if (pass === 1 || fresh.length > 0)
            yield { items: fresh as Item[], index: index++, total: page.total };
          previousIds = ids;
          previousLast = ids.at(-1);
          // A short page ends the list as of when it was read; pages read ahead of it are dropped.
          if (page.items.length < pageSize) break;
        }
        if (consistent) return;
        if (c.recover === 'backward') {
          yield* backward(undefined, lastYielded);
          return;
        }
        if (pass >= maxPasses) {
          throw fail(
            `the list kept changing while it was read (${maxPasses} passes); some items may be missing, run the sync again`,
            { retryable: true },
          );
        }
      }
    }

    /**
     * Goes on with an overlapping newest-first list from page `from`, whose start slid past the
     * last item listed (`after`): steps back a page at a time until a page reaches back to it
     * (which proves nothing between was missed), then reads on, stepping back again whenever a
     * page starts past what was listed. Past `maxPasses` steps back per page of the list, it
     * reads on unproven rather than chase a list that never holds still.
     */
    async function* steppingBack(
      from: number,
      after: string,
      total: number | undefined,
    ): AsyncGenerator<Page<Item>> {
      const at = o.strategy.at as NonNullable<typeof o.strategy.at>;
      let lastYielded = after;
      let listed: ListedIds | undefined;
      let steps = 0;
      const maxSteps = (c.maxPasses ?? 3) * Math.max(1, from);
      // Pages re-read on the way back, and twice the pages the first total (with its margin)
      // needs: a server that keeps serving full pages cannot keep the walk going.
      const first = total ?? 0;
      const cap =
        maxSteps + 2 * Math.ceil((first + totalMargin(first, pageSize)) / (pageSize - 1)) + 10;
      for (let k = from - 1, read = 0; ; ) {
        if (++read > cap) {
          throw fail(`read ${read} pages stepping back and on; stopping an endless listing`, {
            page: k,
          });
        }
        const page = await fetchPage(at(k), k);
        if (!listed && !keepsOrder(page.ids)) {
          listed = new ListedIds([]);
          lostOrder(k);
        }
        if (listed) {
          const fresh = listed.fresh(page.items, page.ids);
          if (fresh.length > 0) yield { items: fresh, index: index++, total: page.total };
        } else {
          const head = page.ids[0];
          if (k > 0 && (head === undefined || before(head, lastYielded) > 0)) {
            if (++steps <= maxSteps) {
              k--;
              continue;
            }
            markUnproven(
              `rows kept moving back past page ${k} of a newest-first list while it was read, so some may be missing; every item seen was listed`,
            );
          }
          const fresh: Item[] = [];
          for (let i = 0; i < page.items.length; i++) {
            if (before(page.ids[i] as string, lastYielded) > 0) fresh.push(page.items[i] as Item);
          }
          const tail = page.ids.at(-1);
          if (tail !== undefined && before(tail, lastYielded) > 0) lastYielded = tail;
          if (fresh.length > 0) yield { items: fresh, index: index++, total: page.total };
        }
        if (page.items.length < pageSize) return;
        k++;
      }
    }

    /** Sends one page request and checks what the page says about itself. */
    const fetchPage = async (params: PageParams, at: number): Promise<ReadPage<P, Item>> => {
      const started = http.clock.now();
      const res = await http.request({
        method: o.method,
        path: o.path,
        query: { ...o.query, ...params.query },
        json: o.method === 'POST' ? { ...o.body, ...params.body } : undefined,
        headers: o.headers,
        schema: o.page,
        idempotent: true,
        signal: o.signal,
      });
      const items = o.items(res.data);
      http.emit({
        type: 'page',
        vendor: http.vendor,
        endpoint,
        page: at,
        items: items.length,
        durationMs: http.clock.now() - started,
      });
      const ctx: PageContext<P> = {
        page: res.data,
        headers: res.headers,
        items: items.length,
        index: at,
      };
      const total = o.strategy.plan?.(ctx)?.total;
      const problem = pageProblem(o.strategy, ctx, total);
      if (problem) throw fail(`page ${at} ${problem}`, { page: at });
      return { ctx, items, ids: idsOf(items), total };
    };

    /** The first page, which must tell the total. */
    const firstPage = async () => {
      const first = await fetchPage(o.strategy.first(), 0);
      const plan = o.strategy.plan?.(first.ctx);
      if (!plan) {
        throw fail('continuity needs the total on the first page; the vendor did not send one', {
          page: 0,
        });
      }
      return { first, plan };
    };

    /** A page-number list: read the way its order allows, or on from where `resume` stood. */
    async function* byPageNumber(): AsyncGenerator<Page<Item>> {
      if (resume?.mode === 'forward' && o.strategy.at) {
        order = 'descending';
        if (resume.unproven !== undefined) markUnproven(resume.unproven);
        yield* forward(resume, undefined);
        return;
      }
      const { first, plan } = await firstPage();
      const sorted = keepsOrder(first.ids);
      if (plan.pages <= 1 || (sorted && order !== 'descending')) {
        // A position of an ascending read is only good while the list still reads ascending.
        yield* backward(
          { first, plan },
          undefined,
          resume?.mode === 'backward' ? resume : undefined,
        );
        return;
      }
      yield { items: first.items as Item[], index: index++, total: plan.total };
      if (!sorted) lostOrder(0);
      yield* forward(first, sorted ? undefined : new ListedIds(first.ids));
    }

    /**
     * Reads on page by page after `start` (the first page, or the position of a read cut off
     * earlier), as the vendor announces more: the way for a newest-first list (each page proven,
     * see {@link ContinuityOptions}) and for one in no order (`unordered`).
     */
    async function* forward(
      start: ReadPage<P, Item> | ForwardPosition,
      unordered: ListedIds | undefined,
    ): AsyncGenerator<Page<Item>> {
      let listed = unordered;
      // What proving a page needs of the page before it; a resumed read has it from its position.
      let previous: {
        ctx?: PageContext<P>;
        index: number;
        ids: readonly string[];
        total: number | undefined;
        full: boolean;
      };
      let frontier: string | undefined; // the last item listed: every later one sorts after it
      let firstTotal: number | undefined;
      if ('mode' in start) {
        if (start.next < 0) return; // the read it goes on from had listed everything
        const { frontier: last, total, full } = start;
        previous = { index: start.next - 1, ids: last === undefined ? [] : [last], total, full };
        frontier = last;
        firstTotal = start.firstTotal;
      } else {
        const full = start.items.length >= pageSize;
        previous = { ctx: start.ctx, index: 0, ids: start.ids, total: start.total, full };
        frontier = start.ids.at(-1);
        firstTotal = start.total;
      }
      const guard = totalGuard(firstTotal, 'mode' in start ? pageSize : start.items.length);
      for (;;) {
        const at = previous.index + 1;
        const params = previous.ctx
          ? nextParams(o.strategy, previous.ctx, fail)
          : o.strategy.at?.(at);
        if (!listed) {
          const known = previous.total ?? firstTotal;
          const pages = known === undefined ? undefined : Math.ceil(known / pageSize);
          report({
            mode: 'forward',
            next: params ? at : -1,
            frontier,
            total: previous.total,
            full: previous.full,
            firstTotal,
            ...(pages === undefined ? {} : { remaining: params ? Math.max(1, pages - at) : 0 }),
          });
        }
        if (!params) return;
        let page: ReadPage<P, Item>;
        try {
          page = await fetchPage(params, at);
        } catch (error) {
          if (!c.isVanishedPage?.(error)) throw error;
          // The list shrank below this page: its rows moved onto pages already read.
          markUnproven(
            `the list shrank below page ${at} while it was read, so items may have moved onto pages already read; every item seen was listed`,
          );
          return;
        }
        const endless = guard.observe(at, page.items.length, page.total);
        if (endless) throw fail(endless, { page: at });
        if (!listed && !keepsOrder(page.ids)) {
          listed = new ListedIds(previous.ids);
          lostOrder(at);
        }
        let fresh: Item[];
        if (listed) fresh = listed.fresh(page.items, page.ids);
        else {
          const last = frontier as string;
          const head = page.ids[0];
          // Proven when the page reaches back to what was listed, or when the list did not
          // shrink since the page before (a full one): new rows only push unread ones further on.
          const reachesBack = head !== undefined && before(head, last) <= 0;
          const grewOrHeld =
            previous.full &&
            page.total !== undefined &&
            previous.total !== undefined &&
            page.total >= previous.total;
          if (!reachesBack && !grewOrHeld) {
            markUnproven(
              `the list shrank between pages ${at - 1} and ${at} of a newest-first read, so items may have moved onto pages already read; every item seen was listed`,
            );
          }
          fresh = [];
          for (let i = 0; i < page.items.length; i++) {
            if (before(page.ids[i] as string, last) > 0) fresh.push(page.items[i] as Item);
          }
          const tail = page.ids.at(-1);
          if (tail !== undefined && before(tail, last) > 0) frontier = tail;
        }
        if (fresh.length > 0) yield { items: fresh, index: index++, total: page.total };
        const full = page.items.length >= pageSize;
        previous = { ctx: page.ctx, index: at, ids: page.ids, total: page.total, full };
      }
    }

    /**
     * Backward listing of an ascending list: the first page, then the last page down to the
     * first. After a failed overlap pass (`after`), only ids above it (all below it were yielded).
     * Resumed (`from`), the first page was read again only for the plan: the walk goes on at the
     * position's page, with the ids it kept.
     */
    async function* backward(
      read?: { first: ReadPage<P, Item>; plan: PagePlan },
      after?: string,
      from?: BackwardPosition,
    ): AsyncGenerator<Page<Item>> {
      const unseen = (id: string) => after === undefined || compare(id, after) > 0;
      const { first, plan } = read ?? (await firstPage());
      // Only a page-number read can resume: an overlap read's recovery reports no position.
      const tell = (next: number, lowestId: string | undefined, firstIds: Iterable<string>) => {
        if (c.mode !== 'backward') return;
        report({
          mode: 'backward',
          next,
          ...(lowestId === undefined ? {} : { lowest: lowestId }),
          first: [...firstIds],
          pages: from?.pages ?? plan.pages,
          remaining: next + 1,
        });
      };
      if (from?.unproven !== undefined) markUnproven(from.unproven);
      if (!from) {
        const firstFresh =
          after === undefined
            ? first.items
            : first.items.filter((_, i) => unseen(first.ids[i] as string));
        if (after === undefined || firstFresh.length > 0)
          yield { items: firstFresh as Item[], index: index++, total: plan.total };
        if (plan.pages <= 1) return; // one response held the whole list: a consistent snapshot
        tell(plan.pages - 1, undefined, first.ids);
      }
      // Ids yielded from the first page (as it was when a resumed walk began), which is read
      // again last (at most one page of ids).
      const firstIds = new Set(from?.first ?? first.ids);
      const firstMax = from ? from.first.at(-1) : first.ids.at(-1);
      let lowest = from?.lowest; // lowest id read so far, walking down from the last page
      let listed: ListedIds | undefined; // once a page is out of order
      if (!read && !keepsOrder(first.ids)) {
        listed = new ListedIds(first.ids);
        lostOrder(0);
      }
      let previousIds: readonly string[] = first.ids;
      // Pages past the end as it was (rows added since, with higher ids) are the next run's news.
      const last = from ? Math.min(from.next, plan.pages - 1) : plan.pages - 1;
      for (let k = last; k >= 0; k--) {
        let page: ReadPage<P, Item>;
        try {
          page = await fetchPage(k === 0 ? o.strategy.first() : plan.at(k), k);
        } catch (error) {
          // The list shrank below this page: its rows moved to the pages still to be read.
          if (c.isVanishedPage?.(error)) continue;
          throw error;
        }
        const ids = page.ids;
        if (!listed && !keepsOrder(ids)) {
          listed = new ListedIds([...firstIds, ...previousIds]);
          lostOrder(k);
        }
        if (listed) {
          const fresh = listed.fresh(page.items, ids).filter((item) => unseen(c.id(item)));
          if (fresh.length > 0) yield { items: fresh, index: index++, total: plan.total };
          previousIds = ids;
          continue;
        }
        // Rows only leave or join at the end with higher ids, so no more rows than the first page
        // held can ever sort at or below its last id, and those sit on the first page: a later
        // page holding one is not the page asked for (a server serving the first page again, or
        // a repeated page). With pages overlapping by one, the second page rightly starts with the
        // first one's last row.
        const stray = ids.at(o.strategy.overlap === 1 && k === 1 ? 1 : 0);
        if (
          k > 0 &&
          stray !== undefined &&
          firstMax !== undefined &&
          compare(stray, firstMax) <= 0
        ) {
          throw fail(
            `page ${k} repeats rows of the first page; stopping rather than list them short`,
            { page: k },
          );
        }
        const fresh = page.items.filter((_, i) => {
          const id = ids[i] as string;
          return (
            (lowest === undefined || compare(id, lowest) < 0) && !firstIds.has(id) && unseen(id)
          );
        });
        const head = ids[0];
        if (head !== undefined && (lowest === undefined || compare(head, lowest) < 0))
          lowest = head;
        if (fresh.length > 0) yield { items: fresh, index: index++, total: plan.total };
        previousIds = ids;
        tell(k - 1, lowest, firstIds);
      }
    }

    yield* c.mode === 'overlap' ? overlapping() : byPageNumber();
  }

  return paginated(async function* () {
    let remaining = o.maxItems ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    for await (const page of read()) {
      const items = page.items.length > remaining ? page.items.slice(0, remaining) : page.items;
      remaining -= items.length;
      yield { ...page, items };
      if (remaining <= 0) return;
    }
  });
}
