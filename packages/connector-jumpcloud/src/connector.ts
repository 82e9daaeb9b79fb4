import {
  AuthenticationError,
  type BudgetSnapshot,
  type CallOptions,
  ConfigError,
  type ConnectionIdentity,
  type Connector,
  type SaasAccount,
  type TransportOptions,
  type VerifyResult,
} from '@org/connector-core';
import {
  type AuthStrategy,
  apiKeyHeader,
  createHttpClient,
  createRateLimiter,
  credentialDigest,
  type HttpClient,
  oauth2ClientCredentials,
  type RateLimiter,
} from '@org/connector-core/kit';
import * as v from 'valibot';
import pkg from '../package.json' with { type: 'json' };
import { toSaasAccount } from './accounts.js';
import {
  credentialText,
  type JumpCloudConfig,
  type JumpCloudRegion,
  resolveConfig,
} from './config.js';
import { createErrorMapper } from './http/map-error.js';
import { orgHeaders } from './http/org-header.js';
import { type AdministratorsResource, administratorsResource } from './resources/administrators.js';
import { type ApplicationsResource, applicationsResource } from './resources/applications.js';
import { type AuthnPoliciesResource, authnPoliciesResource } from './resources/authn-policies.js';
import { type ResourceContext, v1List } from './resources/context.js';
import { type EventsResource, eventsResource } from './resources/events.js';
import { type OrganizationsResource, organizationsResource } from './resources/organizations.js';
import { type PoliciesResource, policiesResource } from './resources/policies.js';
import { type SystemsResource, systemsResource } from './resources/systems.js';
import { type UserGroupsResource, userGroupsResource } from './resources/user-groups.js';
import { type UsersResource, usersResource } from './resources/users.js';
import { v1Page } from './schemas/common.js';
import { Organization } from './schemas/organization.js';
import { SystemUserAccount } from './schemas/user.js';

/** `User-Agent` of every request. */
export const USER_AGENT = `${pkg.name}/${pkg.version}`;

/** Options of {@link createJumpCloudConnector}: the connection config plus transport tuning. */
export interface JumpCloudConnectorOptions extends JumpCloudConfig, TransportOptions {
  /** Items per list request, at most 100 (default 100). */
  pageSize?: number | undefined;
  /**
   * Requests in flight at once (default 4). JumpCloud publishes no rate limits, so the connector
   * stays conservative and backs off on 429 (`Retry-After` when sent, else exponential jitter).
   */
  concurrency?: number | undefined;
  /** A limiter to share with other connections of the same administrator (default: one per connector). */
  limiter?: RateLimiter | undefined;
}

/** A JumpCloud connection: the shared `Connector` surface plus typed access to the directory. */
export interface JumpCloudConnector extends Connector {
  /** Always `jumpcloud`. */
  readonly vendor: 'jumpcloud';
  /** Hosting region. */
  readonly region: JumpCloudRegion;
  /** Organization id the connection reads, when configured. */
  readonly orgId: string | undefined;
  /** System users. */
  readonly users: UsersResource;
  /** User groups with direct members and full membership. */
  readonly userGroups: UserGroupsResource;
  /** Organizations and their settings. */
  readonly organizations: OrganizationsResource;
  /** Systems (devices). */
  readonly systems: SystemsResource;
  /** Device policies and their per-system results. */
  readonly policies: PoliciesResource;
  /** Conditional-access policies. */
  readonly authnPolicies: AuthnPoliciesResource;
  /** SSO applications and their user and group assignments. */
  readonly applications: ApplicationsResource;
  /** Console administrators. */
  readonly administrators: AdministratorsResource;
  /** Directory Insights events. */
  readonly events: EventsResource;
  /** Checks the credential, the org id and read access to users with one cheap call. */
  verify(options?: CallOptions): Promise<VerifyResult>;
  /** Streams one `SaasAccount` per system user. */
  accounts(options?: CallOptions): AsyncIterable<SaasAccount>;
  /** The connection's rate budget (JumpCloud publishes no windows: only pauses after a 429 show). */
  budget(): BudgetSnapshot;
  /** Vendor, console host and organization (or a digest of the credential): a snapshot's tenant. */
  readonly identity: ConnectionIdentity;
  /**
   * Requests a full `accounts()` run costs: from the last user count seen (a run or `verify()`);
   * without one, `undefined` when the budget has no windows to check, else one count request.
   */
  estimateSyncCost(options?: CallOptions): Promise<number | undefined>;
  /** Secret-free description of the connection. */
  toJSON(): Record<string, unknown>;
}

/** Pages needed for `total` items when pages overlap by one (see `skipList`). */
function pagesFor(total: number, pageSize: number): number {
  return total <= pageSize ? 1 : 1 + Math.ceil((total - pageSize) / (pageSize - 1));
}

/**
 * Creates a JumpCloud connection. Validates the config at once (a `ConfigError` names the
 * field to fix) and makes no request until a method is called.
 *
 * @example
 * ```ts
 * const jc = createJumpCloudConnector({ apiKey: process.env.JC_API_KEY, orgId: process.env.JC_ORG_ID });
 * await jc.verify();
 * for await (const account of jc.accounts()) console.log(account.email, account.status);
 * ```
 *
 * @param options - Credentials (`apiKey` or `serviceAccount`), `orgId`, `region` and tuning.
 * @returns The connector.
 */
export function createJumpCloudConnector(options: JumpCloudConnectorOptions): JumpCloudConnector {
  const config = resolveConfig(options);
  const pageSize = Math.floor(options.pageSize ?? 100);
  if (!(pageSize >= 2 && pageSize <= 100)) {
    throw new ConfigError('JumpCloud config: pageSize must be between 2 and 100', {
      vendor: 'jumpcloud',
    });
  }
  const concurrency = Math.floor(options.concurrency ?? 4);
  if (!(concurrency >= 1)) {
    throw new ConfigError('JumpCloud config: concurrency must be at least 1', {
      vendor: 'jumpcloud',
    });
  }

  const creds = config.credentials;
  const auth: AuthStrategy =
    creds.kind === 'apiKey'
      ? apiKeyHeader('x-api-key', creds.apiKey)
      : oauth2ClientCredentials({
          tokenUrl: creds.tokenUrl,
          clientId: creds.clientId,
          clientSecret: creds.clientSecret,
          scope: 'api',
          fetch: options.fetch,
          clock: options.clock,
          vendor: 'jumpcloud',
        });
  // One budget for both hosts: they belong to the same tenant and JumpCloud does not say otherwise.
  const limiter = options.limiter ?? createRateLimiter({ concurrency, clock: options.clock });
  const common = {
    vendor: 'jumpcloud',
    auth,
    limiter,
    retry: options.retry,
    timeout: options.timeout,
    maxResponseBytes: options.maxResponseBytes,
    userAgent: USER_AGENT,
    fetch: options.fetch,
    clock: options.clock,
    signal: options.signal,
    onEvent: options.onEvent,
    mapError: createErrorMapper({ orgId: config.orgId }),
  };
  const consoleHttp: HttpClient = createHttpClient({ ...common, baseUrl: config.consoleBaseUrl });
  const insightsHttp: HttpClient = createHttpClient({ ...common, baseUrl: config.insightsBaseUrl });
  const ctx: ResourceContext = {
    console: consoleHttp,
    insights: insightsHttp,
    orgId: config.orgId,
    pageSize,
    concurrency,
  };
  const users = usersResource(ctx);

  let lastUserCount: number | undefined;
  /** One cheap call that needs read access to users: `limit=1`, the total in the envelope. */
  const userCount = async (signal?: AbortSignal) => {
    const path = 'api/systemusers';
    const { data } = await consoleHttp.request({
      path,
      query: { limit: 1, skip: 0, fields: '_id' },
      headers: orgHeaders(config.orgId, path),
      schema: v1Page(v.looseObject({ _id: v.string() })),
      signal,
    });
    lastUserCount = data.totalCount ?? data.results.length;
    return lastUserCount;
  };

  /** After a 401 without orgId: a key that can list organizations works, it just needs an org. */
  const isMultiTenantAdmin = async (signal?: AbortSignal) => {
    const path = 'api/organizations';
    try {
      const { data } = await consoleHttp.request({
        path,
        query: { limit: 2, skip: 0 },
        headers: orgHeaders(undefined, path),
        schema: v1Page(Organization),
        signal,
      });
      return (data.totalCount ?? data.results.length) > 0;
    } catch {
      return false;
    }
  };

  const describe = () => ({
    vendor: 'jumpcloud',
    name: config.name,
    region: config.region,
    orgId: config.orgId,
    auth: creds.kind,
    console: consoleHttp.toJSON(),
    insights: insightsHttp.toJSON(),
  });

  return {
    vendor: 'jumpcloud',
    name: config.name,
    identity: {
      vendor: 'jumpcloud',
      host: new URL(config.consoleBaseUrl).host,
      tenant: config.orgId ?? credentialDigest(credentialText(creds)),
    },
    region: config.region,
    orgId: config.orgId,
    users,
    userGroups: userGroupsResource(ctx),
    organizations: organizationsResource(ctx),
    systems: systemsResource(ctx),
    policies: policiesResource(ctx),
    authnPolicies: authnPoliciesResource(ctx),
    applications: applicationsResource(ctx),
    administrators: administratorsResource(ctx),
    events: eventsResource(ctx),

    async verify(o) {
      let total: number;
      try {
        total = await userCount(o?.signal);
      } catch (error) {
        if (
          error instanceof AuthenticationError &&
          config.orgId === undefined &&
          (await isMultiTenantAdmin(o?.signal))
        ) {
          throw consoleHttp.redactError(
            new ConfigError(
              'This JumpCloud administrator manages several organizations: set orgId to the Organization ID to read (console › Settings › Organization Profile)',
              { vendor: 'jumpcloud', endpoint: error.endpoint, status: error.status, cause: error },
            ),
          );
        }
        throw error;
      }
      return {
        ok: true,
        vendor: 'jumpcloud',
        connection: config.name,
        details: {
          region: config.region,
          auth: creds.kind,
          users: total,
          ...(config.orgId === undefined ? {} : { orgId: config.orgId }),
        },
      };
    },

    async *accounts(o) {
      const list = v1List(ctx, 'api/systemusers', SystemUserAccount, { signal: o?.signal });
      // Page by page: each item through one async generator instead of two (a measurable share
      // of a large sync's client time).
      for await (const page of list.pages()) {
        if (page.total !== undefined) lastUserCount = page.total;
        for (const user of page.items) yield toSaasAccount(user, config.name);
      }
    },

    budget: () => limiter.budget(),

    async estimateSyncCost(o) {
      // The last run's count is good enough for a budget check, and costs nothing.
      if (lastUserCount !== undefined) return pagesFor(lastUserCount, pageSize);
      // A budget without windows has nothing to check: spend no request on an estimate.
      if (limiter.budget().windows.length === 0) return undefined;
      return pagesFor(await userCount(o?.signal), pageSize);
    },

    toJSON: describe,
  };
}
