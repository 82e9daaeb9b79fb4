import { PaginationError } from '@org/connector-core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorOnManualClock, objectIds, urlOf } from '../../test/helpers/drive.js';

const BASE = 'https://console.jumpcloud.com';
const KEY = 'jc-key-0123456789';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

interface FakeUser {
  _id: string;
  email: string;
}

/** A /api/systemusers that pages a mutable array with skip/limit, sorted by _id. */
function fakeUsers(initial: FakeUser[], onPage?: (skip: number, users: FakeUser[]) => void) {
  const users = [...initial];
  const skips: number[] = [];
  nock(BASE)
    .get('/api/systemusers')
    .query(true)
    .times(1000)
    .reply((uri: string) => {
      const q = urlOf(uri).searchParams;
      expect(q.get('sort')).toBe('_id');
      const skip = Number(q.get('skip'));
      const limit = Number(q.get('limit'));
      skips.push(skip);
      users.sort((a, b) => (a._id < b._id ? -1 : 1));
      const body = { totalCount: users.length, results: users.slice(skip, skip + limit) };
      onPage?.(skip, users);
      return [200, body];
    });
  return { users, skips };
}

const make = (ids: string[]): FakeUser[] =>
  ids.map((id, i) => ({ _id: id, email: `u${i}@example.com` }));

/** Users served in the order of `ids` (whatever `sort` asks), each page stating `totalCount`. */
function servesInOrder(ids: string[], totalCount: number) {
  nock(BASE)
    .get('/api/systemusers')
    .query(true)
    .times(5)
    .reply((uri: string) => {
      const skip = Number(urlOf(uri).searchParams.get('skip'));
      return [200, { totalCount, results: make(ids.slice(skip, skip + 100)) }];
    });
}

describe('skip paging (v1, sort=_id)', () => {
  it('overlaps pages by one row and returns every user once', async () => {
    const ids = objectIds(250);
    const fake = fakeUsers(make(ids));
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const users = await collect(jc.users.list());
    expect(users.map((u) => u._id)).toEqual(ids);
    expect(fake.skips.sort((a, b) => a - b)).toEqual([0, 99, 198]);
  });

  it('asks once more when the last page ends exactly at the total, which must hold only the overlap', async () => {
    const fake = fakeUsers(make(objectIds(199)));
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    expect(await collect(jc.users.list())).toHaveLength(199);
    expect(fake.skips.sort((a, b) => a - b)).toEqual([0, 99, 198]);
  });

  it('stops with a PaginationError naming the page when totalCount is too low (100 of 250)', async () => {
    servesInOrder(objectIds(250), 100);
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, concurrency: 1 });
    const error = await collect(jc.users.list()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ vendor: 'jumpcloud', endpoint: 'GET /api/systemusers', page: 1 });
    expect((error as Error).message).toMatch(
      /page 1 holds 100 items from position 99, past the total of 100 it reports/,
    );
  });

  it('re-reads when rows were removed mid-sync, so no user present throughout is lost', async () => {
    const ids = objectIds(300);
    let removed = false;
    const fake = fakeUsers(make(ids), (skip, users) => {
      // After page 0 is served, 5 users it held are deleted: later rows shift left by 5.
      if (skip === 0 && !removed) {
        removed = true;
        users.splice(10, 5);
      }
    });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, concurrency: 1 });
    const got = (await collect(jc.users.list())).map((u) => u._id);
    expect(new Set(got).size).toBe(got.length); // no duplicates
    const survivors = ids.filter((_, i) => i < 10 || i >= 15);
    expect(got).toEqual(expect.arrayContaining(survivors));
    // The deleted users were read before their deletion; nothing else is invented.
    expect(got).toHaveLength(300);
    // Page 1 finds the shift; the rest is read backward: the first page, then the last page
    // down to the first again.
    expect(fake.skips).toEqual([0, 99, 0, 198, 99, 0]);
  });

  it('returns users added at the end during the sync, without a second pass', async () => {
    const ids = objectIds(150);
    let added = false;
    const fake = fakeUsers(make(ids), (skip, users) => {
      if (skip === 0 && !added) {
        added = true;
        users.push(...make(objectIds(60, '5f99')));
      }
    });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const got = await collect(jc.users.list());
    expect(got).toHaveLength(210);
    expect(new Set(got.map((u) => u._id)).size).toBe(210);
    expect(fake.skips.filter((s) => s === 0)).toHaveLength(1);
  });

  it('lists every user present throughout even when the list changes before every request', async () => {
    const ids = objectIds(250);
    const removed = new Set<string>();
    fakeUsers(make(ids), (_skip, users) => {
      // The lowest rows go first: the most shifting there is for skip paging.
      for (const u of users.splice(0, 3)) removed.add(u._id);
    });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, concurrency: 1 });
    const got = (await collect(jc.users.list())).map((u) => u._id);
    expect(new Set(got).size).toBe(got.length);
    expect(ids.filter((id) => !removed.has(id) && !got.includes(id))).toEqual([]);
  });

  it('reads every user once when the server sends them newest first, whatever was asked', async () => {
    const newestFirst = objectIds(250).reverse();
    servesInOrder(newestFirst, 250);
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, concurrency: 1 });
    expect((await collect(jc.users.list())).map((u) => u._id)).toEqual(newestFirst);
  });

  it('re-reads after a shift and yields only the users after the last one yielded', async () => {
    const ids = objectIds(400);
    let removed = false;
    const fake = fakeUsers(make(ids), (skip, users) => {
      if (skip === 198 && !removed) {
        removed = true;
        users.splice(150, 2); // two users already read are deleted right after page 2 is served
      }
    });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY, concurrency: 1 });
    const got = (await collect(jc.users.list())).map((u) => u._id);
    // Every user once, the deleted ones as read before; in id order up to the shift.
    expect(got.slice(0, 297)).toEqual(ids.slice(0, 297));
    expect([...got].sort()).toEqual(ids);
    // Page 3 finds the shift and is not used; the rest is read backward, yielding only users
    // after the last one yielded: the first page, then the last page down to the first.
    expect(fake.skips).toEqual([0, 99, 198, 297, 0, 396, 297, 198, 99, 0]);
  });

  it('fetches later pages concurrently once the total is known, within the limiter', async () => {
    const ids = objectIds(1000);
    const fake = fakeUsers(make(ids));
    let inFlight = 0;
    let peak = 0;
    const { jc, collect } = connectorOnManualClock({
      apiKey: KEY,
      concurrency: 4,
      onEvent: (e) => {
        if (e.type === 'request') peak = Math.max(peak, ++inFlight);
        if (e.type === 'response') inFlight--;
      },
    });
    const got = await collect(jc.users.list());
    expect(got.map((u) => u._id)).toEqual(ids);
    expect(fake.skips).toHaveLength(11); // 1 + ceil(900 / 99)
    expect(peak).toBe(4);
  });
});

describe('skip paging (v2, no sort on the route)', () => {
  it('pages members without overlap and de-duplicates them', async () => {
    const members = objectIds(150).map((id) => ({ to: { id, type: 'user' } }));
    const skips: number[] = [];
    nock(BASE)
      .get('/api/v2/usergroups/g1/members')
      .query(true)
      .times(3)
      .reply((uri: string) => {
        const q = urlOf(uri).searchParams;
        expect(q.has('sort')).toBe(false);
        const skip = Number(q.get('skip'));
        skips.push(skip);
        // A row repeated across pages (data shifted right) is dropped.
        // A row added before page 2 was asked for pushed it on by one.
        const page = members.slice(skip, skip + 100);
        if (skip === 100) page.unshift(members[99] as (typeof members)[number]);
        const total = members.length + (skip === 100 ? 1 : 0);
        return [200, page, { 'x-total-count': String(total) }];
      });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const got = await collect(jc.userGroups.members('g1'));
    expect(got.map((m) => m.to.id)).toEqual(members.map((m) => m.to.id));
    expect(skips.sort((a, b) => a - b)).toEqual([0, 100]);
  });
});
