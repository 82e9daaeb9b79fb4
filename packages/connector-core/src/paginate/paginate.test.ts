import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHeader, bearer } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import { AbortError, PaginationError } from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import type { ConnectorEvent } from '../http/events.js';
import { createClockDriver } from '../testing/clock-driver.js';
import { cursor } from './cursor.js';
import { nextLink } from './next-link.js';
import { offset } from './offset.js';
import { pageNumber } from './page-number.js';
import { paginate } from './paginate.js';

const BASE = 'https://api.vendor.test';
const Item = v.object({ id: v.number() });
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client(auth = bearer('secret-token')) {
  const clock = createManualClock();
  const driver = createClockDriver(clock);
  const events: ConnectorEvent[] = [];
  const http = createHttpClient({
    vendor: 'acme',
    baseUrl: `${BASE}/api/v1/`,
    auth,
    clock,
    fetch: driver.fetch,
    onEvent: (e) => events.push(e),
  });
  return { http, events, driver };
}

/** `things`, paged by a `cursor` the body carries (`null` on the last page). */
const CursorPage = v.object({ data: v.array(Item), cursor: v.nullable(v.string()) });
const cursorListing = (http: ReturnType<typeof client>['http']) =>
  paginate(http, {
    path: 'things',
    page: CursorPage,
    items: (p) => p.data,
    strategy: cursor<v.InferOutput<typeof CursorPage>>({
      read: (p) => p.cursor,
      send: { query: 'cursor' },
    }),
  });

describe('paginate', () => {
  it('pageNumber: walks to the last page using `next` (Hexnode)', async () => {
    const Page = v.object({
      count: v.number(),
      next: v.nullable(v.string()),
      results: v.array(Item),
    });
    for (let p = 1; p <= 3; p++) {
      nock(BASE)
        .get('/api/v1/users/')
        .query({ page: String(p), per_page: '2' })
        .reply(200, {
          count: 5,
          next: p < 3 ? `${BASE}/api/v1/users/?page=${p + 1}` : null,
          results: ids(p * 2 - 1, p < 3 ? 2 : 1),
        });
    }
    const { http, events } = client();
    const users = paginate(http, {
      path: 'users/',
      page: Page,
      items: (p) => p.results,
      strategy: pageNumber<v.InferOutput<typeof Page>>({
        size: 2,
        hasMore: (p) => p.next !== null,
      }),
    });
    expect((await users.toArray()).map((u) => u.id)).toEqual([1, 2, 3, 4, 5]);
    expect(events.filter((e) => e.type === 'page')).toHaveLength(3);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('offset: total in a header, pages fetched concurrently, items in order (Kandji, JumpCloud v2)', async () => {
    const Page = v.array(Item);
    for (let off = 0; off < 10; off += 3) {
      nock(BASE)
        .get('/api/v1/devices')
        .query({ limit: '3', offset: String(off) })
        .reply(200, ids(off, Math.min(3, 10 - off)), { 'x-total-count': '10' });
    }
    const { http } = client();
    const devices = paginate(http, {
      path: 'devices',
      page: Page,
      items: (p) => p,
      concurrency: 3,
      strategy: offset({
        limit: 3,
        total: (_p, h) => Number(h.get('x-total-count') ?? Number.NaN) || undefined,
      }),
    });
    const pages = [];
    for await (const page of devices.pages()) pages.push(page);
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(ids(0, 10).map((i) => i.id));
    expect(pages[0]?.total).toBe(10);
  });

  it('offset: skip paging with totalCount in the body stops on a short page and drops repeats', async () => {
    const Page = v.object({ totalCount: v.number(), results: v.array(Item) });
    nock(BASE)
      .get('/api/v1/systemusers')
      .query({ limit: '2', skip: '0' })
      .reply(200, { totalCount: 5, results: ids(1, 2) });
    // an item was inserted meanwhile: id 2 shifts onto the next page
    nock(BASE)
      .get('/api/v1/systemusers')
      .query({ limit: '2', skip: '2' })
      .reply(200, { totalCount: 6, results: [{ id: 2 }, { id: 3 }] });
    nock(BASE)
      .get('/api/v1/systemusers')
      .query({ limit: '2', skip: '4' })
      .reply(200, { totalCount: 6, results: ids(4, 1) });
    const { http } = client();
    const users = paginate(http, {
      path: 'systemusers',
      page: Page,
      items: (p) => p.results,
      dedupeBy: (u) => String(u.id),
      strategy: offset<v.InferOutput<typeof Page>>({
        limit: 2,
        offsetParam: 'skip',
        total: (p) => p.totalCount,
      }),
    });
    expect((await users.toArray()).map((u) => u.id)).toEqual([1, 2, 3, 4]);
  });

  it('reports the total on every page also when pages are read one at a time', async () => {
    const Page = v.object({ totalCount: v.number(), results: v.array(Item) });
    for (const skip of [0, 2]) {
      nock(BASE)
        .get('/api/v1/systemusers')
        .query({ limit: '2', skip: String(skip) })
        .reply(200, { totalCount: 3, results: ids(skip + 1, Math.min(2, 3 - skip)) });
    }
    const { http } = client();
    const pages = [];
    for await (const page of paginate(http, {
      path: 'systemusers',
      page: Page,
      items: (p) => p.results,
      strategy: offset<v.InferOutput<typeof Page>>({
        limit: 2,
        offsetParam: 'skip',
        total: (p) => p.totalCount,
      }),
    }).pages())
      pages.push(page);
    expect(pages.map((p) => [p.items.length, p.total])).toEqual([
      [2, 3],
      [1, 3],
    ]);
  });

  it('cursor: search_after from a header sent back in a POST body (Directory Insights)', async () => {
    const Page = v.array(Item);
    nock(BASE)
      .post('/api/v1/events', { service: ['all'], limit: 2 })
      .reply(200, ids(1, 2), {
        'x-result-count': '2',
        'x-limit': '2',
        'x-search_after': '[1576181718000,"abc"]',
      });
    nock(BASE)
      .post('/api/v1/events', { service: ['all'], limit: 2, search_after: [1576181718000, 'abc'] })
      .reply(200, ids(3, 1), {
        'x-result-count': '1',
        'x-limit': '2',
        'x-search_after': '[1576181719000,"def"]',
      });
    const { http } = client();
    const events = paginate(http, {
      path: 'events',
      method: 'POST',
      body: { service: ['all'], limit: 2 },
      page: Page,
      items: (p) => p,
      strategy: cursor({
        read: (_p, h) => JSON.parse(h.get('x-search_after') ?? 'null'),
        send: { body: 'search_after' },
        hasMore: (_p, h) => Number(h.get('x-result-count')) >= Number(h.get('x-limit')),
      }),
    });
    expect((await events.toArray()).map((e) => e.id)).toEqual([1, 2, 3]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('cursor: token in the body sent as a query parameter', async () => {
    const Page = v.object({ data: v.array(Item), cursor: v.nullable(v.string()) });
    nock(BASE)
      .get('/api/v1/things')
      .reply(200, { data: ids(1, 1), cursor: 'c1' });
    nock(BASE)
      .get('/api/v1/things')
      .query({ cursor: 'c1' })
      .reply(200, { data: ids(2, 1), cursor: null });
    const { http } = client();
    const things = paginate(http, {
      path: 'things',
      page: Page,
      items: (p) => p.data,
      strategy: cursor<v.InferOutput<typeof Page>>({
        read: (p) => p.cursor,
        send: { query: 'cursor' },
      }),
    });
    expect((await things.toArray()).map((e) => e.id)).toEqual([1, 2]);
  });

  it('nextLink: a next URL naming another host is re-applied to the configured base; the host gets nothing', async () => {
    const Page = v.object({ results: v.array(Item), next: v.nullable(v.string()) });
    const foreign = nock('https://tenant.other-host.test')
      .get(/.*/)
      .reply(200, { results: [], next: null });
    nock(BASE, { reqheaders: { 'x-api-key': 'k-secret' } })
      .get('/api/v1/users')
      .query({ limit: '2' })
      .reply(200, {
        results: ids(1, 2),
        next: 'https://tenant.other-host.test/api/v1/users?cursor=abc&limit=2',
      });
    nock(BASE, { reqheaders: { 'x-api-key': 'k-secret' } })
      .get('/api/v1/users')
      .query({ cursor: 'abc', limit: '2' })
      .reply(200, { results: ids(3, 1), next: null });
    const { http } = client(apiKeyHeader('x-api-key', 'k-secret'));
    const users = paginate(http, {
      path: 'users',
      query: { limit: 2 },
      page: Page,
      items: (p) => p.results,
      strategy: nextLink<v.InferOutput<typeof Page>>({ next: (p) => p.next }),
    });
    expect((await users.toArray()).map((u) => u.id)).toEqual([1, 2, 3]);
    expect(foreign.isDone()).toBe(false);
  });

  it('asks for the next page while the consumer still reads this one', async () => {
    let askedForSecond: () => void = () => {};
    const secondAsked = new Promise<void>((resolve) => {
      askedForSecond = resolve;
    });
    nock(BASE)
      .get('/api/v1/things')
      .reply(200, { data: ids(1, 2), cursor: 'b' });
    nock(BASE)
      .get('/api/v1/things')
      .query({ cursor: 'b' })
      .reply(() => {
        askedForSecond();
        return [200, { data: ids(3, 2), cursor: 'c' }];
      });
    nock(BASE)
      .get('/api/v1/things')
      .query({ cursor: 'c' })
      .reply(200, { data: ids(5, 1), cursor: null });
    const { http } = client();
    const seen: number[] = [];
    for await (const item of cursorListing(http)) {
      // Still on the first page: the second is asked for already (without it this never resolves).
      if (item.id === 1) await secondAsked;
      seen.push(item.id);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  }, 5_000); // a listing that waits for the consumer before asking never gets here

  it('cancels the page asked for ahead when the consumer stops', async () => {
    nock(BASE)
      .get('/api/v1/things')
      .reply(200, { data: ids(1, 2), cursor: 'b' });
    const second = nock(BASE)
      .get('/api/v1/things')
      .query({ cursor: 'b' })
      .reply(200, { data: ids(3, 2), cursor: null });
    const { http, events } = client();
    for await (const item of cursorListing(http)) {
      if (item.id === 1) break;
    }
    // The request ahead was started, then aborted with the listing: no page event, no error.
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      events.filter((e) => e.type === 'page').map((e) => (e as { page: number }).page),
    ).toEqual([0]);
    expect(second.isDone()).toBe(false);
  });

  it('detects a repeated cursor and fails with PaginationError', async () => {
    const Page = v.object({ data: v.array(Item), cursor: v.string() });
    nock(BASE)
      .get('/api/v1/things')
      .reply(200, { data: ids(1, 1), cursor: 'same' });
    nock(BASE)
      .get('/api/v1/things')
      .query({ cursor: 'same' })
      .reply(200, { data: ids(2, 1), cursor: 'same' });
    nock(BASE)
      .get('/api/v1/things')
      .query({ cursor: 'same' })
      .reply(200, { data: ids(3, 1), cursor: 'same' });
    const { http } = client();
    const things = paginate(http, {
      path: 'things',
      page: Page,
      items: (p) => p.data,
      strategy: cursor<v.InferOutput<typeof Page>>({
        read: (p) => p.cursor,
        send: { query: 'cursor' },
      }),
    });
    await expect(things.toArray()).rejects.toBeInstanceOf(PaginationError);
  });

  it('detects a server that ignores the offset (identical pages)', async () => {
    nock(BASE).get('/api/v1/devices').query(true).times(3).reply(200, ids(1, 2));
    const { http } = client();
    const devices = paginate(http, {
      path: 'devices',
      page: v.array(Item),
      items: (p) => p,
      strategy: offset({ limit: 2 }),
    });
    const error = await devices.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).message).toMatch(/identical/);
  });

  it('tells pages apart by the ids of their ends when the list has ids', async () => {
    // Same ends, different middles: by ids these are one page seen twice.
    nock(BASE).get('/api/v1/devices').query({ limit: '3', offset: '0' }).reply(200, ids(1, 3));
    nock(BASE)
      .get('/api/v1/devices')
      .query({ limit: '3', offset: '3' })
      .reply(200, [{ id: 1 }, { id: 9 }, { id: 3 }]);
    const { http } = client();
    const list = (id?: (item: { id: number }) => string) =>
      paginate(http, {
        path: 'devices',
        page: v.array(Item),
        items: (p) => p,
        strategy: offset({ limit: 3 }),
        id,
      });
    const error = await list((d) => String(d.id))
      .toArray()
      .catch((e: unknown) => e);
    expect((error as PaginationError).message).toMatch(/identical/);
    // Different ends are different pages, with or without ids.
    nock(BASE).get('/api/v1/devices').query({ limit: '3', offset: '0' }).reply(200, ids(1, 3));
    nock(BASE).get('/api/v1/devices').query({ limit: '3', offset: '3' }).reply(200, ids(4, 2));
    expect(await list((d) => String(d.id)).toArray()).toHaveLength(5);
  });

  it('stops at maxItems and toArray({ max }) without fetching more pages', async () => {
    nock(BASE).get('/api/v1/devices').query({ limit: '2', offset: '0' }).reply(200, ids(1, 2));
    nock(BASE).get('/api/v1/devices').query({ limit: '2', offset: '2' }).reply(200, ids(3, 2));
    const { http } = client();
    const list = () =>
      paginate(http, {
        path: 'devices',
        page: v.array(Item),
        items: (p) => p,
        strategy: offset({ limit: 2 }),
        maxItems: 3,
      });
    expect((await list().toArray()).map((d) => d.id)).toEqual([1, 2, 3]);
    nock(BASE).get('/api/v1/devices').query({ limit: '2', offset: '0' }).reply(200, ids(1, 2));
    expect((await list().toArray({ max: 1 })).map((d) => d.id)).toEqual([1]);
  });

  it('aborts in the middle of a pagination', async () => {
    nock(BASE).get('/api/v1/devices').query({ limit: '2', offset: '0' }).reply(200, ids(1, 2));
    nock(BASE).get('/api/v1/devices').query({ limit: '2', offset: '2' }).reply(200, ids(3, 2));
    const later = nock(BASE)
      .get('/api/v1/devices')
      .query({ limit: '2', offset: '4' })
      .reply(200, ids(5, 2));
    const ac = new AbortController();
    const { http } = client();
    const seen: number[] = [];
    const run = async () => {
      for await (const d of paginate(http, {
        path: 'devices',
        page: v.array(Item),
        items: (p) => p,
        strategy: offset({ limit: 2 }),
        signal: ac.signal,
      })) {
        seen.push(d.id);
        if (d.id === 3) ac.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(later.isDone()).toBe(false);
  });

  it('keeps read-ahead bounded by concurrency', async () => {
    let requested = 0;
    // The last page ends exactly at the total, so one more (empty) page confirms the total.
    for (let off = 0; off <= 20; off += 2) {
      nock(BASE)
        .get('/api/v1/devices')
        .query({ limit: '2', offset: String(off) })
        .reply(() => {
          requested++;
          return [200, off < 20 ? ids(off, 2) : [], { 'x-total-count': '20' }];
        });
    }
    const { http } = client();
    const pages = paginate(http, {
      path: 'devices',
      page: v.array(Item),
      items: (p) => p,
      concurrency: 2,
      strategy: offset({ limit: 2, total: (_p, h) => Number(h.get('x-total-count')) }),
    }).pages();
    let count = 0;
    for await (const _ of pages) {
      count++;
      // The consumer is slow; the listing fetches at most `concurrency` pages ahead of it.
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(requested).toBeLessThanOrEqual(count + 2);
    }
    expect(count).toBe(11);
    expect(requested).toBe(11);
  });
});
