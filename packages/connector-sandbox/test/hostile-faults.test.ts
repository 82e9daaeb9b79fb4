import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call } from './helpers.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function kandji(users = 30) {
  const s = await startSandbox({ vendor: 'kandji', size: { users } });
  opened.push(s);
  const h = { authorization: `Bearer ${s.credentials.apiToken}` };
  return { s, h, users: `${s.url}/api/v1/users?limit=10` };
}

type UserPage = { next: string | null; results: Array<{ id: string }> };

describe('hostile faults', () => {
  it('drip: sends the body one byte at a time, intact', async () => {
    const { s, h, users } = await kandji();
    const id = ((await call(users, h)).body as UserPage).results[0]?.id;
    const one = `${s.url}/api/v1/users/${id}`;
    const normal = await call(one, h);
    s.control.fault({ kind: 'drip', path: '/api/v1/users' });
    const res = await fetch(one, { headers: h });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let chunks = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += Buffer.from(value).toString();
    }
    expect(text).toBe(normal.text);
    expect(chunks).toBeGreaterThan(normal.text.length / 4);
  });

  it('huge-body: streams as many bytes as asked, made on demand', async () => {
    const { s, h, users } = await kandji();
    const bytes = 4 * 1024 * 1024;
    s.control.fault({ kind: 'huge-body', bytes });
    const res = await fetch(users, { headers: h });
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(body.length).toBe(bytes + 2);
    expect(body.subarray(0, 12).toString()).toBe('{"results":[');
    expect(JSON.parse(body.toString())).toEqual({ results: [] });
  });

  it('endless-pages: every page announces another and repeats the first page', async () => {
    const { s, h, users } = await kandji();
    const first = (await call(users, h)).body as UserPage;
    s.control.fault({ kind: 'endless-pages', path: '/api/v1/users', times: 1_000 });
    let url = users;
    const links = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const page = (await call(url, h)).body as UserPage;
      expect(page.results.map((u) => u.id)).toEqual(first.results.map((u) => u.id));
      expect(page.next).not.toBeNull();
      links.add(page.next as string);
      url = page.next as string;
    }
    expect(links.size).toBe(8);
  });

  it('repeat-cursor: a page links back to itself', async () => {
    const { s, h, users } = await kandji(700);
    const first = (await call(users, h)).body as UserPage;
    s.control.fault({ kind: 'repeat-cursor', path: '/api/v1/users' });
    // Kandji's links name its public host; the cursor is what matters.
    const second = (await call(`${s.url}/api/v1/users${new URL(first.next as string).search}`, h))
      .body as UserPage;
    expect(new URL(second.next as string).search).toBe(new URL(first.next as string).search);
  });

  it.each([
    ['prefix', (k: string) => k.slice(0, 12)],
    ['suffix', (k: string) => k.slice(-12)],
    ['base64', (k: string) => Buffer.from(k).toString('base64').slice(0, 16)],
  ] as const)('secret-echo: a 401 echoes the %s of the credential', async (piece, expected) => {
    const { s, h, users } = await kandji();
    s.control.fault({ kind: 'secret-echo', echo: { piece } });
    const res = await call(users, h);
    expect(res.status).toBe(401);
    expect(res.text).toContain(expected(s.credentials.apiToken));
    expect(res.text).not.toContain(s.credentials.apiToken);
  });

  it.each([
    ['huge', '1000000000'],
    ['past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['garbage', 'soon, maybe'],
  ] as const)('retry-after: a 429 whose Retry-After is %s', async (retryAfter, header) => {
    const { s, h, users } = await kandji();
    s.control.fault({ kind: 'retry-after', retryAfter });
    const res = await call(users, h);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(header);
    expect((await call(users, h)).status).toBe(200);
  });

  it('secret-echo: any status, the whole credential late in a long message, and in headers', async () => {
    const { s, h, users } = await kandji();
    s.control.fault({
      kind: 'secret-echo',
      retryAfterSeconds: 9,
      echo: { piece: 'whole', status: 429, headers: true },
    });
    const res = await call(users, h);
    const token = s.credentials.apiToken;
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('9');
    expect((res.body as { detail: string }).detail).toMatch(new RegExp(`x{170}${token}$`));
    expect(res.headers.get('www-authenticate')).toContain(token);
    expect(res.headers.get('set-cookie')).toContain(token);
  });

  it('secret-echo: json-escaped sends every character as a \\u escape', async () => {
    const { s, h, users } = await kandji();
    s.control.fault({ kind: 'secret-echo', echo: { piece: 'json-escaped', status: 400 } });
    const res = await call(users, h);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(s.credentials.apiToken);
    expect(res.text).toContain('\\u00');
    expect((res.body as { detail: string }).detail).toContain(s.credentials.apiToken);
  });

  it('redirect: a 302 to the given location', async () => {
    const { s, h, users } = await kandji();
    s.control.fault({ kind: 'redirect', location: 'http://127.0.0.1:9/steal' });
    const res = await fetch(users, { headers: h, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://127.0.0.1:9/steal');
  });

  it('drift: set gives fields new values', async () => {
    const { s, h, users } = await kandji();
    s.control.fault({ kind: 'drift', drift: { set: { email: { token: 'x' } } } });
    const page = (await call(users, h)).body as { results: Array<{ email: unknown }> };
    expect(page.results.length).toBeGreaterThan(0);
    for (const u of page.results) expect(u.email).toEqual({ token: 'x' });
  });

  it('repeat-cursor and endless-pages on a skip list (JumpCloud): a page served again', async () => {
    const s = await startSandbox({ vendor: 'jumpcloud', size: { users: 30 } });
    opened.push(s);
    const h = { 'x-api-key': s.credentials.apiKey };
    const page = async (skip: number) =>
      (await call(`${s.url}/api/systemusers?limit=10&skip=${skip}&sort=_id`, h)).body as {
        totalCount: number;
        results: Array<{ _id: string }>;
      };
    const ids = async (skip: number) => (await page(skip)).results.map((u) => u._id);
    const [first, second] = [await ids(0), await ids(10)];
    expect(first).not.toEqual(second);
    s.control.fault({ kind: 'repeat-cursor', path: '/api/systemusers' });
    expect(await ids(20)).toEqual(second); // the page before, again
    s.control.fault({ kind: 'endless-pages', path: '/api/systemusers', times: 2 });
    const endless = await page(20);
    expect(endless.results.map((u) => u._id)).toEqual(first);
    expect(endless.totalCount).toBe(30);
    expect(await ids(30)).toEqual(first); // past the total, still full
  });
  it('repeat-cursor on a page-number list (Hexnode): the page before again, linking to itself', async () => {
    const s = await startSandbox({ vendor: 'hexnode', size: { users: 30 }, limits: false });
    opened.push(s);
    const h = { authorization: s.credentials.apiKey };
    const page = async (n: number) =>
      (await call(`${s.credentials.baseUrl}users/?per_page=10&page=${n}`, h)).body as {
        next: string | null;
        results: Array<{ id: number }>;
      };
    const first = await page(1);
    s.control.fault({ kind: 'repeat-cursor', path: '/api/v1/users/' });
    const second = await page(2);
    expect(second.results.map((u) => u.id)).toEqual(first.results.map((u) => u.id));
    expect(new URL(second.next as string).searchParams.get('page')).toBe('2');
  });

  it('secret-echo: each status says what that status means', async () => {
    const { s, h, users } = await kandji();
    s.control.fault({ kind: 'secret-echo', echo: { status: 403 } });
    const res = await call(users, h);
    expect(res.status).toBe(403);
    expect((res.body as { detail: string }).detail).toMatch(/^You do not have permission/);
  });
});

describe('control.users()', () => {
  it.each(['hexnode', 'kandji', 'jumpcloud'] as const)(
    '%s: every current user, mutations included',
    async (vendor) => {
      const s = await startSandbox({ vendor, size: { users: 12 } });
      opened.push(s);
      const before = s.control.users();
      expect(before).toHaveLength(12);
      expect(new Set(before.map((u) => u.id)).size).toBe(12);
      const [added] = s.control.addUsers(1);
      s.control.removeUsers([before[3]?.id as string | number]);
      const after = s.control.users();
      expect(after).toHaveLength(12);
      expect(after.map((u) => u.id)).toContain(added?.id);
      expect(after.map((u) => u.id)).not.toContain(before[3]?.id);
    },
  );
});
