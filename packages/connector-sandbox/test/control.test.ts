import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call } from './helpers.js';

type V1 = { totalCount: number; results: Array<Record<string, unknown>> };
const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function jc(o: Parameters<typeof startSandbox<'jumpcloud'>>[0] = { vendor: 'jumpcloud' }) {
  const s = await startSandbox({ ...o, vendor: 'jumpcloud' });
  opened.push(s);
  return { s, h: { 'x-api-key': s.credentials.apiKey }, users: `${s.url}/api/systemusers` };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('faults', () => {
  it('429 and 5xx faults in the vendor shapes, scripted as a sequence on a path', async () => {
    const { s, h, users } = await jc();
    s.control.fault({ kind: '429', path: '/api/systemusers', retryAfterSeconds: 7 });
    s.control.fault({ kind: '500', path: '/api/systemusers' });
    s.control.fault({ kind: '502', path: '/api/systemusers' });
    s.control.fault({ kind: '503', path: '/api/systemusers' });
    expect((await call(`${s.url}/api/v2/usergroups`, h)).status).toBe(200); // other path untouched
    const r429 = await call(users, h);
    expect(r429).toMatchObject({ status: 429, body: { message: 'Too Many Requests' } });
    expect(r429.headers.get('retry-after')).toBe('7');
    expect(await call(users, h)).toMatchObject({
      status: 500,
      body: { error: 'Internal Server Error' },
    });
    const r502 = await call(users, h);
    expect(r502.status).toBe(502);
    expect(r502.headers.get('content-type')).toMatch(/html/);
    expect((await call(users, h)).status).toBe(503);
    expect((await call(users, h)).status).toBe(200);
    expect(s.control.counters()).toMatchObject({
      rateLimited: 1,
      status: { '200': 2, '429': 1, '500': 1, '502': 1, '503': 1 },
    });
  });

  it('after and times: lets N through, then faults M times', async () => {
    const { s, h, users } = await jc();
    s.control.fault({ kind: '500', after: 2, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(users, h)).status);
    expect(statuses).toEqual([200, 200, 500, 500, 200]);
  });

  it('probability faults are seeded: same seed, same pattern', async () => {
    const pattern = async () => {
      const { s, h, users } = await jc({ vendor: 'jumpcloud', seed: 9 });
      s.control.fault({ kind: '503', probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await call(users, h)).status);
      return out;
    };
    const a = await pattern();
    expect(a).toContain(503);
    expect(a).toContain(200);
    expect(await pattern()).toEqual(a);
  });

  it('connection reset, truncated JSON and HTML page', async () => {
    const { s, h, users } = await jc();
    s.control.fault({ kind: 'reset' });
    await expect(fetch(users, { headers: h })).rejects.toThrow();
    s.control.fault({ kind: 'truncated' });
    const res = await fetch(users, { headers: h });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
    s.control.fault({ kind: 'html', status: 200 });
    const page = await call(users, h);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toMatch(/^<!DOCTYPE html>/);
    expect(s.control.counters().status.reset).toBe(1);
  });

  it('hang: no answer until the client gives up (or close())', async () => {
    const { s, h, users } = await jc();
    s.control.fault({ kind: 'hang' });
    const ac = new AbortController();
    const pending = fetch(users, { headers: h, signal: ac.signal });
    while (s.control.counters().status.hang !== 1) await tick();
    expect(s.control.counters().inFlight).toBe(1);
    ac.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    while (s.control.counters().inFlight !== 0) await tick();
  });

  it('schema drift renames or removes a field in every item', async () => {
    const { s, h, users } = await jc();
    s.control.fault({ kind: 'drift', drift: { rename: ['email', 'mail'], remove: 'username' } });
    const drifted = (await call(`${users}?limit=5`, h)).body as V1;
    for (const u of drifted.results) {
      expect(u).not.toHaveProperty('email');
      expect(u).not.toHaveProperty('username');
      expect(u.mail).toMatch(/@/);
    }
    expect(((await call(`${users}?limit=5`, h)).body as V1).results[0]).toHaveProperty('email');
  });
});

describe('latency, counters', () => {
  it('adds fixed latency plus seeded jitter through the injected clock, and tracks peak concurrency', async () => {
    const gates: Array<() => void> = [];
    const slept: number[] = [];
    const clock = {
      now: () => Date.now(),
      sleep: (ms: number) =>
        new Promise<void>((resolve) => {
          slept.push(ms);
          gates.push(resolve);
        }),
    };
    const { s, h, users } = await jc({
      vendor: 'jumpcloud',
      clock,
      latency: { fixedMs: 40, jitterMs: 20 },
    });
    const requests = Array.from({ length: 5 }, () => call(users, h));
    while (gates.length < 5) await tick();
    expect(s.control.counters().inFlight).toBe(5);
    for (const ms of slept) {
      expect(ms).toBeGreaterThanOrEqual(40);
      expect(ms).toBeLessThan(60);
    }
    for (const g of gates) g();
    await Promise.all(requests);
    expect(s.control.counters()).toMatchObject({
      requests: 5,
      peakConcurrency: 5,
      inFlight: 0,
      byPath: { '/api/systemusers': 5 },
    });
    s.control.resetCounters();
    expect(s.control.counters()).toMatchObject({ requests: 0, peakConcurrency: 0, byPath: {} });
    s.control.setLatency({});
    await call(users, h);
    expect(slept).toHaveLength(5);
  });
});

describe('mutations', () => {
  it('add, remove and update users between syncs', async () => {
    const { s, h, users } = await jc({ vendor: 'jumpcloud', size: { users: 20 } });
    const before = ((await call(`${users}?limit=100&sort=_id`, h)).body as V1).results;
    const added = s.control.addUsers(3);
    expect(added).toHaveLength(3);
    s.control.removeUsers([before[0]?._id as string, before[5]?._id as string]);
    s.control.updateUser(before[1]?._id as string, {
      email: 'changed@example.test',
      mfa: undefined,
    });
    const after = (await call(`${users}?limit=100&sort=_id`, h)).body as V1;
    expect(after.totalCount).toBe(21);
    const ids = after.results.map((u) => u._id);
    expect(ids).not.toContain(before[0]?._id);
    expect(ids.slice(-3)).toEqual(added.map((a) => a.id));
    expect(after.results.find((u) => u._id === before[1]?._id)?.email).toBe('changed@example.test');
    expect((await call(`${users}/${added[0]?.id}`, h)).body).toMatchObject({
      email: added[0]?.email,
    });
    expect((await call(`${users}/${before[0]?._id}`, h)).status).toBe(404);
    expect(() => s.control.updateUser('nope', {})).toThrow();
  });

  it('a change mid-sync: skip paging without sort misses a row, sort=_id does not', async () => {
    const { s, h, users } = await jc({ vendor: 'jumpcloud', size: { users: 30 } });
    const sync = async (sort: string) => {
      const seen = new Set<unknown>();
      for (let skip = 0; ; skip += 10) {
        const page = ((await call(`${users}?limit=10&skip=${skip}${sort}`, h)).body as V1).results;
        for (const u of page) seen.add(u._id);
        // While page 1 is being processed, an early row is edited (moves to the end in storage order).
        if (skip === 10) s.control.updateUser(page[0]?._id as string, { department: 'Moved' });
        if (page.length < 10) break;
      }
      return seen.size;
    };
    expect(await sync('&sort=_id')).toBe(30);
    const unsorted = await sync('');
    expect(unsorted).toBeLessThan(30);
  });

  it('hexnode and kandji mutations use their id kinds', async () => {
    const hx = await startSandbox({ vendor: 'hexnode', size: { users: 10 } });
    opened.push(hx);
    const [u] = hx.control.addUsers(1);
    expect(u?.id).toBe(11);
    hx.control.updateUser(11, { name: 'Renamed' });
    expect(
      (await call(`${hx.credentials.baseUrl}users/11/`, { Authorization: hx.credentials.apiKey }))
        .body,
    ).toMatchObject({ name: 'Renamed' });
    hx.control.removeUsers([11]);
    expect(
      (await call(`${hx.credentials.baseUrl}users/11/`, { Authorization: hx.credentials.apiKey }))
        .status,
    ).toBe(404);
    const kd = await startSandbox({ vendor: 'kandji', size: { users: 10 } });
    opened.push(kd);
    const [k] = kd.control.addUsers(1);
    expect(typeof k?.id).toBe('string');
    const first = (
      await call(`${kd.url}/api/v1/users`, { Authorization: `Bearer ${kd.credentials.apiToken}` })
    ).body as { results: Array<{ id: string }> };
    expect(first.results[0]?.id).toBe(k?.id); // newest first
  });
});

describe('determinism and isolation', () => {
  it('same seed → same data; different seed → different data; sandboxes run side by side', async () => {
    const page = async (seed: number) => {
      const { h, users } = await jc({ vendor: 'jumpcloud', seed, size: { users: 50 } });
      return ((await call(`${users}?limit=50&sort=_id`, h)).body as V1).results;
    };
    const [a, b, c] = await Promise.all([page(42), page(42), page(43)]);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(opened).toHaveLength(3);
    expect(new Set(opened.map((s) => s.url)).size).toBe(3);
  });

  it('one seed and email domain make one company: the same people, by email, in every vendor', async () => {
    const common = { seed: 9, emailDomain: 'acme.example', size: { users: 30 } };
    const open = async <V extends 'hexnode' | 'kandji' | 'jumpcloud'>(vendor: V) => {
      const s = await startSandbox({ vendor, ...common });
      opened.push(s);
      return s;
    };
    const [hx, kd, jcs] = await Promise.all([open('hexnode'), open('kandji'), open('jumpcloud')]);
    const emails = (items: Array<Record<string, unknown>>) =>
      new Set(items.flatMap((u) => (typeof u.email === 'string' ? [u.email] : [])));
    const hexnode = emails(
      (
        (
          await call(`${hx.url}/api/v1/users/?per_page=100`, {
            authorization: hx.credentials.apiKey,
          })
        ).body as { results: Array<Record<string, unknown>> }
      ).results,
    );
    const kandji = emails(
      (
        (
          await call(`${kd.url}/api/v1/users`, {
            authorization: `Bearer ${kd.credentials.apiToken}`,
          })
        ).body as { results: Array<Record<string, unknown>> }
      ).results,
    );
    const jumpcloud = emails(
      (
        (
          await call(`${jcs.url}/api/systemusers?limit=100&sort=_id`, {
            'x-api-key': jcs.credentials.apiKey,
          })
        ).body as V1
      ).results,
    );
    for (const set of [hexnode, kandji, jumpcloud]) {
      expect(set.size).toBeGreaterThanOrEqual(29); // Hexnode's Default User has no email
      for (const email of set) expect(email.endsWith('@acme.example')).toBe(true);
    }
    expect([...kandji].filter((e) => jumpcloud.has(e)).length).toBeGreaterThanOrEqual(29);
    expect([...hexnode].filter((e) => jumpcloud.has(e)).length).toBeGreaterThanOrEqual(28);
  });
});
