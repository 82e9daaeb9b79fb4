import {
  authorizationHeader,
  type ConnectorFactory,
  type ConnectorRuntime,
  type DefinedConnector,
  defineConnector,
  type HttpClient,
  userAgentOf,
} from '@org/connector-core/kit';
import pkg from '../package.json' with { type: 'json' };
import { toHexnodeAccount } from './accounts.js';
import {
  HEXNODE_RATE_LIMITS,
  HEXNODE_WORDING,
  type HexnodeConfig,
  type HexnodeConnectorOptions,
  HexnodeOptions,
} from './config.js';
import { createHexnodeErrorMapper, hexnodeRetryAfter } from './errors/map-error.js';
import {
  createDailyQuotaTracker,
  DAY_WINDOW,
  type DailyQuota,
  type DailyQuotaTracker,
  UNKNOWN_QUOTA,
} from './rate-limit/daily-quota.js';
import { hexnodeResources, listingCost } from './resources.js';
import { HexnodeDevicePage } from './schemas/device.js';
import { HexnodeUserPage } from './schemas/user.js';

/** Hexnode's own members, beside the shared `Connector` surface and the resources. */
export interface HexnodeMembers {
  /** The portal name. */
  readonly portal: string;
  /** The daily quota, where it came from, and how much of it is left. */
  dailyQuota(): DailyQuota;
}

/**
 * A connection to one Hexnode portal: `users`, `userGroups`, `devices` and `deviceGroups`, each
 * with `list()` and `get()`; `verify()` (the key and "Read Users" with one call);
 * `accounts()` (one per user with an email, the "Default User" skipped); `budget()` for the minute
 * window and, once known, the daily quota; `dailyQuota()`; `estimateSyncCost()`; `identity`
 * (vendor, API host, portal) and `toJSON()`.
 */
export type HexnodeConnector = DefinedConnector<typeof hexnodeResources, HexnodeMembers>;

// The quota tracker, and the user count the last users listing or count saw.
type HexnodeState = { quota: DailyQuotaTracker; users: number | undefined };

/**
 * Creates a connection to a Hexnode portal; nothing is sent until a method is called. One limiter
 * per connection holds 30 calls a minute and the daily quota (10 calls per managed device, learned
 * with one `devices/?per_page=1` call unless `managedDevices` or `limits.perDay.limit` is given); a
 * listing the quota cannot finish stops after its first page. The key goes raw in `Authorization`,
 * only to the portal's origin.
 *
 * @example
 * ```ts
 * const hexnode = createHexnodeConnector({ apiKey: process.env.HEXNODE_API_KEY ?? '', portal: 'acme' });
 * await hexnode.verify();
 * for await (const account of hexnode.accounts()) console.log(account.email);
 * ```
 *
 * @throws `ConfigError` (vendor `hexnode`) for a missing or malformed key, a portal that is not a
 * Hexnode portal, a `baseUrl` that is not https (http only on loopback), or an option out of range.
 * @function
 */
export const createHexnodeConnector: ConnectorFactory<
  HexnodeConnectorOptions,
  HexnodeConnector,
  HexnodeConfig
> = defineConnector({
  vendor: 'hexnode',
  label: HEXNODE_WORDING.label,
  userAgent: userAgentOf(pkg),
  config: HexnodeOptions,
  hints: HEXNODE_WORDING.hints,
  revokeAccess:
    'In the Hexnode portal, Admin › General Settings › API: regenerate the API key (or turn API access off) so the key this connection used reads nothing more.',
  defaultName: (c: HexnodeConfig) => c.portal,
  identity: (c) => ({ vendor: 'hexnode', host: new URL(c.baseUrl).host, tenant: c.portal }),
  transport: (c) => {
    const maxWaitMs = c.limits.maxWaitMs ?? HEXNODE_RATE_LIMITS.maxWaitMs;
    const { perMinute, perDay } = HEXNODE_RATE_LIMITS;
    return {
      hosts: { api: c.baseUrl },
      auth: authorizationHeader(c.apiKey), // the raw key: no "Bearer "
      windows: [
        {
          name: 'minute',
          limit: c.limits.perMinute.limit ?? perMinute.limit,
          intervalMs: c.limits.perMinute.intervalMs ?? perMinute.intervalMs,
        },
        // Set once the quota is known (see setup); until then only the server's 429 enforces it.
        {
          name: DAY_WINDOW,
          limit: UNKNOWN_QUOTA,
          intervalMs: c.limits.perDay.intervalMs ?? perDay.intervalMs,
        },
      ],
      maxWaitMs,
      headers: { accept: 'application/json' },
      mapError: createHexnodeErrorMapper({ maxWaitMs }),
      retryAfter: hexnodeRetryAfter,
    };
  },
  setup: (rt): HexnodeState => ({
    users: undefined,
    quota: createDailyQuotaTracker({
      limiter: rt.limiter,
      fixedLimit: rt.config.limits.perDay.limit,
      managedDevices: rt.config.managedDevices,
      perDevice: rt.config.limits.perDay.perDevice ?? HEXNODE_RATE_LIMITS.perDay.perDevice,
      now: () => rt.clock.now(),
      countDevices: (signal) => count(rt.http, HexnodeDevicePage, 'devices/', signal),
    }),
  }),
  // The quota is learned before the first resource call, and checked before a listing spends it.
  beforeCall: (rt, signal) => rt.state.quota.ready(signal),
  planListing(rt, plan) {
    if (plan.resource === 'users') rt.state.users = plan.total;
    rt.state.quota.reserve(plan.requests, plan);
  },
  resources: hexnodeResources,
  accounts: { from: 'users', itemsPath: '$.results', map: toHexnodeAccount },
  async verify(rt, o) {
    return { portal: rt.config.portal, users: await countUsers(rt, o.signal) };
  },
  // The user pages (read backward after the first), plus the device-count call while the quota
  // is not known. Uses the last user count seen; without one it spends one call to read it.
  async estimateSyncCost(rt, o) {
    const learn = rt.state.quota.needsLearning() ? 1 : 0;
    const users = rt.state.users ?? (await countUsers(rt, o.signal));
    return learn + listingCost(Math.max(1, Math.ceil(users / rt.config.pageSize)));
  },
  // An unknown quota is no budget to show.
  budget: (rt, snapshot) =>
    rt.state.quota.snapshot().limit !== undefined
      ? snapshot
      : { ...snapshot, windows: snapshot.windows.filter((w) => w.name !== DAY_WINDOW) },
  describe: (rt) => ({
    portal: rt.config.portal,
    baseUrl: rt.config.baseUrl,
    pageSize: rt.config.pageSize,
    dailyQuota: rt.state.quota.snapshot(),
  }),
  members: (rt): HexnodeMembers => ({
    portal: rt.config.portal,
    dailyQuota: () => rt.state.quota.snapshot(),
  }),
});

/** How many items a list holds, read with one call (`?per_page=1`), the page still validated. */
async function count(
  http: HttpClient,
  schema: typeof HexnodeUserPage | typeof HexnodeDevicePage,
  path: string,
  signal: AbortSignal | undefined,
): Promise<number> {
  const { data } = await http.request({ path, query: { per_page: 1 }, schema, signal });
  return data.count;
}

/** Counts the users, remembering the count for `estimateSyncCost`. */
async function countUsers(rt: ConnectorRuntime<HexnodeConfig, HexnodeState>, signal?: AbortSignal) {
  rt.state.users = await count(rt.http, HexnodeUserPage, 'users/', signal);
  return rt.state.users;
}
