import {
  AuthenticationError,
  type ConnectorEvent,
  PermissionError,
  RateLimitError,
  type SaasAccount,
} from '@org/connector-core';
import {
  type ClockDriver,
  createClockDriver,
  createManualClock,
  type ManualClock,
} from '@org/connector-core/testing';
import { type Sandbox, type SandboxQuirks, startSandbox } from '@org/connector-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createHexnodeConnector, type HexnodeConnectorOptions } from '../src/index.js';

// Hexnode's 30 calls a minute, scaled down to 30 per 300 ms. The sandbox and the connector share
// one manual clock, driven only while no request is in flight: windows, Retry-After waits and
// backoffs pass in simulated time over real loopback sockets. The connector runs at exactly the
// sandbox's limit: its limiter holds each slot for a full window after the response.
const SANDBOX_MINUTE = { limit: 30, intervalMs: 300 };
const CONNECTOR_MINUTE = SANDBOX_MINUTE;

interface Env {
  sandbox: Sandbox<'hexnode'>;
  clock: ManualClock;
  driver: ClockDriver;
}
let env: Env | undefined;

afterEach(async () => {
  await env?.sandbox.close();
  env = undefined;
});

async function start(
  size: { users: number; devices?: number },
  daily?: number,
  quirks?: SandboxQuirks,
) {
  const clock = createManualClock();
  const sandbox = await startSandbox({
    vendor: 'hexnode',
    clock,
    size: { groups: 6, devices: 100, ...size },
    limits: {
      perMinute: SANDBOX_MINUTE,
      ...(daily === undefined ? {} : { daily: { limit: daily, intervalMs: 86_400_000 } }),
    },
    ...(quirks ? { quirks } : {}),
  });
  const driver = createClockDriver(clock);
  env = { sandbox, clock, driver };
  return { sb: sandbox, clock, run: driver.run, sent: driver.sent };
}

function connect(
  sb: Sandbox<'hexnode'>,
  o: Partial<HexnodeConnectorOptions> & { apiKey?: string } = {},
) {
  if (!env) throw new Error('start() a sandbox first');
  const events: ConnectorEvent[] = [];
  const connector = createHexnodeConnector({
    apiKey: sb.credentials.apiKey,
    portal: sb.credentials.portal,
    baseUrl: sb.credentials.baseUrl,
    pageSize: 100,
    limits: { perMinute: CONNECTOR_MINUTE },
    retry: { baseDelayMs: 10, random: () => 0.5 },
    clock: env.clock,
    fetch: env.driver.fetch,
    onEvent: (e) => events.push(e),
    ...o,
  });
  return { connector, events };
}

async function collect(accounts: AsyncIterable<SaasAccount>): Promise<SaasAccount[]> {
  const out: SaasAccount[] = [];
  for await (const a of accounts) out.push(a);
  return out;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Ids in ascending order: users arrive page 1 first, then from the last page down. */
const sorted = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

describe('hexnode connector against the sandbox', () => {
  it('syncs 10,000 users with exact counts, within the rate limits', async () => {
    const { sb, run } = await start({ users: 10_000 });
    const { connector } = connect(sb);

    await expect(run(connector.verify())).resolves.toMatchObject({
      ok: true,
      details: { portal: 'sandbox', users: 10_000 },
    });
    const accounts = await run(collect(connector.accounts()));

    // 10,000 users, of which the "Default User" (id 1, null email) is no account.
    expect(accounts).toHaveLength(9_999);
    expect(sorted(accounts.map((a) => a.id))).toEqual(range(2, 10_000));
    expect(new Set(accounts.map((a) => a.email)).size).toBe(9_999);
    for (const a of accounts) {
      expect(a.email).toBe(a.email.toLowerCase());
      expect(a).toMatchObject({ vendor: 'hexnode', connection: 'sandbox', status: 'active' });
    }

    const counters = sb.control.counters();
    // verify (1) + 100 pages of 100 + page 1 read again at the end; the quota was learned with one
    // devices/ call. The limiter kept the connection inside the window: the server never had to
    // refuse a call.
    expect(counters.rateLimited).toBe(0);
    expect(counters.byPath['/api/v1/users/']).toBe(102);
    expect(counters.byPath['/api/v1/devices/']).toBe(1);
    expect(counters.peakConcurrency).toBeLessThanOrEqual(4);
    expect(connector.dailyQuota()).toMatchObject({
      limit: 1_000,
      managedDevices: 100,
      source: 'learned',
    });
    expect(connector.dailyQuota().remaining).toBeLessThanOrEqual(1_000 - 103);
  });

  it('rides out a 429 and a 503 in the middle of a sync, losing and repeating nothing', async () => {
    const { sb, run } = await start({ users: 2_000 });
    sb.control.fault({ kind: '429', path: '/api/v1/users/', after: 6, retryAfterSeconds: 1 });
    sb.control.fault({ kind: '503', path: '/api/v1/users/', after: 12, retryAfterSeconds: 0 });
    const { connector, events } = connect(sb);

    const accounts = await run(collect(connector.accounts()));

    expect(sorted(accounts.map((a) => a.id))).toEqual(range(2, 2_000));
    const counters = sb.control.counters();
    expect(counters.status['503']).toBe(1);
    expect(counters.rateLimited).toBeGreaterThanOrEqual(1);
    // 20 pages, each fetched once successfully (page 1 twice: first and last); the faulted attempts
    // were retried.
    expect(counters.status['200']).toBe(22); // 21 page reads + the devices/ call learning the quota
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => (e.type === 'retry' ? e.reason : ''))).toEqual(
      expect.arrayContaining(['HTTP 429', 'HTTP 503']),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 1_000 }),
    );
  });

  it('waits as long as a 429 body says when there is no Retry-After, then finishes exactly', async () => {
    // DRF's throttle sends its wait only as "Expected available in N seconds." in the body.
    const { sb, run, sent } = await start({ users: 1_500 }, undefined, { retryAfterHeader: false });
    sb.control.fault({ kind: '429', path: '/api/v1/users/', after: 5, retryAfterSeconds: 7 });
    const { connector, events } = connect(sb);

    const accounts = await run(collect(connector.accounts()));

    const ids = accounts.map((a) => a.id);
    expect(sorted(ids)).toEqual(range(2, 1_500));
    expect(new Set(ids).size).toBe(1_499);
    const counters = sb.control.counters();
    expect(counters.rateLimited).toBe(1);
    expect(counters.status['429']).toBe(1);
    // 15 pages, each served once (page 1 twice: first and last), plus the devices/ call.
    expect(counters.status['200']).toBe(17);
    expect(counters.byPath['/api/v1/users/']).toBe(17); // 16 page reads + the throttled attempt
    expect(counters.byPath['/api/v1/devices/']).toBe(1);

    const throttled = sent.filter((r) => r.response?.status === 429);
    expect(throttled).toHaveLength(1);
    const [first] = throttled;
    const answer = first?.response;
    if (!first || !answer) throw new Error('no 429 was sent');
    expect(answer.headers.get('retry-after')).toBeNull();
    expect(answer.errorText).toContain('Request was throttled. Expected available in 7.0 seconds.');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 7_000 }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'retry', reason: 'HTTP 429', delayMs: 7_000 }),
    );
    // The whole connection paused: nothing left for 7 s of (simulated) time after the 429, and
    // then the throttled page was asked once more, as the first request after the wait.
    const later = sent.slice(answer.sentBefore);
    expect(later.length).toBeGreaterThan(0);
    expect(Math.min(...later.map((r) => r.at))).toBe(answer.at + 7_000);
    const again = later.filter((r) => r.url.search === first.url.search);
    expect(again).toHaveLength(1);
    expect(again[0]?.at).toBe(answer.at + 7_000);
    expect(again[0]?.response?.status).toBe(200);
  });

  it('lists every user alive for the whole sync while users are added and removed between pages', async () => {
    const { sb, run } = await start({ users: 1_000 });
    // Users whose id is a multiple of 3 live throughout; between every two page requests, 7 others
    // are deleted (the lowest left: the most shifting) and 5 new ones arrive.
    const doomed = Array.from({ length: 999 }, (_, i) => i + 2).filter((id) => id % 3 !== 0);
    const { connector } = connect(sb, {
      onEvent: (e) => {
        if (e.type !== 'page') return;
        sb.control.removeUsers(doomed.splice(0, 7));
        sb.control.addUsers(5);
      },
    });
    const ids = (await run(collect(connector.accounts()))).map((a) => Number(a.id));
    expect(new Set(ids).size).toBe(ids.length); // each once
    const missing = range(2, 1_000)
      .map(Number)
      .filter((id) => id % 3 === 0 && !ids.includes(id));
    expect(missing).toEqual([]);
  });

  it('reads user groups with members, devices and device groups', async () => {
    const { sb, run } = await start({ users: 250 });
    const { connector } = connect(sb, { managedDevices: 100 });

    const groups = await run(connector.userGroups.list().toArray());
    expect(groups).toHaveLength(6);
    expect(groups.every((g) => typeof g.groupname === 'string' && g.groupname.length > 0)).toBe(
      true,
    );
    const detail = await run(connector.userGroups.get(groups[0]?.id ?? 0));
    expect(detail.users.length).toBe(groups[0]?.users_count);
    expect(detail.users.every((u) => Number.isInteger(u.id) && u.id > 1)).toBe(true);
    await expect(run(connector.userGroups.get(999))).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });

    const devices = await run(connector.devices.list().toArray());
    expect(devices.map((d) => d.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(devices.every((d) => d.user === null || Number.isInteger(d.user.id))).toBe(true);
    expect((await run(connector.devices.get(3))).serial_number).toBe(devices[2]?.serial_number);
    const ios = await run(connector.devices.list({ filters: { platform: 'iOS' } }).toArray());
    expect(ios.length).toBeGreaterThan(0);
    // The list sends no `platform`: it falls back to `os_name`, and says so.
    expect(ios.every((d) => d.platform === 'iOS' && d.platformSource === 'os_name')).toBe(true);
    // The "Default User" (id 1) owns the devices enrolled without a user.
    expect(devices.filter((d) => d.user?.id === 1).length).toBe(20);

    const deviceGroups = await run(connector.deviceGroups.list().toArray());
    expect(deviceGroups).toHaveLength(3);
    expect(deviceGroups.every((g) => g.groupname && g.grouptype && g.device_count !== null)).toBe(
      true,
    );
    const group = await run(connector.deviceGroups.get(2));
    expect(group.devices.map((d) => d.id)).toEqual(
      devices.filter((d) => (d.id - 1) % 3 === 1).map((d) => d.id),
    );
    const byId = new Map(devices.map((d) => [d.id, d]));
    for (const member of group.devices) {
      const device = byId.get(member.id);
      // "device group HAS device", with the platform key only the detail carries.
      expect(member).toEqual({
        id: device?.id,
        name: device?.device_name,
        user_id: device?.user?.id,
        user_name: device?.user?.name,
        model_name: device?.model_name,
        platform: device?.os_name?.toLowerCase(),
      });
    }
    await expect(run(connector.deviceGroups.get(99))).rejects.toMatchObject({ status: 404 });
  });

  it('refuses each resource to a key without its permission, naming the permission', async () => {
    const { sb, run } = await start({ users: 20 });
    const usersOnly = sb.control.addCredential({ permissions: ['Read Users'] });
    const { connector } = connect(sb, { apiKey: usersOnly.apiKey, managedDevices: 100 });
    expect((await run(connector.users.get(2))).id).toBe(2);
    const calls: Array<[() => Promise<unknown>, string]> = [
      [() => connector.deviceGroups.get(1), 'Read Device Groups'],
      [() => connector.deviceGroups.list().toArray(), 'Read Device Groups'],
      [() => connector.devices.get(1), 'Read Devices'],
      [() => connector.userGroups.get(1), 'Read User Groups'],
    ];
    for (const [call, permission] of calls) {
      await expect(run(call())).rejects.toMatchObject({ code: 'permission', permission });
    }
  });

  it('reports a revoked key as AuthenticationError (reconnect required), without retrying', async () => {
    const { sb, run } = await start({ users: 50 });
    const credential = sb.control.addCredential();
    const { connector } = connect(sb, { apiKey: credential.apiKey });
    await expect(run(connector.verify())).resolves.toMatchObject({ ok: true });

    sb.control.revokeCredential(credential.apiKey);
    sb.control.resetCounters();
    const error = await run(connector.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toMatch(/reconnect required/);
    expect((error as AuthenticationError).userAction).toBe('reconnect');
    expect(JSON.stringify(error)).not.toContain(credential.apiKey);
    expect(String((error as Error).stack)).not.toContain(credential.apiKey);
    await expect(run(collect(connector.accounts()))).rejects.toBeInstanceOf(AuthenticationError);
    expect(sb.control.counters().requests).toBe(2); // one per call: a 401 is never retried
  });

  it('reports a key without user permission as PermissionError naming "Read Users"', async () => {
    const { sb, run } = await start({ users: 50 });
    const credential = sb.control.addCredential({ permissions: ['Read Devices'] });
    const { connector } = connect(sb, { apiKey: credential.apiKey });

    const error = await run(connector.verify()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Read Users');
    expect((error as PermissionError).userAction).toBe('grant_permission');
    await expect(run(collect(connector.accounts()))).rejects.toBeInstanceOf(PermissionError);
  });

  it('syncs with a key that may read users but not devices, the quota left to the server', async () => {
    const { sb, run } = await start({ users: 300 });
    const credential = sb.control.addCredential({ permissions: ['Read Users'] });
    const { connector } = connect(sb, { apiKey: credential.apiKey });
    expect(await run(collect(connector.accounts()))).toHaveLength(299);
    expect(connector.dailyQuota()).toMatchObject({ limit: undefined, source: 'unknown' });
  });

  it('stops a sync the daily quota cannot finish, before spending it', async () => {
    // 5 managed devices: 50 calls a day. 10,000 users need 100 pages, and page 1 again.
    const { sb, run } = await start({ users: 10_000, devices: 5 });
    const { connector } = connect(sb);

    const error = await run(collect(connector.accounts())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).message).toMatch(/needs 100 more calls but only 48 of 50/);
    const counters = sb.control.counters();
    expect(counters.requests).toBe(2); // learning the quota + the first page, nothing more
    expect(counters.rateLimited).toBe(0);
    expect(connector.dailyQuota()).toMatchObject({ limit: 50, remaining: 48 });
  });

  it('fails fast, without hammering, when the server says the daily quota is used up', async () => {
    // Other apps sharing the account used the quota: the server allows 3 more calls today.
    const { sb, run } = await start({ users: 1_000 }, 3);
    const { connector } = connect(sb, { managedDevices: 100 });

    const error = await run(collect(connector.accounts())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_600_000);
    const counters = sb.control.counters();
    // The first page and the pages in flight with it; after the first 429 the connection pauses.
    expect(counters.rateLimited).toBeLessThanOrEqual(4);
    expect(counters.requests).toBeLessThanOrEqual(3 + 4);
    // A later call does not reach the server until the quota returns.
    const before = sb.control.counters().requests;
    await expect(run(connector.users.get(2))).rejects.toBeInstanceOf(RateLimitError);
    expect(sb.control.counters().requests).toBe(before);
  });
});
