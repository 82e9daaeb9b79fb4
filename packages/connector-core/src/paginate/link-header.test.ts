import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import { PaginationError } from '../errors/errors.js';
import { createHttpClient } from '../http/client.js';
import { createClockDriver } from '../testing/clock-driver.js';
import { findLink, linkHeader, parseLinkHeader } from './link-header.js';
import { paginate } from './paginate.js';

const BASE = 'https://acme.okta.test';
const Item = v.object({ id: v.number() });
const Page = v.array(Item);
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function listing(o: Parameters<typeof linkHeader>[0] = { params: ['after'] }) {
  const clock = createManualClock();
  const driver = createClockDriver(clock);
  const http = createHttpClient({
    vendor: 'okta',
    baseUrl: `${BASE}/api/v1/`,
    auth: authorizationHeader('tok-secret-123', { scheme: 'SSWS' }),
    clock,
    fetch: driver.fetch,
    retry: { limit: 0 },
  });
  const users = paginate(http, {
    path: 'users',
    query: { limit: 2 },
    page: Page,
    items: (p) => p,
    strategy: linkHeader<v.InferOutput<typeof Page>>(o),
  });
  return { users, driver };
}

describe('parseLinkHeader (RFC 8288)', () => {
  it('reads several links, quoted and token values, several rels, commas inside targets and quotes', () => {
    const links = parseLinkHeader(
      '<https://a.test/x?after=1,2&limit=2>; rel="self", <https://a.test/x?after=3>; rel="prev next"; title="a, \\"b\\"", </x?after=4>;REL=last',
    );
    expect(links).toEqual([
      { target: 'https://a.test/x?after=1,2&limit=2', params: { rel: 'self' } },
      { target: 'https://a.test/x?after=3', params: { rel: 'prev next', title: 'a, "b"' } },
      { target: '/x?after=4', params: { rel: 'last' } },
    ]);
  });

  it('skips what is no link and keeps the first rel of a link', () => {
    expect(parseLinkHeader('garbage, <u>; rel=next; rel=prev, <unterminated')).toEqual([
      { target: 'u', params: { rel: 'next' } },
    ]);
    expect(findLink('<a>; rel="self", <b>; rel="NEXT"', 'next')).toBe('b');
    expect(findLink('<a>; rel="nextish"', 'next')).toBeUndefined();
    expect(findLink(null, 'next')).toBeUndefined();
  });
});

describe('linkHeader paging', () => {
  it('follows rel="next" until there is none; the link host gets nothing and only `after` is carried', async () => {
    const foreign = nock('https://evil.test').get(/.*/).reply(200, []);
    nock(BASE, { reqheaders: { authorization: 'SSWS tok-secret-123' } })
      .get('/api/v1/users')
      .query({ limit: '2' })
      .reply(200, ids(1, 2), {
        link: `<${BASE}/api/v1/users?limit=2>; rel="self", <https://evil.test/api/v1/users?after=c2&limit=2&token=x>; rel="next"`,
      });
    nock(BASE, { reqheaders: { authorization: 'SSWS tok-secret-123' } })
      .get('/api/v1/users')
      .query({ limit: '2', after: 'c2' })
      .reply(200, ids(3, 1), { link: `<${BASE}/api/v1/users?after=c2&limit=2>; rel="self"` });
    const { users, driver } = listing();
    expect((await driver.run(users.toArray())).map((u) => u.id)).toEqual([1, 2, 3]);
    expect(foreign.isDone()).toBe(false);
    expect(driver.sent.map((r) => r.url.origin)).toEqual([BASE, BASE]);
    expect(driver.sent[1]?.url.searchParams.has('token')).toBe(false);
  });

  it('a next link that repeats stops with a PaginationError, not a loop', async () => {
    const link = { link: `<${BASE}/api/v1/users?after=same&limit=2>; rel="next"` };
    nock(BASE).get('/api/v1/users').query({ limit: '2' }).reply(200, ids(1, 2), link);
    nock(BASE)
      .get('/api/v1/users')
      .query({ limit: '2', after: 'same' })
      .times(2)
      .reply(200, ids(3, 2), link);
    const { users, driver } = listing();
    await expect(driver.run(users.toArray())).rejects.toThrow(PaginationError);
  });

  it('a next link that is not http(s), or moves nothing, is a PaginationError, never the end', async () => {
    for (const bad of ['javascript:alert(1)', `${BASE}/api/v1/users`]) {
      nock(BASE)
        .get('/api/v1/users')
        .query({ limit: '2' })
        .reply(200, ids(1, 2), { link: `<${bad}>; rel="next"` });
      const { users, driver } = listing();
      await expect(driver.run(users.toArray())).rejects.toThrow(/next link/);
    }
  });
});
