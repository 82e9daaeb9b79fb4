import {
  AuthenticationError,
  type ConnectorEvent,
  PermissionError,
  RateLimitError,
  type SaasAccount,
} from '@org/connector-core';
import { type Sandbox, startSandbox } from '@org/connector-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createHexnodeConnector, type HexnodeConnectorOptions } from '../src/index.js';

// Hexnode's 30 calls a minute, scaled down to 30 per 300 ms so the tests run in seconds. The
// connector runs at exactly the sandbox's limit: its limiter holds each slot for a full window
// after the response, so a request the server counts late on a busy machine still fits.
const SANDBOX_MINUTE = { limit: 30, intervalMs: 300 };
const CONNECTOR_MINUTE = SANDBOX_MINUTE;

let sandbox: Sandbox<'hexnode'> | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(size: { users: number; devices?: number }, daily?: number) {
  sandbox = await startSandbox({
    vendor: 'hexnode',
    size: { groups: 6, devices: 100, ...size },
    limits: {
      perMinute: SANDBOX_MINUTE,
      ...(daily === undefined ? {} : { daily: { limit: daily, intervalMs: 86_400_000 } }),
    },
  });
  return sandbox;
}

function connect(
  sb: Sandbox<'hexnode'>,
  o: Partial<HexnodeConnectorOptions> & { apiKey?: string } = {},
) {
  const events: ConnectorEvent[] = [];
  const connector = createHexnodeConnector({
    apiKey: sb.credentials.apiKey,
    portal: sb.credentials.portal,
    baseUrl: sb.credentials.baseUrl,
    perPage: 100,
    limits: { perMinute: CONNECTOR_MINUTE },
    retry: { baseDelayMs: 10 },
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

describe('hexnode connector against the sandbox', () => {
  it('syncs 10,000 users with exact counts, within the rate limits', async () => {
    const sb = await start({ users: 10_000 });
    const { connector } = connect(sb);

    await expect(connector.verify()).resolves.toMatchObject({
      ok: true,
      details: { portal: 'sandbox', users: 10_000 },
    });
    const accounts = await collect(connector.accounts());

    // 10,000 users, of which the "Default User" (id 1, null email) is no account.
    expect(accounts).toHaveLength(9_999);
    expect(accounts.map((a) => a.id)).toEqual(range(2, 10_000));
    expect(new Set(accounts.map((a) => a.email)).size).toBe(9_999);
    for (const a of accounts) {
      expect(a.email).toBe(a.email.toLowerCase());
      expect(a).toMatchObject({ vendor: 'hexnode', connection: 'sandbox', status: 'active' });
    }

    const counters = sb.control.counters();
    // verify (1) + 100 pages of 100; the quota was learned with one devices/ call. The limiter kept
    // the connection inside the window: the server never had to refuse a call.
    expect(counters.rateLimited).toBe(0);
    expect(counters.byPath['/api/v1/users/']).toBe(101);
    expect(counters.byPath['/api/v1/devices/']).toBe(1);
    expect(counters.peakConcurrency).toBeLessThanOrEqual(4);
    expect(connector.dailyQuota()).toMatchObject({
      limit: 1_000,
      managedDevices: 100,
      source: 'learned',
    });
    expect(connector.dailyQuota().remaining).toBeLessThanOrEqual(1_000 - 102);
  });

  it('rides out a 429 and a 503 in the middle of a sync, losing and repeating nothing', async () => {
    const sb = await start({ users: 2_000 });
    sb.control.fault({ kind: '429', path: '/api/v1/users/', after: 6, retryAfterSeconds: 1 });
    sb.control.fault({ kind: '503', path: '/api/v1/users/', after: 12, retryAfterSeconds: 0 });
    const { connector, events } = connect(sb);

    const accounts = await collect(connector.accounts());

    expect(accounts.map((a) => a.id)).toEqual(range(2, 2_000));
    const counters = sb.control.counters();
    expect(counters.status['503']).toBe(1);
    expect(counters.rateLimited).toBeGreaterThanOrEqual(1);
    // 20 pages, each fetched once successfully; the faulted attempts were retried.
    expect(counters.status['200']).toBe(21); // 20 pages + the devices/ call learning the quota
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => (e.type === 'retry' ? e.reason : ''))).toEqual(
      expect.arrayContaining(['HTTP 429', 'HTTP 503']),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', source: 'server', waitMs: 1_000 }),
    );
  });

  it('reads user groups with members, devices and device groups', async () => {
    const sb = await start({ users: 250 });
    const { connector } = connect(sb, { managedDevices: 100 });

    const groups = await connector.userGroups.list().toArray();
    expect(groups).toHaveLength(6);
    expect(groups.every((g) => typeof g.groupname === 'string' && g.groupname.length > 0)).toBe(
      true,
    );
    const detail = await connector.userGroups.get(groups[0]?.id ?? 0);
    expect(detail.users.length).toBe(groups[0]?.users_count);
    expect(detail.users.every((u) => Number.isInteger(u.id) && u.id > 1)).toBe(true);
    await expect(connector.userGroups.get(999)).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });

    const devices = await connector.devices.list().toArray();
    expect(devices.map((d) => d.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(devices.every((d) => d.user === null || Number.isInteger(d.user.id))).toBe(true);
    expect((await connector.devices.get(3)).serial_number).toBe(devices[2]?.serial_number);
    const ios = await connector.devices.list({ filters: { platform: 'iOS' } }).toArray();
    expect(ios.length).toBeGreaterThan(0);
    expect(ios.every((d) => d.platform === 'iOS')).toBe(true);

    const deviceGroups = await connector.deviceGroups.list().toArray();
    expect(deviceGroups).toHaveLength(3);
    expect(deviceGroups.every((g) => g.groupname && g.grouptype && g.device_count !== null)).toBe(
      true,
    );
  });

  it('reports a revoked key as AuthenticationError (reconnect required), without retrying', async () => {
    const sb = await start({ users: 50 });
    const credential = sb.control.addCredential();
    const { connector } = connect(sb, { apiKey: credential.apiKey });
    await expect(connector.verify()).resolves.toMatchObject({ ok: true });

    sb.control.revokeCredential(credential.apiKey);
    sb.control.resetCounters();
    const error = await connector.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toMatch(/reconnect required/);
    expect((error as AuthenticationError).userAction).toBe('reconnect');
    expect(JSON.stringify(error)).not.toContain(credential.apiKey);
    expect(String((error as Error).stack)).not.toContain(credential.apiKey);
    await expect(collect(connector.accounts())).rejects.toBeInstanceOf(AuthenticationError);
    expect(sb.control.counters().requests).toBe(2); // one per call: a 401 is never retried
  });

  it('reports a key without user permission as PermissionError naming "Read Users"', async () => {
    const sb = await start({ users: 50 });
    const credential = sb.control.addCredential({ permissions: ['Read Devices'] });
    const { connector } = connect(sb, { apiKey: credential.apiKey });

    const error = await connector.verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('Read Users');
    expect((error as PermissionError).userAction).toBe('grant_permission');
    await expect(collect(connector.accounts())).rejects.toBeInstanceOf(PermissionError);
  });

  it('syncs with a key that may read users but not devices, the quota left to the server', async () => {
    const sb = await start({ users: 300 });
    const credential = sb.control.addCredential({ permissions: ['Read Users'] });
    const { connector } = connect(sb, { apiKey: credential.apiKey });
    expect(await collect(connector.accounts())).toHaveLength(299);
    expect(connector.dailyQuota()).toMatchObject({ limit: undefined, source: 'unknown' });
  });

  it('stops a sync the daily quota cannot finish, before spending it', async () => {
    // 5 managed devices: 50 calls a day. 10,000 users need 100 pages.
    const sb = await start({ users: 10_000, devices: 5 });
    const { connector } = connect(sb);

    const error = await collect(connector.accounts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).message).toMatch(/needs 99 more calls but only 48 of 50/);
    const counters = sb.control.counters();
    expect(counters.requests).toBe(2); // learning the quota + the first page, nothing more
    expect(counters.rateLimited).toBe(0);
    expect(connector.dailyQuota()).toMatchObject({ limit: 50, remaining: 48 });
  });

  it('fails fast, without hammering, when the server says the daily quota is used up', async () => {
    // Other apps sharing the account used the quota: the server allows 3 more calls today.
    const sb = await start({ users: 1_000 }, 3);
    const { connector } = connect(sb, { managedDevices: 100 });

    const error = await collect(connector.accounts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).scope).toBe('quota');
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_600_000);
    const counters = sb.control.counters();
    // The first page and the pages in flight with it; after the first 429 the connection pauses.
    expect(counters.rateLimited).toBeLessThanOrEqual(4);
    expect(counters.requests).toBeLessThanOrEqual(3 + 4);
    // A later call does not reach the server until the quota returns.
    const before = sb.control.counters().requests;
    await expect(connector.users.get(2)).rejects.toBeInstanceOf(RateLimitError);
    expect(sb.control.counters().requests).toBe(before);
  });
});
