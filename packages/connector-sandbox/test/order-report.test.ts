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

  it('an honoured order overrides nothing', async () => {
    const s = await startSandbox({ vendor: 'jumpcloud', size: { users: 5 } });
    opened.push(s);
    await call(`${s.url}/api/systemusers?sort=_id`, { 'x-api-key': s.credentials.apiKey });
    expect(s.control.orderReport()).toEqual([
      { path: '/api/systemusers', policy: 'honoured', asked: 1, overridden: 0 },
    ]);
  });
});

/** A Hexnode connector that never asks for an order: page numbers, `next` until null. */
function unsorted(baseUrl: string, apiKey: string, fetchFn: typeof fetch): Connector {
  return {
    vendor: 'hexnode',
    name: 'unsorted',
    verify: () => Promise.reject(new Error('not used')),
    accounts: async function* () {
      for (let page = 1; ; page++) {
        const res = await fetchFn(`${baseUrl}users/?per_page=100&page=${page}`, {
          headers: { authorization: apiKey },
        });
        const body = (await res.json()) as {
          next: string | null;
          results: Array<{ id: number; email: string | null; name: string }>;
        };
        for (const u of body.results) {
          if (!u.email) continue;
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
  it('fail as "suite could not inject" when no users-list request asked for a sort', async () => {
    const [first] = conformanceCases({
      vendor: 'hexnode',
      connect: (c, o) => unsorted(c.baseUrl, c.apiKey, o.fetch ?? fetch),
    }).filter((c) => c.name.startsWith('requested order'));
    const error = await first?.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SuiteInjectionError);
    expect(String((error as Error).message)).toMatch(
      /^suite could not inject order ignored on .*no users-list request asked for a sort \(order_by\)/,
    );
  });
});
