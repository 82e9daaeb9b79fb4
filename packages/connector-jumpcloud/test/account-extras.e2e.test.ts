import {
  createMemoryStateStore,
  createPoller,
  PermissionError,
  type SaasAccount,
  ServerError,
} from '@org/connector-core';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JumpCloudConnectorOptions } from '../src/index.js';
import { connectorOnManualClock } from './helpers/drive.js';
import { readAll, readEvents } from './helpers/oracle.js';

const SIZE = { users: 400, groups: 4, devices: 10, policies: 2, apps: 3, admins: 4, events: 9_000 };
// The sandbox's events are the 30 days before its epoch; the connector's clock starts there.
const EPOCH = Date.UTC(2025, 2, 1);
const DAY = 86_400_000;
const LOOKBACK = 14;
const LIMIT = 500;

let sb: Sandbox<'jumpcloud'>;
let headers: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ vendor: 'jumpcloud', size: SIZE, limits: false, epochMs: EPOCH });
  headers = { 'x-api-key': sb.credentials.apiKey, 'x-org-id': sb.credentials.orgId };
});
afterAll(() => sb?.close());

const options = (o: Partial<JumpCloudConnectorOptions> = {}): JumpCloudConnectorOptions => ({
  apiKey: sb.credentials.apiKey,
  orgId: sb.credentials.orgId,
  baseUrl: sb.credentials.baseUrl,
  name: 'sandbox',
  accounts: { lastLogin: { lookbackDays: LOOKBACK, eventsPerRequest: LIMIT } },
  ...o,
});

/** The latest successful sign-in per user in `[end - days, end]`, read by the oracle. */
async function expectedLogins(end: number, days: number) {
  const events = await readEvents(sb.url, headers, {
    start: new Date(end - days * DAY),
    end: new Date(end),
    limit: 1000,
    service: ['directory', 'sso'],
  });
  const latest = new Map<string, string>();
  for (const e of events) {
    const by = e.initiated_by as { id?: string; type?: string } | undefined;
    if (e.success !== true || by?.type !== 'user' || !by.id) continue;
    if (e.event_type !== 'user_login_attempt' && e.event_type !== 'sso_auth') continue;
    const at = new Date(String(e.timestamp)).toISOString();
    if ((latest.get(by.id) ?? '') < at) latest.set(by.id, at);
  }
  return { latest, events: events.length };
}

const loginsOf = (accounts: SaasAccount[]) =>
  new Map(
    accounts.flatMap((a) => (a.lastLoginAt ? [[a.id, a.lastLoginAt.toISOString()] as const] : [])),
  );

describe('lastLoginAt from Directory Insights', () => {
  it('serves sign-ins of seeded users, with their ids, usernames and emails', async () => {
    const users = await readAll(sb.url, 'api/systemusers', headers, { v1: true, sort: '_id' });
    const byId = new Map(users.map((u) => [String(u._id), u]));
    const events = await readEvents(sb.url, headers, {
      start: new Date(EPOCH - 30 * DAY),
      end: new Date(EPOCH),
      limit: 2000,
      service: ['directory', 'sso'],
    });
    const logins = events.filter(
      (e) => e.event_type === 'user_login_attempt' || e.event_type === 'sso_auth',
    );
    expect(logins.length).toBeGreaterThan(1000);
    for (const e of logins) {
      const by = e.initiated_by as { id: string; type: string; username: string; email: string };
      const user = byId.get(by.id);
      expect(by.type).toBe('user');
      expect(user).toMatchObject({ username: by.username, email: by.email });
    }
    // Admin Portal changes are an administrator's doing, never a user's.
    const changes = events.filter((e) => e.event_type === 'user_update');
    expect(changes.length).toBeGreaterThan(0);
    for (const e of changes) expect(e.initiated_by).toMatchObject({ type: 'admin' });
  });

  it("joins each user's latest successful sign-in within the lookback, in one counted pass", async () => {
    const { jc, collect, run } = connectorOnManualClock(
      options({ limits: { perMinute: 100_000 } }),
      EPOCH,
    );
    await run(jc.verify());
    sb.control.resetCounters();
    const estimate = await run(jc.estimateSyncCost());
    const estimateRequests = sb.control.counters().requests;
    expect(estimateRequests).toBe(1); // one POST /events/count; the user count is known

    sb.control.resetCounters();
    const accounts = await collect(jc.accounts());
    const requests = sb.control.counters().requests;
    const { latest, events } = await expectedLogins(EPOCH, LOOKBACK);

    expect(accounts).toHaveLength(SIZE.users);
    expect(loginsOf(accounts)).toEqual(latest);
    // Some users signed in within the window, some did not: `undefined` is "none seen", not "never".
    expect(latest.size).toBeGreaterThan(SIZE.users / 2);
    expect(latest.size).toBeLessThan(SIZE.users);
    const userPages = 1 + Math.ceil((SIZE.users - 100) / 99);
    const eventPages = Math.floor(events / LIMIT) + 1;
    expect(requests).toBe(userPages + eventPages);
    expect(estimate).toBe(userPages + eventPages);
    // Later estimates reuse the last run and cost nothing.
    sb.control.resetCounters();
    expect(await run(jc.estimateSyncCost())).toBe(userPages + eventPages);
    expect(sb.control.counters().requests).toBe(0);
  });

  it('leaves lastLoginAt undefined and reads no events unless asked', async () => {
    const { jc, collect } = connectorOnManualClock(options({ accounts: {} }), EPOCH);
    sb.control.resetCounters();
    const accounts = await collect(jc.accounts());
    expect(accounts.every((a) => a.lastLoginAt === undefined)).toBe(true);
    expect(sb.control.counters().requests).toBe(1 + Math.ceil((SIZE.users - 100) / 99));
  });

  it('fails accounts() with a PermissionError, yielding nothing, for a key without Directory Insights', async () => {
    const key = sb.control.addCredential({ permissions: ['users'] });
    const { jc, run } = connectorOnManualClock(options({ apiKey: key.apiKey }), EPOCH);
    const seen: SaasAccount[] = [];
    const error = await run(
      (async () => {
        for await (const a of jc.accounts()) seen.push(a);
      })(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toMatch(/Directory Insights/);
    expect(seen).toEqual([]);
    // The same key reads users: the failure is the pass's, and it is not hidden.
    const { jc: plain, collect } = connectorOnManualClock(
      options({ apiKey: key.apiKey, accounts: {} }),
      EPOCH,
    );
    expect(await collect(plain.accounts())).toHaveLength(SIZE.users);
  });

  it('fails accounts() when a later events page keeps failing, rather than blank the sign-ins', async () => {
    const { jc, run } = connectorOnManualClock(options(), EPOCH);
    sb.control.fault({ kind: '500', path: '/events', after: 2, times: 50 });
    const seen: SaasAccount[] = [];
    const error = await run(
      (async () => {
        for await (const a of jc.accounts()) seen.push(a);
      })(),
    ).catch((e: unknown) => e);
    sb.control.clearFaults();
    expect(error).toBeInstanceOf(ServerError);
    expect(seen).toEqual([]);
  });

  it('does not report sign-ins as changes to a poller unless the host asks', async () => {
    const { jc, clock, collect, run } = connectorOnManualClock(options(), EPOCH);
    const before = loginsOf(await collect(jc.accounts()));
    const poller = createPoller({
      connector: jc,
      store: createMemoryStateStore(),
      intervalMs: DAY,
      budgetPolicy: 'ignore',
    });
    const asking = createPoller({
      connector: jc,
      connection: 'sandbox-with-logins',
      store: createMemoryStateStore(),
      intervalMs: DAY,
      budgetPolicy: 'ignore',
      selectRaw: (raw, account) => ({ raw, lastLoginAt: account.lastLoginAt?.toISOString() }),
    });
    expect((await run(poller.runOnce())).kind).toBe('baseline');
    await run(asking.runOnce());
    // Same sign-ins: nothing changed.
    expect((await run(poller.runOnce())).changed).toEqual([]);
    expect((await run(asking.runOnce())).changed).toEqual([]);

    // Four days on, the window has moved past the oldest sign-ins: some users have none left.
    await clock.advance(4 * DAY);
    const after = loginsOf(await collect(jc.accounts()));
    const moved = [...before.keys()].filter((id) => before.get(id) !== after.get(id));
    expect(moved.length).toBeGreaterThan(0);
    expect((await run(poller.runOnce())).changed).toEqual([]);
    const asked = await run(asking.runOnce());
    expect(asked.changed.map((c) => c.account.id).sort()).toEqual(moved.sort());
  });
});

describe('extra raw fields', () => {
  it('keeps the named user fields in raw, as users.list() reads them, and nothing else', async () => {
    const { jc, collect } = connectorOnManualClock(
      options({ accounts: { rawFields: ['account_locked', 'password_expired', 'attributes'] } }),
      EPOCH,
    );
    const accounts = await collect(jc.accounts());
    const users = await collect(jc.users.list());
    const byId = new Map(users.map((u) => [u._id, u]));
    const { jc: plain, collect: collectPlain } = connectorOnManualClock(
      options({ accounts: {} }),
      EPOCH,
    );
    const lean = new Map((await collectPlain(plain.accounts())).map((a) => [a.id, a.raw]));
    expect(accounts).toHaveLength(SIZE.users);
    for (const a of accounts) {
      const u = byId.get(a.id);
      const base = lean.get(a.id) as Record<string, unknown>;
      expect(a.raw).toEqual({
        ...base,
        account_locked: u?.account_locked,
        password_expired: u?.password_expired,
        attributes: u?.attributes,
      });
      expect(Object.keys(a.raw as object).sort()).toEqual(
        [
          ...new Set([...Object.keys(base), 'account_locked', 'password_expired', 'attributes']),
        ].sort(),
      );
    }
    expect(accounts.some((a) => (a.raw as { account_locked?: boolean }).account_locked)).toBe(true);
  });
});
