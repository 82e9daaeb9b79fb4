import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { PaginationError } from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import { cursor } from './cursor.js';
import { repeatGuard, totalGuard } from './guards.js';
import { nextLink } from './next-link.js';
import { offset } from './offset.js';
import { pageNumber } from './page-number.js';
import { paginate } from './paginate.js';

const BASE = 'https://api.vendor.test';
const Item = v.object({ id: v.number() });
const Page = v.object({
  count: v.number(),
  next: v.nullable(v.string()),
  results: v.array(Item),
});
type Page = v.InferOutput<typeof Page>;
let served = 0;
const ids = (n: number) => Array.from({ length: n }, () => ({ id: ++served }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  served = 0;
});

const http = () =>
  createHttpClient({ vendor: 'acme', baseUrl: `${BASE}/api/`, clock: createManualClock() });

/**
 * A server whose every page says "more", with fresh items, `size` of them after the first; its
 * count is `count`, or grows by `growth` with every page.
 */
function endless(
  count: number,
  first: number,
  size: number,
  next = () => `${BASE}/api/u?page=2`,
  growth = 0,
) {
  let n = 0;
  return nock(BASE)
    .get('/api/u')
    .query(true)
    .times(1_000)
    .reply(() => [
      200,
      { count: count + growth * n, next: next(), results: ids(n++ === 0 ? first : size) },
    ]);
}

const numbered = (o: { position?: boolean } = {}) => {
  const strategy = pageNumber<Page>({ size: 100, total: (p) => p.count, hasMore: () => true });
  return o.position === false ? { ...strategy, position: undefined } : strategy;
};

async function drain(p: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of p);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('endless listings', () => {
  it('stop at a page that reaches past the total it reports', async () => {
    endless(250, 100, 100);
    const error = await drain(
      paginate(http(), { path: 'u', page: Page, items: (p) => p.results, strategy: numbered() }),
    );
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'acme', endpoint: 'GET /api/u', page: 2 });
    expect((error as Error).message).toBe(
      'acme GET /api/u: page 2 holds 100 items from position 200, past the total of 250 it reports',
    );
    expect(served).toBe(300);
  });

  it('stop a total that grows with every page at the first total plus a stated margin', async () => {
    endless(250, 100, 100, undefined, 100);
    const error = await drain(
      paginate(http(), { path: 'u', page: Page, items: (p) => p.results, strategy: numbered() }),
    );
    expect(error).toMatchObject({ page: 2 });
    expect((error as Error).message).toMatch(
      /page 2 reports a total of 450, past the first page's total of 250 plus a margin of 100/,
    );
  });

  it('stop at the page cap the total implies when pages shrink to one item', async () => {
    endless(250, 100, 1);
    const error = await drain(
      paginate(http(), {
        path: 'u',
        page: Page,
        items: (p) => p.results,
        strategy: numbered({ position: false }),
      }),
    );
    expect((error as Error).message).toMatch(/past the cap of 18/);
  });

  it.each([
    [-1, 'reports a total of -1, which is no count of items'],
    [2.5, 'reports a total of 2.5, which is no count of items'],
    [0, 'holds 100 items from position 0, past the total of 0 it reports'],
    [100, 'announces another page, but the total of 100 it reports ends with this one'],
  ])('stop at a page whose count of %d does not add up', async (count, problem) => {
    endless(count, 100, 100);
    const error = await drain(
      paginate(http(), { path: 'u', page: Page, items: (p) => p.results, strategy: numbered() }),
    );
    expect(error).toMatchObject({ page: 0, message: `acme GET /api/u: page 0 ${problem}` });
  });

  it('refuse a page far larger than asked for', async () => {
    endless(250, 201, 100);
    const error = await drain(
      paginate(http(), { path: 'u', page: Page, items: (p) => p.results, strategy: numbered() }),
    );
    expect((error as Error).message).toBe(
      'acme GET /api/u: page 0 holds 201 items, far more than the 100 asked for',
    );
  });

  it('stop an offset listing that keeps returning full pages past its total', async () => {
    endless(250, 100, 100);
    const error = await drain(
      paginate(http(), {
        path: 'u',
        page: Page,
        items: (p) => p.results,
        // A total the strategy does not stop on (as when a vendor's count lies low).
        strategy: {
          ...offset<Page>({ limit: 100 }),
          plan: () => ({ pages: 1, total: 250, at: () => ({ key: 'x' }) }),
        },
      }),
    );
    expect(error).toBeInstanceOf(PaginationError);
  });

  it('never stop a listing whose pages overlap by one, as JumpCloud is read', () => {
    const guard = totalGuard(1_000, 100);
    let reason: string | undefined;
    for (let i = 0; i < 11 && !reason; i++) reason = guard.observe(i, 100);
    expect(reason).toBeUndefined();
  });
});

describe('repeats and unusable next links', () => {
  it('a next link that comes back stops the listing (every strategy keys its position)', async () => {
    const links = ['?cursor=a', '?cursor=b', '?cursor=a'];
    let i = 0;
    endless(0, 1, 1, () => links[i++ % links.length] as string);
    const error = await drain(
      paginate(http(), {
        path: 'u',
        page: Page,
        items: (p) => p.results,
        strategy: nextLink<Page>({ next: (p) => p.next }),
      }),
    );
    expect((error as Error).message).toMatch(/repeats an earlier cursor or link/);
  });

  it('a cursor loop longer than the values remembered exactly stops the listing too', async () => {
    // 200 distinct cursors, then the first again: past the 64 the guard holds one by one.
    let i = 0;
    endless(0, 1, 1, () => `c${i++ % 200}`);
    const error = await drain(
      paginate(http(), {
        path: 'u',
        page: Page,
        items: (p) => p.results,
        strategy: cursor<Page>({ read: (p) => p.next, send: { query: 'cursor' } }),
      }),
    );
    expect((error as Error).message).toMatch(/repeats an earlier cursor or link/);
    expect(served).toBeLessThan(3 * 200 + 64); // within about twice the loop after it starts
  });

  it('a repeated cursor stops the listing', async () => {
    endless(0, 1, 1, () => 'same');
    const error = await drain(
      paginate(http(), {
        path: 'u',
        page: Page,
        items: (p) => p.results,
        strategy: cursor<Page>({ read: (p) => p.next, send: { query: 'cursor' } }),
      }),
    );
    expect(error).toBeInstanceOf(PaginationError);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)//?cursor=x'],
    ['data:', 'data:text/plain,?cursor=x'],
    ['a link without its cursor', `${BASE}/api/u`],
    ['a link with only foreign parameters', `${BASE}/api/u?page_size=100`],
  ])('%s next link is a PaginationError, never the end and never a restart', async (_n, link) => {
    endless(0, 3, 3, () => link);
    const items: unknown[] = [];
    const error = await (async () => {
      for await (const item of paginate(http(), {
        path: 'u',
        page: Page,
        items: (p) => p.results,
        strategy: nextLink<Page>({ next: (p) => p.next, params: ['cursor'] }),
      }))
        items.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'acme' });
    expect((error as Error).message).toMatch(/next link/);
    expect(items).toHaveLength(3);
    expect(served).toBe(3); // one request only: page one was not fetched again
  });
});

describe('a total that grows while the list is read', () => {
  it('allows for users added while it runs, within a tenth of the first total', () => {
    const guard = totalGuard(2_000, 100);
    let reason: string | undefined;
    for (let i = 0; i < 21 && !reason; i++) reason = guard.observe(i, 100, 2_000 + i * 9);
    expect(reason).toBeUndefined();
  });

  it('stops at a page whose total passed the first one plus the margin', () => {
    const guard = totalGuard(2_000, 100);
    expect(guard.observe(0, 100, 2_000)).toBeUndefined();
    expect(guard.observe(1, 100, 2_201)).toBe(
      "page 1 reports a total of 2201, past the first page's total of 2000 plus a margin of 200; stopping a listing that keeps growing",
    );
  });
});

describe('repeatGuard', () => {
  it('holds at most its window and one kept value, however long the listing', () => {
    const guard = repeatGuard(64);
    for (let i = 0; i < 10_000; i++) expect(guard.repeats(`page:${i}`)).toBe(false);
    expect(guard.remembered).toBeLessThanOrEqual(65);
  });

  it('catches a loop within its window at the first repeat', () => {
    const guard = repeatGuard(4);
    expect(['a', 'b', 'c'].map((x) => guard.repeats(x))).toEqual([false, false, false]);
    expect(guard.repeats('b')).toBe(true);
  });

  it.each([5, 17, 100, 1_000])(
    'catches a loop of %i values after a lead-in, with a window of 4',
    (length) => {
      const guard = repeatGuard(4);
      for (let i = 0; i < 37; i++) expect(guard.repeats(`lead:${i}`)).toBe(false);
      const bound = 2 * (37 + length) + length;
      let steps = 0;
      while (steps < bound && !guard.repeats(`loop:${steps % length}`)) steps++;
      expect(steps).toBeGreaterThanOrEqual(length); // no value repeated before the loop closed
      expect(steps).toBeLessThan(bound);
    },
  );
});
