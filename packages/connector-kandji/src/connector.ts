import {
  type BudgetSnapshot,
  type CallOptions,
  ConfigError,
  type Connector,
  type SaasAccount,
  type TransportOptions,
  type VerifyResult,
} from '@org/connector-core';
import {
  bearer,
  createHttpClient,
  createRateLimiter,
  type HttpClient,
  type RateLimiter,
} from '@org/connector-core/kit';
import { toSaasAccount } from './accounts.js';
import { type KandjiConfigInput, type KandjiRegion, resolveKandjiConfig } from './config.js';
import { mapKandjiError } from './errors/map-error.js';
import { createDevicesResource, type KandjiDevices } from './resources/devices.js';
import { createUsersResource, type KandjiUsers } from './resources/users.js';
import { KandjiUserPage } from './schemas/user.js';
import { USER_AGENT } from './version.js';

/** Kandji's documented limits: 50 requests a second and 10,000 an hour per tenant. */
export const KANDJI_RATE_LIMITS = { perSecond: 50, perHour: 10_000 } as const;

// The gateway counts fixed seconds. Core's limiter holds each slot for a full sliding second after
// the response came back, so a request that arrives late still leaves the next second room: no
// extra margin is needed.
const SECOND_MS = 1_000;

/** Options of {@link createKandjiConnector}. */
export interface KandjiConnectorOptions extends KandjiConfigInput, TransportOptions {
  /**
   * Overrides Kandji's limits, for a tenant on a different plan or for a budget shared with
   * another app (give this connection a share). Response headers tighten them further at run time.
   */
  limits?:
    | {
        /** Requests per second (default 50). */
        perSecond?: number | undefined;
        /** Requests per hour (default 10,000). */
        perHour?: number | undefined;
        /** Length of the "second" window in ms (default 1,000); tests scale it. */
        secondMs?: number | undefined;
        /** Length of the "hour" window in ms (default 3,600,000); tests scale it. */
        hourMs?: number | undefined;
        /**
         * Longest a call waits for a slot before failing with `RateLimitError` instead (default
         * 60 s). A spent hourly budget therefore fails fast with `scope: 'quota'` and
         * `retryAfterMs`, rather than holding a sync open for up to an hour.
         */
        maxWaitMs?: number | undefined;
      }
    | undefined;
  /** Requests in flight at once, and device pages fetched in parallel (default 4). */
  concurrency?: number | undefined;
}

/** A Kandji connection: the shared `Connector` surface plus Kandji's own resources. */
export interface KandjiConnector extends Connector {
  /** Always `kandji`. */
  readonly vendor: 'kandji';
  /** The tenant's subdomain, when the API URL is a Kandji host. */
  readonly tenant: string | undefined;
  /** Where the tenant is hosted (`custom` for an explicit `baseUrl`). */
  readonly region: KandjiRegion;
  /** Users synced from the tenant's directory integrations. */
  readonly users: KandjiUsers;
  /** Devices enrolled in the tenant. */
  readonly devices: KandjiDevices;
  /**
   * Checks the token and the "Users › List users" permission with one request. Throws
   * `AuthenticationError` on 401 and `PermissionError` on 403.
   */
  verify(options?: CallOptions): Promise<VerifyResult>;
  /**
   * Streams one `SaasAccount` per Kandji user: archived users as `archived`, inactive ones as
   * `suspended`, the rest as `active`. A tenant without a directory integration yields nothing.
   */
  accounts(options?: CallOptions): AsyncIterable<SaasAccount>;
  /** The connection's remaining budget per second and per hour. */
  budget(): BudgetSnapshot;
  /**
   * Requests a full `accounts()` run costs: Kandji gives no user count, so this is the number of
   * pages the last complete run took, and `undefined` before the first one.
   */
  estimateSyncCost(options?: CallOptions): Promise<number | undefined>;
  /** A secret-free description, also used by `JSON.stringify` and `util.inspect`. */
  toJSON(): Record<string, unknown>;
}

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError(`${what} must be positive`);
  return value;
}

/**
 * Connects to a Kandji tenant with an API token and the tenant's API URL.
 *
 * Every request passes one rate limiter per connection (50 a second and 10,000 an hour, Kandji's
 * limits), which reads Kandji's `x-ratelimit-remaining-second`/`-hour` and `ratelimit-remaining`/
 * `-reset` headers, so a long sync slows down before the gateway answers 429. The token is sent
 * only to the API URL's origin.
 *
 * @example
 * ```ts
 * const kandji = createKandjiConnector({
 *   apiToken: process.env.KANDJI_API_TOKEN!,
 *   apiUrl: 'https://acme.api.kandji.io',
 * });
 * await kandji.verify();
 * for await (const account of kandji.accounts()) console.log(account.email, account.status);
 * ```
 *
 * @throws `ConfigError` when the token is missing or the API URL is not https on a
 * `*.api.kandji.io` / `*.api.eu.kandji.io` host (and no explicit `baseUrl` was given).
 */
export function createKandjiConnector(options: KandjiConnectorOptions): KandjiConnector {
  const config = resolveKandjiConfig(options);
  const limits = options.limits ?? {};
  const concurrency = Math.floor(positive(options.concurrency, 4, 'concurrency'));
  const limiter: RateLimiter = createRateLimiter({
    windows: [
      {
        name: 'second',
        limit: positive(limits.perSecond, KANDJI_RATE_LIMITS.perSecond, 'limits.perSecond'),
        intervalMs: positive(limits.secondMs, SECOND_MS, 'limits.secondMs'),
      },
      {
        name: 'hour',
        limit: positive(limits.perHour, KANDJI_RATE_LIMITS.perHour, 'limits.perHour'),
        intervalMs: positive(limits.hourMs, 3_600_000, 'limits.hourMs'),
      },
    ],
    concurrency,
    clock: options.clock,
    maxWaitMs: limits.maxWaitMs,
  });
  const http: HttpClient = createHttpClient({
    vendor: 'kandji',
    baseUrl: config.baseUrl,
    auth: bearer(config.apiToken),
    limiter,
    retry: options.retry,
    timeout: options.timeout,
    userAgent: USER_AGENT,
    fetch: options.fetch,
    clock: options.clock,
    signal: options.signal,
    onEvent: options.onEvent,
    mapError: mapKandjiError,
  });
  const users = createUsersResource(http);
  const devices = createDevicesResource(http, { concurrency });
  let lastSyncPages: number | undefined;

  const connector: KandjiConnector = {
    vendor: 'kandji',
    name: config.name,
    tenant: config.tenant,
    region: config.region,
    users,
    devices,

    async verify(callOptions = {}) {
      const { data } = await http.request({
        path: 'users',
        schema: KandjiUserPage,
        signal: callOptions.signal,
      });
      return {
        ok: true,
        vendor: 'kandji',
        connection: config.name,
        details: {
          apiHost: new URL(config.baseUrl).host,
          region: config.region,
          ...(config.tenant === undefined ? {} : { tenant: config.tenant }),
          // A tenant without a directory integration has no users: worth telling the admin.
          hasUsers: data.results.length > 0,
        },
      };
    },

    async *accounts(callOptions = {}) {
      let pages = 0;
      for await (const page of users.list({ signal: callOptions.signal }).pages()) {
        pages += 1;
        for (const user of page.items) {
          const account = toSaasAccount(user, config.name);
          if (account) yield account;
        }
      }
      lastSyncPages = Math.max(pages, 1);
    },

    budget() {
      return limiter.budget();
    },

    async estimateSyncCost() {
      return lastSyncPages;
    },

    toJSON() {
      return {
        vendor: 'kandji',
        name: config.name,
        tenant: config.tenant,
        region: config.region,
        http: http.toJSON(),
      };
    },
  };
  // util.inspect would otherwise walk the closures' objects; show the secret-free description.
  Object.defineProperty(connector, Symbol.for('nodejs.util.inspect.custom'), {
    value: () => connector.toJSON(),
    enumerable: false,
  });
  return connector;
}
