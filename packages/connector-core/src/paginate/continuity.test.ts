import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import { ConfigError, NotFoundError, PaginationError } from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import type { ConnectorEvent } from '../http/events.js';
import { createClockDriver } from '../testing/clock-driver.js';
import { compareIds, type UnprovenListing } from './continuity.js';
import type { ListingPosition } from './listing-position.js';
import { offset } from './offset.js';
import { pageNumber } from './page-number.js';
import { paginate } from './paginate.js';

const BASE = 'https://api.vendor.test';
const Item = v.object({ id: v.number() });
type Item = v.InferOutput<typeof Item>;
const OffsetPage = v.object({ total: v.number(), results: v.array(Item) });
const NumberPage = v.object({ count: v.number(), results: v.array(Item) });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client() {
  const clock = createManualClock();
  const driver = createClockDriver(clock);
  const events: ConnectorEvent[] = [];
  const http = createHttpClient({
    onEvent: (e) => events.push(e),
    vendor: 'acme',
    baseUrl: `${BASE}/v1/`,
    auth: bearer('secret-token'),
    clock,
    fetch: driver.fetch,
    mapError: (ctx) =>
      ctx.status === 404 ? new NotFoundError('Invalid page.', { vendor: 'acme' }) : undefined,
  });
  return { http, run: driver.run, events };
}

/** The query of a request nock hands over (the request itself or, in older versions, its path). */
function queryOf(request: unknown): URLSearchParams {
  const url =
    typeof request === 'string' ? new URL(request, BASE) : new URL((request as Request).url);
  return url.searchParams;
}

/** How a test server orders its rows: by id either way, or in no order at all. */
type Served = 'ascending' | 'descending' | 'shuffled';

/** A fixed permutation of `rows` (the same on every request, as a storage order would be). */
function shuffled(rows: number[]): number[] {
  return [...rows].sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009) || a - b);
}

/**
 * A server listing a mutable collection (ids ascending in `rows`, new ones at the end) by offset
 * or page number, served in `order`; `between` runs after every page is served, before the next
 * request can arrive.
 */
function server(
  n: number,
  between?: (rows: number[], served: number) => void,
  order: Served = 'ascending',
) {
  const rows = Array.from({ length: n }, (_, i) => i + 1);
  let nextId = n + 1;
  const requests: string[] = [];
  let served = 0;
  nock(BASE)
    .get('/v1/people')
    .query(true)
    .times(10_000)
    .reply((request: unknown) => {
      const q = queryOf(request);
      const size = Number(q.get('limit') ?? q.get('per_page'));
      const page = q.get('page');
      const start = page === null ? Number(q.get('offset')) : (Number(page) - 1) * size;
      requests.push(page === null ? `offset ${start}` : `page ${page}`);
      if (page !== null && start >= Math.max(rows.length, 1))
        return [404, { detail: 'Invalid page.' }];
      const view =
        order === 'ascending'
          ? rows
          : order === 'descending'
            ? [...rows].reverse()
            : shuffled(rows);
      const body = {
        total: rows.length,
        count: rows.length,
        results: view.slice(start, start + size).map((id) => ({ id })),
      };
      between?.(rows, ++served);
      return [200, body];
    });
  return {
    rows,
    requests,
    add: (k: number) => {
      for (let i = 0; i < k; i++) rows.push(nextId++);
    },
  };
}

/** Removes `k` rows from the front half of what is left (the rows most likely already read). */
function removeEarly(rows: number[], k: number, keep: Set<number>) {
  let removed = 0;
  for (let i = 0; i < rows.length && removed < k; i++) {
    if (keep.has(rows[i] as number)) continue;
    rows.splice(i, 1);
    removed++;
    i--;
  }
}

/**
 * A newest-first list of 300 rows whose 7 oldest leave and 5 new ones arrive (on page one, pushing
 * every row on) before every request; returns the rows that live throughout (201 to 300).
 */
function newestFirstChurn(): Set<number> {
  server(
    300,
    (rows) => {
      rows.splice(0, 7);
      for (let i = 0; i < 5; i++) rows.push((rows.at(-1) as number) + 1);
    },
    'descending',
  );
  return new Set(Array.from({ length: 100 }, (_, i) => i + 201));
}

/** Every unproven-listing notice a listing gave. */
const notices: UnprovenListing[] = [];
afterEach(() => {
  notices.length = 0;
});

const backward = (size: number) =>
  ({
    onUnproven: (n: UnprovenListing) => notices.push(n),
    path: 'people',
    page: NumberPage,
    items: (p: v.InferOutput<typeof NumberPage>) => p.results,
    strategy: pageNumber<v.InferOutput<typeof NumberPage>>({ size, total: (p) => p.count }),
    continuity: {
      mode: 'backward',
      id: (i: Item) => String(i.id),
      isVanishedPage: (e: unknown) => e instanceof NotFoundError,
    },
  }) as const;

const overlapping = (limit: number, concurrency = 1) =>
  ({
    onUnproven: (n: UnprovenListing) => notices.push(n),
    path: 'people',
    page: OffsetPage,
    items: (p: v.InferOutput<typeof OffsetPage>) => p.results,
    strategy: offset<v.InferOutput<typeof OffsetPage>>({
      limit,
      overlap: 1,
      total: (p) => p.total,
    }),
    concurrency,
    continuity: { mode: 'overlap', id: (i: Item) => String(i.id) },
  }) as const;

describe('paginate continuity: backward (page-number lists)', () => {
  it('lists every row once: the first page, then the last page down to the first', async () => {
    const s = server(250);
    const { http, run } = client();
    const got = await run(paginate(http, backward(100)).toArray());
    expect(got.map((i) => i.id).sort((a, b) => a - b)).toEqual(s.rows);
    expect(s.requests).toEqual(['page 1', 'page 3', 'page 2', 'page 1']);
  });

  it('spends one request on a list that fits one page', async () => {
    const s = server(40);
    const { http, run } = client();
    expect(await run(paginate(http, backward(100)).toArray())).toHaveLength(40);
    expect(s.requests).toEqual(['page 1']);
  });

  it('lists every row alive throughout while rows are added and removed before every request', async () => {
    // The rows never touched: everything else may go, and new rows keep arriving.
    const survivors = new Set(Array.from({ length: 300 }, (_, i) => i + 1).filter((id) => id % 3));
    server(300, (rows) => {
      removeEarly(rows, 7, survivors);
      for (let i = 0; i < 5; i++) rows.push(rows.length + 1000 + i);
    });
    const { http, run } = client();
    const got = (await run(paginate(http, backward(50)).toArray())).map((i) => i.id);
    expect(new Set(got).size).toBe(got.length); // each once
    for (const id of survivors) expect(got).toContain(id);
  });

  it('takes a page that vanished mid-list (404) as rows moved lower, not as the end', async () => {
    // After the first page, 60 rows on page 1 are deleted: page 3 of 3 no longer exists.
    let cut = false;
    const s = server(250, (rows) => {
      if (!cut) {
        cut = true;
        rows.splice(0, 60);
      }
    });
    const { http, run } = client();
    const got = (await run(paginate(http, backward(100)).toArray())).map((i) => i.id);
    const alive = Array.from({ length: 190 }, (_, i) => i + 61);
    expect(got.sort((a, b) => a - b)).toEqual([
      ...Array.from({ length: 60 }, (_, i) => i + 1),
      ...alive,
    ]);
    expect(s.requests).toEqual(['page 1', 'page 3', 'page 2', 'page 1']);
  });

  it('stops at maxItems', async () => {
    server(250);
    const { http, run } = client();
    expect(await run(paginate(http, { ...backward(100), maxItems: 150 }).toArray())).toHaveLength(
      150,
    );
  });

  it('fails rather than list short when a later page serves rows of the first page again', async () => {
    // Every page number answered with the first page (a server that ignores `page`, or repeats one).
    nock(BASE)
      .get('/v1/people')
      .query(true)
      .times(10)
      .reply(200, { count: 300, results: Array.from({ length: 100 }, (_, i) => ({ id: i + 1 })) });
    const { http, run } = client();
    const error = await run(paginate(http, backward(100)).toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ page: 2, vendor: 'acme', endpoint: 'GET /v1/people' });
    expect((error as Error).message).toMatch(/page 2 repeats rows of the first page/);
  });
});

describe('paginate continuity: backward, whatever order the vendor sends', () => {
  it('reads a newest-first list forward, each row once, proven', async () => {
    const s = server(250, undefined, 'descending');
    const { http, run } = client();
    const got = (await run(paginate(http, backward(100)).toArray())).map((i) => i.id);
    expect(got).toEqual([...s.rows].reverse());
    expect(s.requests).toEqual(['page 1', 'page 2', 'page 3']);
    expect(notices).toEqual([]);
  });

  it('lists every row alive throughout while newest rows arrive and oldest leave before every request', async () => {
    const survivors = newestFirstChurn();
    const { http, run } = client();
    const got = (await run(paginate(http, backward(50)).toArray())).map((i) => i.id);
    expect(new Set(got).size).toBe(got.length);
    expect([...survivors].filter((id) => !got.includes(id))).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('reports a newest-first read unproven when the list shrank ahead of it, and still lists what it saw', async () => {
    // The newest rows (already read) leave: the rows after them slide onto pages already read.
    const s = server(
      300,
      (rows, served) => {
        if (served === 1) rows.splice(-20, 20);
      },
      'descending',
    );
    const { http, run } = client();
    const got = (await run(paginate(http, backward(100)).toArray())).map((i) => i.id);
    expect(new Set(got).size).toBe(got.length);
    expect(got.length).toBe(280); // 20 rows slid past the page boundary unseen
    expect(notices).toEqual([
      {
        vendor: 'acme',
        endpoint: 'GET /v1/people',
        order: 'descending',
        reason: expect.stringMatching(/shrank between pages 0 and 1 of a newest-first read/),
      },
    ]);
    expect(s.requests).toEqual(['page 1', 'page 2', 'page 3']);
  });

  it('lists every row once, unproven, when the pages come in no order by id', async () => {
    const s = server(250, undefined, 'shuffled');
    const { http, run, events } = client();
    const got = (await run(paginate(http, backward(100)).toArray())).map((i) => i.id);
    expect([...got].sort((a, b) => a - b)).toEqual(s.rows);
    expect(notices).toMatchObject([{ order: 'none', reason: expect.stringMatching(/no order/) }]);
    expect(events.filter((e) => e.type === 'unproven-listing')).toHaveLength(1);
  });

  it('takes a single newest-first page as it comes', async () => {
    nock(BASE)
      .get('/v1/people')
      .query(true)
      .reply(200, { count: 2, results: [{ id: 2 }, { id: 1 }] });
    const { http, run } = client();
    const got = await run(paginate(http, backward(100)).toArray());
    expect(got).toEqual([{ id: 2 }, { id: 1 }]);
    expect(notices).toEqual([]);
  });
});

/**
 * Reads pages until `stopAfter` were taken, then stops as a crash would: the rows a position
 * covers are those of the pages taken before it was reported.
 */
async function cut(
  http: ReturnType<typeof client>['http'],
  run: ReturnType<typeof client>['run'],
  size: number,
  stopAfter: number,
) {
  const positions: ListingPosition[] = [];
  const ids: number[] = [];
  let pending: number[] = [];
  await run(
    (async () => {
      let taken = 0;
      for await (const page of paginate(http, {
        ...backward(size),
        onPosition: (p) => {
          positions.push(p);
          ids.push(...pending);
          pending = [];
        },
      }).pages()) {
        pending = page.items.map((i) => i.id);
        if (++taken === stopAfter) break;
      }
    })(),
  );
  return { positions, ids };
}

/** Reads a list of pages of 50 on from `position`, keeping the positions that read reports. */
async function resumeFrom(
  http: ReturnType<typeof client>['http'],
  run: ReturnType<typeof client>['run'],
  position: ListingPosition | undefined,
) {
  const positions: ListingPosition[] = [];
  const rest = await run(
    paginate(http, {
      ...backward(50),
      resume: position,
      onPosition: (p) => positions.push(p),
    }).toArray(),
  );
  return { rest, positions };
}

/**
 * Reads the rest of the list from the last position `first` reported: across both reads, each row
 * is listed once, and every one of `survivors` is.
 */
async function resumeListsOnce(
  http: ReturnType<typeof client>['http'],
  run: ReturnType<typeof client>['run'],
  first: Awaited<ReturnType<typeof cut>>,
  survivors: ReadonlySet<number>,
) {
  const { rest } = await resumeFrom(http, run, first.positions.at(-1));
  const all = [...first.ids, ...rest.map((i) => i.id)];
  expect(new Set(all).size).toBe(all.length); // each once
  for (const id of survivors) expect(all).toContain(id);
}

describe('paginate continuity: backward walks resumed from a position', () => {
  it('goes on where it stopped: one extra request for the plan, every row once across both', async () => {
    const s = server(1_000);
    const { http, run } = client();
    const first = await cut(http, run, 50, 11); // the first page and the last ten
    expect(s.requests).toHaveLength(11);
    // A position is reported when the consumer asks for the next page: the last one taken
    // (page 11) was cut off before that, so it is read again.
    const position = first.positions.at(-1);
    expect(position).toMatchObject({ mode: 'backward', next: 10, pages: 20 });
    s.requests.length = 0;
    const rest = await run(paginate(http, { ...backward(50), resume: position }).toArray());
    expect(s.requests).toEqual([
      'page 1',
      ...Array.from({ length: 11 }, (_, i) => `page ${11 - i}`),
    ]);
    const all = [...first.ids, ...rest.map((i) => i.id)];
    expect(all.sort((a, b) => a - b)).toEqual(s.rows);
  });

  it('lists every row alive throughout when rows come and go between the crash and the resume', async () => {
    const s = server(600);
    const { http, run } = client();
    const first = await cut(http, run, 50, 6);
    const survivors = new Set(s.rows.filter((id) => id % 4));
    removeEarly(s.rows, 30, survivors); // rows below the position shift into pages not read yet
    s.add(40);
    await resumeListsOnce(http, run, first, survivors);
  });

  it('starts over from a position of another listing or a damaged one', async () => {
    const s = server(300);
    const { http, run } = client();
    const first = await cut(http, run, 50, 3);
    s.requests.length = 0;
    // Another page size is another listing: its page numbers mean other rows.
    await run(paginate(http, { ...backward(100), resume: first.positions.at(-1) }).toArray());
    expect(s.requests).toEqual(['page 1', 'page 3', 'page 2', 'page 1']);
    s.requests.length = 0;
    await run(
      paginate(http, { ...backward(100), resume: { mode: 'backward', next: 'x' } }).toArray(),
    );
    expect(s.requests).toEqual(['page 1', 'page 3', 'page 2', 'page 1']);
  });
});

describe('paginate continuity: newest-first reads resumed from a position', () => {
  it('goes on at the next page: only the page cut off is read twice, every row once', async () => {
    const s = server(1_000, undefined, 'descending');
    const { http, run } = client();
    const first = await cut(http, run, 50, 11);
    expect(s.requests).toHaveLength(11);
    // The page taken last (page 11) was cut off before the consumer asked for more.
    expect(first.positions.at(-1)).toMatchObject({ mode: 'forward', next: 10, remaining: 10 });
    s.requests.length = 0;
    const { rest, positions: resumed } = await resumeFrom(http, run, first.positions.at(-1));
    expect(s.requests).toEqual(Array.from({ length: 10 }, (_, i) => `page ${11 + i}`));
    const all = [...first.ids, ...rest.map((i) => i.id)];
    expect(all.sort((a, b) => a - b)).toEqual(s.rows);
    expect(notices).toEqual([]);
    // Past the last page: a read resumed there has nothing left to ask for.
    expect(resumed.at(-1)).toMatchObject({ mode: 'forward', next: -1, remaining: 0 });
    s.requests.length = 0;
    const none = await run(paginate(http, { ...backward(50), resume: resumed.at(-1) }).toArray());
    expect([none, s.requests]).toEqual([[], []]);
  });

  it('lists every row alive throughout, proven, when the list grew between the crash and the resume', async () => {
    const s = server(600, undefined, 'descending');
    const { http, run } = client();
    const first = await cut(http, run, 50, 6); // rows 600 down to 351 taken
    const survivors = new Set(s.rows.filter((id) => id % 4));
    // Rows already read leave (pulling unread ones back) and more new ones arrive (pushing on).
    s.rows.splice(0, s.rows.length, ...s.rows.filter((id) => id <= 500 || id % 4));
    s.add(40);
    await resumeListsOnce(http, run, first, survivors);
    expect(notices).toEqual([]);
  });

  it('reports the resumed read unproven when the list shrank meanwhile, and so does a read resumed after it', async () => {
    const s = server(600, undefined, 'descending');
    const { http, run } = client();
    const first = await cut(http, run, 50, 6);
    s.rows.splice(570); // 30 of the rows read leave: unread ones slide back onto pages read
    const { rest, positions: resumed } = await resumeFrom(http, run, first.positions.at(-1));
    expect(rest.length).toBeGreaterThan(0);
    expect(notices).toEqual([
      expect.objectContaining({
        order: 'descending',
        reason: expect.stringMatching(/shrank between pages 4 and 5/),
      }),
    ]);
    // A position taken after that says so, and a read going on from it is unproven too.
    const later = resumed.at(-2);
    expect(later).toMatchObject({ unproven: notices[0]?.reason });
    notices.length = 0;
    await run(paginate(http, { ...backward(50), resume: later }).toArray());
    expect(notices.map((n) => n.reason)).toEqual([later?.unproven]);
  });
});

describe('paginate continuity: overlap (offset lists)', () => {
  it('overlaps pages by one row and returns every row once', async () => {
    const s = server(250);
    const { http, run } = client();
    const got = await run(paginate(http, overlapping(100)).toArray());
    expect(got.map((i) => i.id)).toEqual(s.rows);
    expect(s.requests).toEqual(['offset 0', 'offset 99', 'offset 198']);
  });

  it('re-reads when rows slid left mid-list, so no row alive throughout is lost', async () => {
    let removed = false;
    const s = server(300, (rows, served) => {
      if (served === 1 && !removed) {
        removed = true;
        rows.splice(10, 5);
      }
    });
    const { http, run } = client();
    const got = (await run(paginate(http, overlapping(100)).toArray())).map((i) => i.id);
    expect(got).toEqual(Array.from({ length: 300 }, (_, i) => i + 1)); // the deleted ones as read
    expect(s.requests.filter((r) => r === 'offset 0')).toHaveLength(2);
  });

  it('lists every row alive throughout while rows are added and removed before every request', async () => {
    const survivors = new Set(Array.from({ length: 300 }, (_, i) => i + 1).filter((id) => id % 2));
    let served = 0;
    const s = server(300, (rows) => {
      // A burst of changes early on, then quiet: a re-read pass can finish.
      if (++served > 4) return;
      removeEarly(rows, 3, survivors);
      s.add(2);
    });
    const { http, run } = client();
    const got = (await run(paginate(http, overlapping(50)).toArray())).map((i) => i.id);
    expect(new Set(got).size).toBe(got.length);
    for (const id of survivors) expect(got).toContain(id);
  });

  it('reports a list that keeps changing, retryable, instead of losing rows silently', async () => {
    const s = server(250, (rows) => {
      if (s.requests.at(-1) === 'offset 0') rows.splice(0, 3);
    });
    const { http, run } = client();
    const error = await run(paginate(http, overlapping(100)).toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).retryable).toBe(true);
    expect((error as Error).message).toMatch(/kept changing/);
  });

  it("with recover: 'backward', completes a list that changes before every request", async () => {
    const survivors = new Set(Array.from({ length: 600 }, (_, i) => i + 1).filter((id) => id % 3));
    const s = server(600, (rows) => {
      removeEarly(rows, 4, survivors); // never quiet: restarting passes would never finish
      s.add(2);
    });
    const { http, run } = client();
    const o = overlapping(50, 4);
    const list = paginate(http, { ...o, continuity: { ...o.continuity, recover: 'backward' } });
    const got = (await run(list.toArray())).map((i) => i.id);
    expect(new Set(got).size).toBe(got.length);
    expect([...survivors].filter((id) => !got.includes(id))).toEqual([]);
    // The first pass fetched ahead; the backward pass then read the first page twice, no more.
    expect(s.requests.filter((r) => r === 'offset 0').length).toBeLessThanOrEqual(3);
  });

  it("with recover: 'backward', takes the second page's overlap row as the overlap, not a repeat", async () => {
    // One removal after the first page, then quiet: the backward read's second page rightly
    // starts with its first page's last row.
    let removed = false;
    const s = server(300, (rows) => {
      if (!removed) {
        removed = true;
        rows.splice(10, 2);
      }
    });
    const { http, run } = client();
    const o = overlapping(100);
    const list = paginate(http, { ...o, continuity: { ...o.continuity, recover: 'backward' } });
    const got = (await run(list.toArray())).map((i) => i.id);
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(s.requests).toEqual([
      'offset 0',
      'offset 99',
      'offset 0',
      'offset 198',
      'offset 99',
      'offset 0',
    ]);
  });

  it('still fetches ahead concurrently once the total is known', async () => {
    const s = server(1000);
    const { http, run } = client();
    const got = await run(paginate(http, overlapping(100, 4)).toArray());
    expect(got.map((i) => i.id)).toEqual(s.rows);
    expect(s.requests).toHaveLength(11); // 1 + ceil(900 / 99)
  });

  it('reads a newest-first list with the same proof, each row once', async () => {
    const s = server(250, undefined, 'descending');
    const { http, run } = client();
    const got = await run(paginate(http, overlapping(100)).toArray());
    expect(got.map((i) => i.id)).toEqual([...s.rows].reverse());
    expect(notices).toEqual([]);
  });

  it('lists every row alive throughout a newest-first list as new rows push it on', async () => {
    const survivors = newestFirstChurn();
    const { http, run } = client();
    const got = (await run(paginate(http, overlapping(50)).toArray())).map((i) => i.id);
    expect(new Set(got).size).toBe(got.length);
    expect([...survivors].filter((id) => !got.includes(id))).toEqual([]);
    expect(notices).toEqual([]);
  });

  it.each([1, 4])(
    'steps back when rows slid back in a newest-first list (concurrency %d), so no row alive throughout is lost',
    async (concurrency) => {
      // The oldest rows (the end of a newest-first list) leave and new ones arrive before every
      // request: rows not read yet slide back past page starts.
      const survivors = new Set(
        Array.from({ length: 300 }, (_, i) => i + 1).filter((id) => id % 3),
      );
      const s = server(
        300,
        (rows) => {
          removeEarly(rows, 7, survivors);
          s.add(5);
        },
        'descending',
      );
      const { http, run } = client();
      const got = (await run(paginate(http, overlapping(50, concurrency)).toArray())).map(
        (i) => i.id,
      );
      expect(new Set(got).size).toBe(got.length);
      expect([...survivors].filter((id) => !got.includes(id))).toEqual([]);
      expect(notices).toEqual([]);
      expect(s.requests.length).toBeLessThan(40); // about twice the honest 7, and read-ahead
    },
  );

  it('lists every row once, unproven, when the pages come in no order by id', async () => {
    const s = server(250, undefined, 'shuffled');
    const { http, run } = client();
    const got = (await run(paginate(http, overlapping(100)).toArray())).map((i) => i.id);
    expect([...got].sort((a, b) => a - b)).toEqual(s.rows);
    expect(notices).toMatchObject([{ order: 'none' }]);
  });

  it('goes on, unproven, when the order breaks part way (rows moved to the end of storage order)', async () => {
    // Sorted, except that a few early rows were changed and moved to the end.
    const moved = [5, 17, 42];
    const rows = Array.from({ length: 250 }, (_, i) => i + 1).filter((id) => !moved.includes(id));
    nock(BASE)
      .get('/v1/people')
      .query(true)
      .times(10)
      .reply((request: unknown) => {
        const start = Number(queryOf(request).get('offset'));
        const view = [...rows, ...moved];
        return [200, { total: 250, results: view.slice(start, start + 100).map((id) => ({ id })) }];
      });
    const { http, run } = client();
    const got = (await run(paginate(http, overlapping(100)).toArray())).map((i) => i.id);
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(notices).toMatchObject([
      { order: 'ascending', reason: expect.stringMatching(/page 2/) },
    ]);
  });

  it('stops with PaginationError when the server ignores skip, instead of listing the first page only', async () => {
    nock(BASE)
      .get('/v1/people')
      .query(true)
      .times(10)
      .reply(200, { total: 250, results: Array.from({ length: 100 }, (_, i) => ({ id: i + 1 })) });
    const { http, run } = client();
    const error = await run(paginate(http, overlapping(100)).toArray()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ page: 1 });
  });

  it('refuses a strategy whose pages do not overlap', () => {
    const { http } = client();
    expect(() => paginate(http, { ...overlapping(100), strategy: offset({ limit: 100 }) })).toThrow(
      ConfigError,
    );
  });
});

describe('compareIds', () => {
  it('orders decimal and fixed-length hex ids as servers sort them', () => {
    expect(['10', '9', '100', '11'].sort(compareIds)).toEqual(['9', '10', '11', '100']);
    expect(compareIds('5f00000000000000000000aa', '5f00000000000000000000ab')).toBeLessThan(0);
  });
});
