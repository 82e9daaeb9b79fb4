import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { bearer } from '../auth/static-auth.js';
import { createManualClock } from '../clock/manual-clock.js';
import { offset } from '../paginate/offset.js';
import { createClockDriver } from '../testing/clock-driver.js';
import { defineConnector } from './define-connector.js';
import { listOf, resource } from './resource-table.js';
import { connectorOptions, secret } from './schema-pieces.js';

const Person = v.object({ id: v.string(), email: v.string() });

/** A vendor that announces no limit: its transport asks core to learn one. */
const createQuietConnector = defineConnector({
  vendor: 'quiet',
  label: 'Quiet',
  userAgent: 'connector-quiet/1.0.0',
  config: v.object({
    apiKey: secret(),
    ...connectorOptions({ defaultPageSize: 2, maxPageSize: 10 }),
  }),
  hints: { apiKey: 'any key' },
  defaultName: () => 'quiet',
  identity: () => ({ vendor: 'quiet', host: 'api.quiet.test', tenant: 'one' }),
  transport: (c) => ({
    hosts: { api: 'https://api.quiet.test/' },
    auth: bearer(c.apiKey),
    windows: [],
    adaptive: { initial: 8, decrease: 0.5 },
  }),
  resources: {
    people: resource({
      list: listOf({
        path: 'people',
        page: v.array(Person),
        items: (p) => p,
        paging: (ctx) => offset({ limit: ctx.pageSize }),
        id: (p) => p.id,
      }),
    }),
  },
  accounts: {
    from: 'people',
    itemsPath: '$',
    map: (p, connection) => ({
      vendor: 'quiet',
      connection,
      id: p.id,
      email: p.email,
      name: undefined,
      status: 'active',
      createdAt: undefined,
      raw: p,
    }),
  },
  verify: async () => ({}),
});

describe('defineConnector with transport.adaptive', () => {
  it('gives the connection a learned limit, lowered by a 429 and shown in budget()', async () => {
    const clock = createManualClock();
    let calls = 0;
    const server: typeof fetch = async () => {
      // The first page succeeds, the second draws a 429 once, then the list ends.
      calls++;
      if (calls === 2) return new Response('{}', { status: 429, headers: { 'retry-after': '1' } });
      const body =
        calls === 1
          ? [
              { id: 'a', email: 'a@x.test' },
              { id: 'b', email: 'b@x.test' },
            ]
          : [];
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const driver = createClockDriver(clock, { fetch: server });
    const quiet = createQuietConnector({ apiKey: 'quiet-key-123456', clock, fetch: driver.fetch });
    const learned = () => quiet.budget().windows.find((w) => w.name === 'learned')?.limit;
    expect(learned()).toBe(8);
    const accounts = await driver.run(
      (async () => {
        const out: string[] = [];
        for await (const a of quiet.accounts()) out.push(a.id);
        return out;
      })(),
    );
    expect(accounts).toEqual(['a', 'b']);
    // The 429 came at 2 calls in the window (below the 8 allowed): half of that rate.
    expect(learned()).toBe(1);
  });
});
