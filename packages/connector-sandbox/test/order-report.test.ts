import type { Connector, SaasAccount } from '@org/connector-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { conformanceCases, SuiteInjectionError } from '../src/testing.js';
import { call } from './helpers.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('control.orderReport()', () => {
  it('counts the requests that asked for a sort, and those the policy served otherwise', async () => {
    const s = await startSandbox({ vendor: 'hexnode', size: { users: 30 }, order: 'ignored' });
    opened.push(s);
    const h = { authorization: s.credentials.apiKey };
    const ids = async (query: string) =>
      (
        (await call(`${s.credentials.baseUrl}users/?per_page=10${query}`, h)).body as {
          results: Array<{ id: number }>;
        }
      ).results.map((u) => u.id);
    const asked = await ids('&order_by=id');
    expect(asked[0]).toBeGreaterThan(asked[1] as number); // newest first, whatever was asked
    await ids('');
    expect(s.control.orderReport()).toEqual([
      { path: '/api/v1/users/', policy: 'ignored', asked: 1, overridden: 1 },
    ]);
  });

  it('an ignored sort by id is no override while storage order is still id order', async () => {
    const s = await startSandbox({ vendor: 'jumpcloud', size: { users: 5 }, order: 'ignored' });
    opened.push(s);
    const get = () =>
      call(`${s.url}/api/systemusers?sort=_id`, { 'x-api-key': s.credentials.apiKey });
    await get();
    s.control.addUsers(2); // added at the end: still id order
    await get();
    expect(s.control.orderReport()[0]).toMatchObject({ asked: 2, overridden: 0 });
    s.control.updateUser(String(s.control.users()[0]?.id), { department: 'moved' });
    await get();
    expect(s.control.orderReport()[0]).toMatchObject({ asked: 3, overridden: 1 });
  });

  it('an honoured order overrides nothing', async () => {
    const s = await startSandbox({ vendor: 'jumpcloud', size: { users: 5 } });
    opened.push(s);
    await call(`${s.url}/api/systemusers?sort=_id`, { 'x-api-key': s.credentials.apiKey });
    expect(s.control.orderReport()).toEqual([
      { path: '/api/systemusers', policy: 'honoured', asked: 1, overridden: 0 },
    ]);
  });
});

/**
 * A Hexnode connector that asks for the portal's own order, newest first (`order_by=-id`), and
 * reads it forward, skipping users it has seen: under users added (at the front) and removed
 * (the oldest, at the back) it lists everyone, so its case passes whatever the policy does.
 */
function newestFirst(baseUrl: string, apiKey: string, fetchFn: typeof fetch): Connector {
  return {
    vendor: 'hexnode',
    name: 'newest-first',
    verify: () => Promise.reject(new Error('not used')),
    accounts: async function* () {
      const seen = new Set<number>();
      for (let page = 1; ; page++) {
        const res = await fetchFn(`${baseUrl}users/?per_page=100&page=${page}&order_by=-id`, {
          headers: { authorization: apiKey },
        });
        const body = (await res.json()) as {
          next: string | null;
          results: Array<{ id: number; email: string | null; name: string }>;
        };
        for (const u of body.results) {
          if (!u.email || seen.has(u.id)) continue;
          seen.add(u.id);
          const account: SaasAccount = {
            vendor: 'hexnode',
            connection: 'unsorted',
            id: String(u.id),
            email: u.email,
            name: u.name,
            status: 'active',
            createdAt: undefined,
            raw: u,
          };
          yield account;
        }
        if (body.next === null) return;
      }
    },
  };
}

describe('the requested-order cases', () => {
  it('fail as "suite could not inject" when a passing case was served the order it asked', async () => {
    // Ignoring a sort of newest first serves newest first: the order asked, so nothing was tested.
    const [first] = conformanceCases({
      vendor: 'hexnode',
      connect: (c, o) => newestFirst(c.baseUrl, c.apiKey, o.fetch ?? fetch),
    }).filter((c) => c.name.startsWith('requested order: the vendor ignores it; with users'));
    const error = await first?.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SuiteInjectionError);
    expect(String((error as Error).message)).toMatch(
      /^suite could not inject order ignored on .*no users-list request was served in another order than its order_by asked/,
    );
  });
});
