import {
  type BudgetSnapshot,
  type CallOptions,
  type ConnectionIdentity,
  type Connector,
  type SaasAccount,
  systemClock,
  type TransportOptions,
  type VerifyResult,
} from '@org/connector-core';
import {
  authorizationHeader,
  createHttpClient,
  createRateLimiter,
  mapAccounts,
} from '@org/connector-core/kit';
import { toHexnodeAccount } from './accounts.js';
import { type HexnodeConfig, resolveConfig } from './config.js';
import { createHexnodeErrorMapper, hexnodeRetryAfter } from './http/error-mapping.js';
import { USER_AGENT } from './http/user-agent.js';
import {
  createDailyQuotaTracker,
  DAY_WINDOW,
  type DailyQuota,
  UNKNOWN_QUOTA,
} from './rate-limit/daily-quota.js';
import type { ResourceContext } from './resources/context.js';
import { createDeviceGroupsResource, type HexnodeDeviceGroups } from './resources/device-groups.js';
import { createDevicesResource, type HexnodeDevices } from './resources/devices.js';
import { listingCost } from './resources/list.js';
import { createUserGroupsResource, type HexnodeUserGroups } from './resources/user-groups.js';
import { createUsersResource, type HexnodeUsers } from './resources/users.js';
import { HexnodeDevicePage } from './schemas/device.js';
import { HexnodeUserPage } from './schemas/user.js';

/** Options of {@link createHexnodeConnector}: the connection's config plus transport hooks. */
export interface HexnodeConnectorOptions extends HexnodeConfig, TransportOptions {}

/** A connection to one Hexnode portal. */
export interface HexnodeConnector extends Connector {
  /** Always `hexnode`. */
  readonly vendor: 'hexnode';
  /** Name of the connection (default: the portal name). */
  readonly name: string;
  /** Vendor, API host and portal: what a poller binds its snapshot to. */
  readonly identity: ConnectionIdentity;
  /** The portal name. */
  readonly portal: string;
  /** Users, including the "Default User" with no email. */
  readonly users: HexnodeUsers;
  /** User groups; `get()` includes the members. */
  readonly userGroups: HexnodeUserGroups;
  /** Managed devices. */
  readonly devices: HexnodeDevices;
  /** Device groups. */
  readonly deviceGroups: HexnodeDeviceGroups;
  /**
   * Checks the API key and the "Read Users" permission with one call (`users/?per_page=1`).
   * Throws `AuthenticationError` (reconnect required) or `PermissionError` (`Read Users`).
   */
  verify(options?: CallOptions): Promise<VerifyResult>;
  /**
   * Streams one `SaasAccount` per user with an email (lowercased); the "Default User" is skipped. A
   * user without an `email` field (schema drift) fails the run with `ValidationError`, or is left
   * out and reported under `onInvalidItem: 'skip'`.
   */
  accounts(options?: CallOptions): AsyncIterable<SaasAccount>;
  /** Remaining calls in the minute window and in the daily quota (once known). */
  budget(): BudgetSnapshot;
  /** The daily quota, where it came from, and how much of it is left. */
  dailyQuota(): DailyQuota;
  /**
   * Calls a full `accounts()` run costs: the user pages, plus the device-count call when the quota
   * is not known yet. Uses the last user count seen; without one it spends one call to read it.
   */
  estimateSyncCost(options?: CallOptions): Promise<number>;
  /** A secret-free description of the connection. */
  toJSON(): Record<string, unknown>;
}

/**
 * Creates a connection to a Hexnode portal. Nothing is sent until a method is called.
 *
 * @param options - API key, portal and optional settings.
 * @returns The connection.
 * @throws ConfigError when the key is missing, the portal is not a Hexnode portal, or an option is
 *   out of range.
 *
 * @example
 * ```ts
 * const hexnode = createHexnodeConnector({ apiKey: process.env.HEXNODE_API_KEY!, portal: 'acme' });
 * await hexnode.verify();
 * for await (const account of hexnode.accounts()) console.log(account.email);
 * ```
 */
export function createHexnodeConnector(options: HexnodeConnectorOptions): HexnodeConnector {
  const config = resolveConfig(options);
  const clock = options.clock ?? systemClock;
  const { limits } = config;

  const limiter = createRateLimiter({
    windows: [
      { name: 'minute', limit: limits.perMinute.limit, intervalMs: limits.perMinute.intervalMs },
      { name: DAY_WINDOW, limit: UNKNOWN_QUOTA, intervalMs: limits.perDay.intervalMs },
    ],
    concurrency: limits.concurrency,
    maxWaitMs: limits.maxWaitMs,
    clock,
  });

  const http = createHttpClient({
    vendor: 'hexnode',
    baseUrl: config.baseUrl,
    auth: authorizationHeader(config.apiKey),
    limiter,
    userAgent: USER_AGENT,
    headers: { accept: 'application/json' },
    mapError: createHexnodeErrorMapper({ maxWaitMs: limits.maxWaitMs }),
    retryAfter: hexnodeRetryAfter,
    retry: options.retry,
    timeout: options.timeout,
    maxResponseBytes: options.maxResponseBytes,
    onEvent: options.onEvent,
    signal: options.signal,
    clock,
    fetch: options.fetch,
  });

  const quota = createDailyQuotaTracker({
    limiter,
    fixedLimit: limits.perDay.limit,
    managedDevices: config.managedDevices,
    perDevice: limits.perDay.perDevice,
    now: () => clock.now(),
    async countDevices(signal) {
      const { data } = await http.request({
        path: 'devices/',
        query: { per_page: 1 },
        schema: HexnodeDevicePage,
        signal,
      });
      return data.count;
    },
  });

  let userCount: number | undefined;
  const ctx: ResourceContext = {
    http,
    perPage: config.perPage,
    concurrency: limits.concurrency,
    quota,
    onTotal: (path, total) => {
      if (path === 'users/') userCount = total;
    },
  };
  const users = createUsersResource(ctx);

  const countUsers = async (signal: AbortSignal | undefined) => {
    const { data } = await http.request({
      path: 'users/',
      query: { per_page: 1 },
      schema: HexnodeUserPage,
      signal,
    });
    userCount = data.count;
    return data.count;
  };

  const describe = () => ({
    vendor: 'hexnode',
    name: config.name,
    portal: config.portal,
    baseUrl: config.baseUrl,
    perPage: config.perPage,
    dailyQuota: quota.snapshot(),
  });

  return {
    vendor: 'hexnode',
    name: config.name,
    identity: { vendor: 'hexnode', host: new URL(config.baseUrl).host, tenant: config.portal },
    portal: config.portal,
    users,
    userGroups: createUserGroupsResource(ctx),
    devices: createDevicesResource(ctx),
    deviceGroups: createDeviceGroupsResource(ctx),

    async verify(o = {}) {
      const count = await countUsers(o.signal);
      return {
        ok: true,
        vendor: 'hexnode',
        connection: config.name,
        details: { portal: config.portal, users: count },
      };
    },

    accounts: (o = {}) =>
      mapAccounts(
        users.list({ signal: o.signal }).pages(),
        toHexnodeAccount,
        {
          vendor: 'hexnode',
          label: 'Hexnode',
          connection: config.name,
          resource: 'users',
          itemsPath: '$.results',
          id: (user) => String(user.id),
        },
        o,
      ),

    budget() {
      const snapshot = limiter.budget();
      // An unknown quota is no budget to show.
      if (quota.snapshot().limit !== undefined) return snapshot;
      return { ...snapshot, windows: snapshot.windows.filter((w) => w.name !== DAY_WINDOW) };
    },

    dailyQuota: () => quota.snapshot(),

    async estimateSyncCost(o = {}) {
      const learn = quota.needsLearning() ? 1 : 0;
      const total = userCount ?? (await countUsers(o.signal));
      return learn + listingCost(Math.max(1, Math.ceil(total / config.perPage)));
    },

    toJSON: describe,
  };
}
