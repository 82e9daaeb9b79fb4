import type { CallOptions } from '@org/connector-core';
import {
  bearer,
  type ConnectorFactory,
  credentialDigest,
  type DefinedConnector,
  defineConnector,
  userAgentOf,
} from '@org/connector-core/kit';
import pkg from '../package.json' with { type: 'json' };
import { toKandjiAccount } from './accounts.js';
import {
  KANDJI_RATE_LIMITS,
  KANDJI_WORDING,
  type KandjiConfig,
  type KandjiConnectorOptions,
  KandjiOptions,
  type KandjiRegion,
} from './config.js';
import { mapKandjiError } from './errors/map-error.js';
import {
  type KandjiPrismCategory,
  readDeviceDetails,
  readPrismCount,
} from './resources/single-reads.js';
import { kandjiResources } from './resources.js';
import { KandjiAccountPage } from './schemas/account-page.js';
import type { KandjiDeviceDetails } from './schemas/device-details.js';
import type { KandjiPrismCount } from './schemas/prism/count.js';
import { KandjiUserPage } from './schemas/user.js';

/** Kandji's own members, beside the shared `Connector` surface and the resources. */
export interface KandjiMembers {
  /** The tenant's subdomain, when the API URL is a Kandji host. */
  readonly tenant: string | undefined;
  /** Where the tenant is hosted (`custom` for an explicit `baseUrl`). */
  readonly region: KandjiRegion;
  /** `GET /api/v1/devices/{device_id}/details`: one device's full record (one request). */
  deviceDetails(deviceId: string, options?: CallOptions): Promise<KandjiDeviceDetails>;
  /** `GET /api/v1/prism/count`: the rows a Prism category holds (one request). */
  prismCount(category: KandjiPrismCategory, options?: CallOptions): Promise<KandjiPrismCount>;
}

/**
 * A Kandji connection: `users` and `devices` (each with `list()` and `get()`, and
 * `devices.apps(id)`), the Prism categories, `blueprints` and `vulnerabilityDetections` (see
 * `kandjiResources`), `deviceDetails(id)`, `prismCount(category)`, `verify()` (the
 * token and "Users › List users" with one request), `accounts()` (archived users as `archived`,
 * inactive ones as `suspended`), `budget()` per second and per hour, `estimateSyncCost()` (the
 * pages the last complete run took: Kandji gives no user count), `identity` and `toJSON()`.
 */
export type KandjiConnector = DefinedConnector<typeof kandjiResources, KandjiMembers>;

/**
 * Connects to a Kandji tenant with an API token and the tenant's API URL.
 *
 * Every request passes one rate limiter per connection (50 a second and 10,000 an hour, Kandji's
 * limits), which reads Kandji's gateway headers (`x-ratelimit-remaining-second`/`-hour`,
 * `ratelimit-remaining`/`-reset`), so a long sync slows down before the gateway answers 429. The
 * token is sent only to the API URL's origin.
 *
 * @example
 * ```ts
 * const kandji = createKandjiConnector({
 *   apiToken: process.env.KANDJI_API_TOKEN ?? '',
 *   apiUrl: 'https://acme.api.kandji.io',
 * });
 * await kandji.verify();
 * for await (const account of kandji.accounts()) console.log(account.email, account.status);
 * ```
 *
 * @throws `ConfigError` (vendor `kandji`) when the token is missing or malformed, or the API URL is
 * not https on a `*.api.kandji.io` / `*.api.eu.kandji.io` host (and no `baseUrl` was given).
 * @function
 */
export const createKandjiConnector: ConnectorFactory<
  KandjiConnectorOptions,
  KandjiConnector,
  KandjiConfig
> = defineConnector({
  vendor: 'kandji',
  label: KANDJI_WORDING.label,
  userAgent: userAgentOf(pkg),
  config: KandjiOptions,
  hints: KANDJI_WORDING.hints,
  revokeAccess:
    'In Kandji, Settings › Access › API Token: delete the token this connection used, so it reads nothing more.',
  // One tenant, one name; behind a proxy, the token tells two tenants apart.
  defaultName: (c: KandjiConfig) => c.tenant ?? `kandji-${credentialDigest(c.apiToken)}`,
  identity: (c) => ({
    vendor: 'kandji',
    host: new URL(c.baseUrl).host,
    // A custom API URL names the tenant by its host; a rotated token is still the same tenant.
    tenant: c.tenant ?? new URL(c.baseUrl).host,
  }),
  transport: (c) => ({
    hosts: { api: c.baseUrl },
    auth: bearer(c.apiToken),
    // The gateway counts fixed seconds. Core's limiter holds each slot for a full sliding second
    // after the response came back, so a request that arrives late still leaves the next second
    // room: no extra margin is needed.
    windows: [
      {
        name: 'second',
        limit: c.limits.perSecond ?? KANDJI_RATE_LIMITS.perSecond,
        intervalMs: c.limits.secondMs ?? 1_000,
      },
      {
        name: 'hour',
        limit: c.limits.perHour ?? KANDJI_RATE_LIMITS.perHour,
        intervalMs: c.limits.hourMs ?? 3_600_000,
      },
    ],
    maxWaitMs: c.limits.maxWaitMs,
    mapError: mapKandjiError,
  }),
  resources: kandjiResources,
  accounts: {
    from: 'users',
    itemsPath: '$.results',
    page: KandjiAccountPage,
    map: toKandjiAccount,
  },
  async verify(rt, o) {
    const { data } = await rt.http.request({
      path: 'users',
      schema: KandjiUserPage,
      signal: o.signal,
    });
    return {
      apiHost: new URL(rt.config.baseUrl).host,
      region: rt.config.region,
      ...(rt.config.tenant === undefined ? {} : { tenant: rt.config.tenant }),
      // A tenant without a directory integration has no users: worth telling the admin.
      hasUsers: data.results.length > 0,
    };
  },
  describe: (rt) => ({ tenant: rt.config.tenant, region: rt.config.region }),
  members: (rt): KandjiMembers => ({
    tenant: rt.config.tenant,
    region: rt.config.region,
    deviceDetails: (deviceId, o) => readDeviceDetails(rt.http, deviceId, o),
    prismCount: (category, o) => readPrismCount(rt.http, category, o),
  }),
});
