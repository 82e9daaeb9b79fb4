import { AuthenticationError, type CallOptions, ConfigError } from '@org/connector-core';
import {
  apiKeyHeader,
  type ConnectorFactory,
  type ConnectorRuntime,
  credentialDigest,
  type DefinedConnector,
  defineConnector,
  oauth2ClientCredentials,
  userAgentOf,
} from '@org/connector-core/kit';
import * as v from 'valibot';
import pkg from '../package.json' with { type: 'json' };
import { toJumpCloudAccount } from './accounts.js';
import {
  JUMPCLOUD_WORDING,
  type JumpCloudConfig,
  type JumpCloudConnectorOptions,
  JumpCloudOptions,
  type JumpCloudRegion,
} from './config.js';
import { createErrorMapper } from './errors/map-error.js';
import { estimateLoginPages, latestLogins, readLastLogins } from './last-login.js';
import { orgHeaderOf, orgHeaders } from './resources/org-header.js';
import { jumpCloudResources } from './resources.js';
import { v1Page } from './schemas/common.js';
import { Organization } from './schemas/organization.js';
import { accountFields, systemUserAccountWith } from './schemas/user.js';

/** JumpCloud's own members, beside the shared `Connector` surface and the resources. */
export interface JumpCloudMembers {
  /** Hosting region. */
  readonly region: JumpCloudRegion;
  /** Organization id the connection reads, when configured. */
  readonly orgId: string | undefined;
  /** Days of Directory Insights sign-ins read (`accounts.lastLogin.lookbackDays`), when enabled. */
  readonly lastLoginLookbackDays: number | undefined;
  /**
   * The latest successful sign-in of each user id (User Portal or SSO) within
   * `accounts.lastLogin.lookbackDays`, from Directory Insights (`POST /events`, oldest first,
   * one pass): what `accounts()` sets `lastLoginAt` from. `undefined` when `accounts.lastLogin`
   * is not configured (no request is made). A user absent from the map signed in not at all in
   * the window.
   */
  lastLogins(options?: CallOptions): Promise<ReadonlyMap<string, Date> | undefined>;
}

/**
 * A JumpCloud connection: `users`, `userGroups` (+ `members`, `membership`), `organizations`,
 * `systems`, `policies` (+ `statuses`), `authnPolicies`, `applications` (+ `users`, `userGroups`),
 * `administrators` and `events`; `verify()` (the credential, the org id and read access to users
 * with one request), `accounts()`, `budget()`, `estimateSyncCost()`, `identity` and `toJSON()`.
 */
export type JumpCloudConnector = DefinedConnector<typeof jumpCloudResources, JumpCloudMembers>;

/** What the next estimate starts from. */
interface State {
  /** Last user count seen (by `verify()` or an estimate). */
  users: number | undefined;
  /** Requests the last sign-in pass read. */
  loginPages: number | undefined;
}
type Runtime = ConnectorRuntime<JumpCloudConfig, State>;

/** Pages needed for `total` items when pages overlap by one. */
const pagesFor = (total: number, pageSize: number) =>
  total <= pageSize ? 1 : 1 + Math.ceil((total - pageSize) / (pageSize - 1));

const tenantOf = (c: JumpCloudConfig) =>
  c.orgId ??
  credentialDigest(c.credentials.kind === 'apiKey' ? c.credentials.apiKey : c.credentials.clientId);

/** One cheap call that needs read access to users: `limit=1`, the total in the envelope. */
async function countUsers(rt: Runtime, signal: AbortSignal | undefined): Promise<number> {
  const { data } = await rt.http.request({
    path: 'api/systemusers',
    query: { limit: 1, skip: 0, fields: '_id' },
    schema: v1Page(v.looseObject({ _id: v.string() })),
    signal,
  });
  rt.state.users = data.totalCount ?? data.results.length;
  return rt.state.users;
}

/** Requests the users of a full `accounts()` run cost. */
async function estimateUserPages(rt: Runtime, signal: AbortSignal | undefined) {
  // The last run's pages, or the last count seen, cost nothing.
  if (rt.lastSyncPages !== undefined) return rt.lastSyncPages;
  const { pageSize } = rt.config;
  if (rt.state.users !== undefined) return pagesFor(rt.state.users, pageSize);
  // A budget without windows has nothing to check: spend no request on an estimate.
  if (rt.limiter.budget().windows.length === 0) return undefined;
  return pagesFor(await countUsers(rt, signal), pageSize);
}

/** After a 401 without orgId: a credential that can list organizations works, it just needs an org. */
async function managesSeveralOrgs(rt: Runtime, signal: AbortSignal | undefined) {
  try {
    const { data } = await rt.http.request({
      path: 'api/organizations',
      query: { limit: 2, skip: 0 },
      headers: orgHeaderOf('api/organizations'),
      schema: v1Page(Organization),
      signal,
    });
    return (data.totalCount ?? data.results.length) > 0;
  } catch {
    return false;
  }
}

/**
 * Connects to a JumpCloud organization with an administrator's API key or a service account.
 * Validates the options at once (a `ConfigError` names the field to fix) and sends nothing until
 * a method is called. The console and Directory Insights hosts share one limiter; `baseUrl` alone
 * moves both (and the token endpoint). `x-org-id` goes wherever JumpCloud allows it.
 *
 * @example
 * ```ts
 * const jc = createJumpCloudConnector({
 *   apiKey: process.env.JC_API_KEY ?? '',
 *   orgId: process.env.JC_ORG_ID,
 * });
 * await jc.verify();
 * for await (const account of jc.accounts()) console.log(account.email, account.status);
 * ```
 *
 * @throws `ConfigError` (vendor `jumpcloud`) when the credential is missing, doubled or
 * malformed, the org id or region is bad, or a URL is not https (http only on loopback).
 * @function
 */
export const createJumpCloudConnector: ConnectorFactory<
  JumpCloudConnectorOptions,
  JumpCloudConnector,
  JumpCloudConfig
> = defineConnector({
  vendor: 'jumpcloud',
  label: JUMPCLOUD_WORDING.label,
  userAgent: userAgentOf(pkg),
  config: JumpCloudOptions,
  hints: JUMPCLOUD_WORDING.hints,
  revokeAccess:
    'In JumpCloud, generate a new API key for the administrator whose key this connection used (which revokes it), or delete the service account it used, so it reads nothing more.',
  // Unique per tenant: the organization, else a short non-reversible digest of the credential.
  defaultName: (c: JumpCloudConfig) => `jumpcloud:${tenantOf(c)}`,
  identity: (c) => ({
    vendor: 'jumpcloud',
    host: new URL(c.consoleBaseUrl).host,
    tenant: tenantOf(c),
  }),
  transport: (c, env) => {
    const cred = c.credentials;
    return {
      hosts: { api: c.consoleBaseUrl, insights: c.insightsBaseUrl },
      auth:
        cred.kind === 'apiKey'
          ? apiKeyHeader('x-api-key', cred.apiKey)
          : oauth2ClientCredentials({ ...cred, scope: 'api', vendor: 'jumpcloud', ...env }),
      // JumpCloud publishes no limits: 429s are backed off (Retry-After when sent), and teach the
      // connection's learned limit below.
      windows: c.limits.perMinute
        ? [{ name: 'minute', limit: c.limits.perMinute, intervalMs: 60_000 }]
        : [],
      maxWaitMs: c.limits.maxWaitMs,
      // Without announced limits, the connection learns the one its 429s reveal (AIMD).
      adaptive: {},
      headers: orgHeaders(c.orgId),
      mapError: createErrorMapper({ orgId: c.orgId, auth: cred.kind }),
    };
  },
  setup: (): State => ({ users: undefined, loginPages: undefined }),
  resources: jumpCloudResources,
  accounts: {
    from: 'users',
    itemsPath: '$.results',
    page: (c) => v1Page(systemUserAccountWith(c.accounts.rawFields)),
    // Ask JumpCloud only for the fields that schema validates (`fields`, space-separated): a page
    // is a fraction of the size to send, parse and hold.
    query: (c) => ({ fields: accountFields(c.accounts.rawFields) }),
    map: toJumpCloudAccount,
    // Opt-in: last sign-ins from Directory Insights, read before the users and joined by id.
    enrich: async (rt, o) => {
      const login = rt.config.accounts.lastLogin;
      return login ? readLastLogins(rt, login, o.signal) : undefined;
    },
  },
  async verify(rt, o) {
    let users: number;
    try {
      users = await countUsers(rt, o.signal);
    } catch (error) {
      if (
        error instanceof AuthenticationError &&
        rt.config.orgId === undefined &&
        (await managesSeveralOrgs(rt, o.signal))
      ) {
        throw rt.http.redactError(
          new ConfigError(
            'JumpCloud config: orgId is required: this administrator manages several organizations; paste the Organization ID to read (console › Settings › Organization Profile)',
            { vendor: 'jumpcloud', endpoint: error.endpoint, status: error.status, cause: error },
          ),
        );
      }
      throw error;
    }
    return {
      region: rt.config.region,
      auth: rt.config.credentials.kind,
      users,
      ...(rt.config.orgId === undefined ? {} : { orgId: rt.config.orgId }),
    };
  },
  async estimateSyncCost(rt, o) {
    const users = await estimateUserPages(rt, o.signal);
    const login = rt.config.accounts.lastLogin;
    if (users === undefined || !login) return users;
    // The sign-in pass is part of the run: its requests count too.
    const logins = await estimateLoginPages(rt, login, o.signal);
    return logins === undefined ? undefined : users + logins;
  },
  describe: (rt) => ({
    region: rt.config.region,
    orgId: rt.config.orgId,
    auth: rt.config.credentials.kind,
    insights: rt.client('insights').toJSON(),
  }),
  members: (rt): JumpCloudMembers => ({
    region: rt.config.region,
    orgId: rt.config.orgId,
    lastLoginLookbackDays: rt.config.accounts.lastLogin?.lookbackDays,
    lastLogins: async (o = {}) => {
      const login = rt.config.accounts.lastLogin;
      return login ? latestLogins(rt, login, o.signal) : undefined;
    },
  }),
});
