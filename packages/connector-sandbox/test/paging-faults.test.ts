import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call } from './helpers.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function open<V extends 'hexnode' | 'kandji' | 'jumpcloud'>(vendor: V, users = 250) {
  // Kandji's `next` links name the sandbox itself here, so they can be followed as they are.
  const s = (await startSandbox({
    vendor,
    size: { users },
    limits: false,
    quirks: { nextHost: false },
  })) as Sandbox<V>;
  opened.push(s);
  return s;
}

type DrfPage = { count: number; next: string | null; results: Array<{ id: number }> };
type V1Page = { totalCount: number; results: Array<{ _id: string }> };
type CursorPage = { next: string | null; results: Array<{ id: string }> };

describe('hostile paging faults', () => {
  it('bad-total: states the total it is given, on a Hexnode count with its next link kept', async () => {
    const s = await open('hexnode');
    const h = { authorization: s.credentials.apiKey };
    s.control.fault({ kind: 'bad-total', total: 100, path: '/users/' });
    const page = (await call(`${s.credentials.baseUrl}users/?per_page=100&order_by=id`, h))
      .body as DrfPage;
    expect(page.count).toBe(100);
    expect(page.next).toMatch(/page=2/);
    expect(page.results).toHaveLength(100);
    s.control.fault({ kind: 'bad-total', total: -1, path: '/users/' });
    const v = (await call(`${s.credentials.baseUrl}users/?per_page=100`, h)).body as DrfPage;
    expect(v.count).toBe(-1);
  });

  it('bad-total: states a JumpCloud v2 total in x-total-count', async () => {
    const s = await open('jumpcloud');
    const h = { 'x-api-key': s.credentials.apiKey };
    s.control.fault({ kind: 'bad-total', total: 2.5, path: '/usergroups' });
    const res = await call(`${s.url}/api/v2/usergroups?limit=5`, h);
    expect(res.headers.get('x-total-count')).toBe('2.5');
  });

  it('growing-total: a JumpCloud total that grows by a page per reply, every page full', async () => {
    const s = await open('jumpcloud');
    const h = { 'x-api-key': s.credentials.apiKey };
    s.control.fault({ kind: 'growing-total', path: '/systemusers', times: 100 });
    const totals: number[] = [];
    for (let skip = 0; skip <= 600; skip += 100) {
      const page = (await call(`${s.url}/api/systemusers?limit=100&skip=${skip}&sort=_id`, h))
        .body as V1Page;
      totals.push(page.totalCount);
      expect(page.results).toHaveLength(100);
    }
    expect(totals).toEqual([250, 350, 450, 550, 650, 750, 850]);
  });

  it('growing-total: a cursor list whose last page links back to its start', async () => {
    const s = await open('kandji', 350);
    const h = { authorization: `Bearer ${s.credentials.apiToken}` };
    s.control.fault({ kind: 'growing-total', path: '/api/v1/users', times: 100 });
    const first = (await call(`${s.url}/api/v1/users`, h)).body as CursorPage;
    const second = (await call(first.next as string, h)).body as CursorPage;
    expect(second.next).toMatch(/cursor=hostile-/);
    const third = (await call(second.next as string, h)).body as CursorPage;
    expect(third.results.map((u) => u.id)).toEqual(first.results.map((u) => u.id));
  });

  it('ignore-position: every page is the first one', async () => {
    const s = await open('jumpcloud');
    const h = { 'x-api-key': s.credentials.apiKey };
    const first = (await call(`${s.url}/api/systemusers?limit=100&skip=0&sort=_id`, h))
      .body as V1Page;
    s.control.fault({ kind: 'ignore-position', path: '/systemusers' });
    const later = (await call(`${s.url}/api/systemusers?limit=100&skip=200&sort=_id`, h))
      .body as V1Page;
    expect(later.results).toEqual(first.results);
  });

  it('overfull-page: the last page holds more than the total allows at its position', async () => {
    const s = await open('jumpcloud');
    const h = { 'x-api-key': s.credentials.apiKey };
    s.control.fault({ kind: 'overfull-page', path: '/systemusers', extra: 10 });
    const last = (await call(`${s.url}/api/systemusers?limit=100&skip=200&sort=_id`, h))
      .body as V1Page;
    expect(last.totalCount).toBe(250);
    expect(last.results).toHaveLength(60); // 50 real, 10 from the start again
  });

  it('oversized-page: a page far larger than asked, of invalid items if asked', async () => {
    const s = await open('hexnode', 30);
    const h = { authorization: s.credentials.apiKey };
    s.control.fault({ kind: 'oversized-page', path: '/users/' });
    const big = (await call(`${s.credentials.baseUrl}users/?per_page=10`, h)).body as DrfPage;
    expect(big.results).toHaveLength(500);
    s.control.fault({ kind: 'oversized-page', path: '/users/', items: 3, invalid: true });
    const bad = (await call(`${s.credentials.baseUrl}users/?per_page=10`, h)).body as DrfPage;
    expect(bad.results).toEqual([{}, {}, {}]);
  });
});
