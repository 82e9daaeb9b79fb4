import type * as v from 'valibot';
import { ConfigError, PaginationError } from '../errors/errors.js';
import type { HttpClient } from '../http/options.js';
import { type BackwardPosition, backwardPosition, listingKey } from './listing-position.js';
import type { Page, Paginated, PaginateOptions } from './paginate.js';
import { paginate } from './paginate.js';
import { paginated } from './paginated.js';
import type { PageContext, PageParams } from './strategy.js';

/**
 * How a listing proves it missed nothing while the data changed under it. Both modes need the list
 * sorted by id ascending (send the vendor's sort parameter) and new items to get higher ids; both
 * yield each item once, with memory that does not grow with the list.
 *
 * - `overlap` (offset lists, with `offset({ overlap: 1 })`): page `k` must contain the last id of
 *   page `k - 1`, which proves no row slid between them. When the check fails, the pass stops
 *   there, the list is read again from the start and only unseen items are yielded, up to
 *   `maxPasses` passes; then a retryable `PaginationError` says so instead of losing items. Pages
 *   may still be fetched ahead concurrently.
 * - `backward` (page-number lists, which cannot overlap): after the first page (which tells the
 *   total), pages are read from the last to the first, one at a time. A deletion only moves rows to
 *   lower positions, so a row not read yet can never slide into a page already read; a page that
 *   no longer exists (`isVanishedPage`) only means its rows moved to pages still to come.
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
   * first pass keeps fetching ahead either way.
   */
  recover?: 'restart' | 'backward' | undefined;
  /** `backward`: whether an error means the page asked for no longer exists (DRF's 404). */
  isVanishedPage?(error: unknown): boolean;
}

/**
 * Orders ids as vendors sort them: numbers (no leading zeros) and fixed-length hex ids alike are
 * ordered by length first, then by text.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
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
  const c = o.continuity;
  const compare = c.compare ?? compareIds;
  const endpoint = `${o.method ?? 'GET'} ${new URL(o.path.replace(/^\/+/, ''), http.baseUrl).pathname}`;
  const pageSize = o.strategy.pageSize ?? 0;
  if (c.mode === 'overlap' && (o.strategy.overlap !== 1 || pageSize < 2)) {
    throw new ConfigError(
      `${http.vendor} ${endpoint}: continuity 'overlap' needs pages that overlap by one`,
    );
  }
  const fail = (message: string, retryable = false) =>
    http.redactError(
      new PaginationError(`${http.vendor} ${endpoint}: ${message}`, {
        vendor: http.vendor,
        endpoint,
        retryable,
      }),
    );
  /** Ids within a page must ascend: a page out of order cannot be de-duplicated by position. */
  const assertAscending = (ids: readonly string[], index: number) => {
    for (let i = 1; i < ids.length; i++) {
      if (compare(ids[i] as string, ids[i - 1] as string) > 0) continue;
      throw fail(
        `page ${index} is not sorted by id as requested; stopping rather than risk skipping items`,
      );
    }
  };
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
    resume: undefined,
    onPosition: undefined,
  };
  // A position is only valid for this listing: the same path, query, body and page size.
  const listing = listingKey([endpoint, o.query, o.body, pageSize]);

  async function* overlapping(): AsyncGenerator<Page<Item>> {
    const maxPasses = c.maxPasses ?? 3;
    let lastYielded: string | undefined;
    let index = 0;
    for (let pass = 1; ; pass++) {
      let consistent = true;
      let previousLast: string | undefined;
      for await (const page of paginate(http, inner).pages()) {
        const ids = idsOf(page.items);
        if (page.index > 0 && (previousLast === undefined || !ids.includes(previousLast))) {
          // Rows slid left past this page's start: the ones that slid are below its first id but
          // above the last id yielded, so stop here and let the next pass pick them up.
          consistent = false;
          break;
        }
        assertAscending(ids, page.index);
        // Ids ascend, so the items not yielded yet are a tail of the page.
        let from = 0;
        if (lastYielded !== undefined) {
          const after = lastYielded;
          while (from < ids.length && compare(ids[from] as string, after) <= 0) from++;
        }
        const fresh = from === 0 ? page.items : page.items.slice(from);
        if (fresh.length > 0) lastYielded = ids[ids.length - 1];
        // A re-read pass walks over pages already yielded; only pages with new items are news.
        if (pass === 1 || fresh.length > 0)
          yield { items: fresh, index: index++, total: page.total };
        previousLast = ids[ids.length - 1];
        // A short page ends the list as of when it was read; pages read ahead of it are dropped.
        if (page.items.length < pageSize) break;
      }
      if (consistent) return;
      if (c.recover === 'backward') {
        yield* backward(lastYielded, index);
        return;
      }
      if (pass >= maxPasses) {
        throw fail(
          `the list kept changing while it was read (${maxPasses} passes); some items may be missing, run the sync again`,
          true,
        );
      }
    }
  }

  /**
   * Backward listing; after a failed overlap pass, only ids above `after` (all below it were
   * yielded). With `resume`, the walk goes on where an earlier one stopped: the first page is read
   * again only for the plan, and the pages still to read follow, from the position's `next` down.
   */
  async function* backward(
    after?: string,
    startIndex = 0,
    resume?: BackwardPosition,
  ): AsyncGenerator<Page<Item>> {
    const unseen = (id: string) => after === undefined || compare(id, after) > 0;
    const signal = o.signal;
    let sent = 0;
    const fetchPage = async (params: PageParams) => {
      const started = http.clock.now();
      const res = await http.request({
        method: o.method,
        path: o.path,
        query: { ...o.query, ...params.query },
        json: o.method === 'POST' ? { ...o.body, ...params.body } : undefined,
        headers: o.headers,
        schema: o.page,
        idempotent: true,
        signal,
      });
      const items = o.items(res.data);
      const index = sent++;
      http.emit({
        type: 'page',
        vendor: http.vendor,
        endpoint,
        page: index,
        items: items.length,
        durationMs: http.clock.now() - started,
      });
      const ids = idsOf(items);
      assertAscending(ids, index);
      const ctx: PageContext<v.InferOutput<S>> = {
        page: res.data,
        headers: res.headers,
        items: items.length,
        index: 0,
      };
      return { ctx, items, ids };
    };

    const first = await fetchPage(o.strategy.first());
    const plan = o.strategy.plan?.(first.ctx);
    if (!plan) {
      throw fail('continuity needs the total on the first page; the vendor did not send one');
    }
    let index = startIndex;
    const report = (next: number, lowestId: string | undefined, firstIds: readonly string[]) =>
      o.onPosition?.({
        mode: 'backward',
        listing,
        next,
        ...(lowestId === undefined ? {} : { lowest: lowestId }),
        first: [...firstIds],
        pages: resume?.pages ?? plan.pages,
        remaining: next + 1,
      } satisfies BackwardPosition);
    if (!resume) {
      const firstFresh = first.items.filter((_, i) => unseen(first.ids[i] as string));
      if (after === undefined || firstFresh.length > 0)
        yield { items: firstFresh, index: index++, total: plan.total };
      if (plan.pages <= 1) return; // one response held the whole list: a consistent snapshot
      report(plan.pages - 1, undefined, first.ids);
    }
    // Ids yielded from the first page, which is read again last (at most one page of ids).
    const firstIds = new Set(resume?.first ?? first.ids);
    const firstMax = resume ? resume.first.at(-1) : first.ids.at(-1);
    let lowest = resume?.lowest; // lowest id read so far, walking down from the last page
    // Pages past the end as it was (rows added since, with higher ids) are the next run's news.
    const from = resume ? Math.min(resume.next, plan.pages - 1) : plan.pages - 1;
    for (let k = from; k >= 0; k--) {
      let page: Awaited<ReturnType<typeof fetchPage>>;
      try {
        page = await fetchPage(k === 0 ? o.strategy.first() : plan.at(k));
      } catch (error) {
        // The list shrank below this page: its rows moved to the pages still to be read.
        if (c.isVanishedPage?.(error)) continue;
        throw error;
      }
      // Rows only leave or join at the end with higher ids, so no more rows than the first page held
      // can ever sort at or below its last id, and those sit on the first page: a later page holding
      // one is not the page asked for (a server serving the first page again, or a repeated page).
      // With pages overlapping by one, the second page rightly starts with the first one's last row.
      const stray = page.ids.at(o.strategy.overlap === 1 && k === 1 ? 1 : 0);
      if (k > 0 && stray !== undefined && firstMax !== undefined && compare(stray, firstMax) <= 0) {
        throw fail(
          `page ${k + 1} repeats rows of the first page; stopping rather than list them short`,
        );
      }
      const ids = page.ids;
      const fresh = page.items.filter((_, i) => {
        const id = ids[i] as string;
        return (lowest === undefined || compare(id, lowest) < 0) && !firstIds.has(id) && unseen(id);
      });
      const head = ids[0];
      if (head !== undefined && (lowest === undefined || compare(head, lowest) < 0)) lowest = head;
      if (fresh.length > 0) yield { items: fresh, index: index++, total: plan.total };
      report(k - 1, lowest, [...firstIds]);
    }
  }

  return paginated(async function* () {
    let remaining = o.maxItems ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const resume = c.mode === 'backward' ? backwardPosition(o.resume, listing) : undefined;
    for await (const page of c.mode === 'overlap'
      ? overlapping()
      : backward(undefined, 0, resume)) {
      const items = page.items.length > remaining ? page.items.slice(0, remaining) : page.items;
      remaining -= items.length;
      yield { ...page, items };
      if (remaining <= 0) return;
    }
  });
}
