import { afterEach, describe, expect, it } from 'vitest';
import { pagingFaultsFor } from '../src/control/paging-faults.js';
import {
  SANDBOX_VENDOR_NAMES,
  type Sandbox,
  startSandbox,
  type VendorFacts,
} from '../src/index.js';
import { SANDBOX_VENDORS } from '../src/vendors/registry.js';
import { call } from './helpers.js';
import { walkUsers } from './walk-users.js';

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

  it('bad-total on a list that states no total is reported as not applied, never served quietly', async () => {
    const s = await open('jumpcloud');
    const h = { 'x-api-key': s.credentials.apiKey };
    // A v2 list's total is in x-total-count: not where the users list's facts say a total is.
    s.control.fault({ kind: 'bad-total', total: 2.5, path: '/usergroups' });
    const res = await call(`${s.url}/api/v2/usergroups?limit=5`, h);
    expect(res.headers.get('x-total-count')).toBe('12');
    expect(s.control.faultReport()[0]).toMatchObject({ taken: 1, applied: 0 });
    expect(s.control.faultReport()[0]?.missed).toMatch(/holds no page of the list at results/);
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

describe('hostile paging faults on Okta (bare arrays, the Link header, no total)', () => {
  async function okta(users = 250) {
    const s = await startSandbox({ vendor: 'okta', size: { users }, limits: false });
    opened.push(s);
    const h = { authorization: `SSWS ${s.credentials.apiToken}` };
    const get = async (url: string) => {
      const res = await call(url, h);
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      return { ids: (res.body as Array<{ id: string }>).map((u) => u.id), next };
    };
    return { s, get, first: `${s.url}/api/v1/users?limit=100` };
  }

  it('growing-total: the last page links back to the first under a fresh after cursor', async () => {
    const { s, get, first } = await okta();
    const start = await get(first);
    s.control.fault({ kind: 'growing-total', path: '/api/v1/users', times: 100 });
    let page = start;
    for (let i = 0; i < 2; i++) page = await get(page.next as string);
    expect(new URL(page.next as string).searchParams.get('after')).toMatch(/^hostile-/);
    expect((await get(page.next as string)).ids).toEqual(start.ids);
    expect(s.control.faultReport()[0]?.applied).toBeGreaterThan(0);
  });

  it('ignore-position: an after cursor is answered with the first page', async () => {
    const { s, get, first } = await okta();
    const start = await get(first);
    s.control.fault({ kind: 'ignore-position', path: '/api/v1/users' });
    expect((await get(start.next as string)).ids).toEqual(start.ids);
    expect(s.control.faultReport()[0]).toMatchObject({ taken: 1, applied: 1 });
  });

  it('oversized-page: fifty times the limit asked for, in the bare array', async () => {
    const { s, get } = await okta(30);
    s.control.fault({ kind: 'oversized-page', path: '/api/v1/users' });
    expect((await get(`${s.url}/api/v1/users?limit=4`)).ids).toHaveLength(200);
  });

  it('bad-total and overfull-page: Okta states no total, so neither can be applied and both say so', async () => {
    const { s, get, first } = await okta();
    s.control.fault({ kind: 'bad-total', total: 0, path: '/api/v1/users' });
    s.control.fault({ kind: 'overfull-page', path: '/api/v1/users' });
    await get(first);
    await get(first);
    const report = s.control.faultReport();
    expect(report.map((r) => [r.taken, r.applied])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(pagingFaultsFor(SANDBOX_VENDORS.okta.facts)).toEqual([
      'growing-total',
      'ignore-position',
      'oversized-page',
    ]);
  });
});

describe('every vendor: the hostile-paging faults its facts allow are applied', () => {
  for (const vendor of SANDBOX_VENDOR_NAMES) {
    const { facts } = SANDBOX_VENDORS[vendor] as unknown as { facts: VendorFacts<unknown> };
    it.each(pagingFaultsFor(facts))(`${vendor}: %s`, async (kind) => {
      // Several pages for every vendor (Kandji's hold 300 users whatever is asked).
      const s = await startSandbox({ vendor, size: { users: 700 }, limits: false });
      opened.push(s);
      s.control.fault({ kind, path: facts.usersPath, times: 1_000 });
      await walkUsers(vendor, s, { pages: 8 });
      const [report] = s.control.faultReport();
      expect(report?.taken).toBeGreaterThan(0);
      expect(report?.applied, report?.missed).toBeGreaterThan(0);
    });
  }
});
