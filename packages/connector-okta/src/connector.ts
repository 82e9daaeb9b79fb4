import {
  authorizationHeader,
  type ConnectorFactory,
  type DefinedConnector,
  defineConnector,
  oauth2ClientCredentials,
  userAgentOf,
} from '@org/connector-core/kit';
import pkg from '../package.json' with { type: 'json' };
import { toOktaAccount } from './accounts.js';
import {
  OKTA_DEFAULT_SCOPES,
  OKTA_WORDING,
  type OktaConfig,
  type OktaConnectorOptions,
  type OktaDomain,
  OktaOptions,
} from './config.js';
import { mapOktaError } from './errors/map-error.js';
import { oktaResources } from './resources.js';
import { OktaUserPage } from './schemas/user.js';

/** Okta's own members, beside the shared `Connector` surface and the resources. */
export interface OktaMembers {
  /** The org's subdomain (`acme` of `acme.okta.com`), when the host is one of Okta's. */
  readonly org: string | undefined;
  /** Where the org's API lives (`custom` for a custom domain, a proxy or the sandbox). */
  readonly domain: OktaDomain;
}

/**
 * An Okta connection: `users` (`list()`, `get()`, `factors(id)`, `roles(id)`), `groups`
 * (`list()`, `members(id)`), `verify()`, `accounts()` (with `lastLoginAt`), `budget()` (one
 * window per endpoint family, learned from Okta's headers), `estimateSyncCost()`, `identity` and
 * `toJSON()`.
 */
export type OktaConnector = DefinedConnector<typeof oktaResources, OktaMembers>;

/** An endpoint family, as Okta counts its rate limits: method and path, ids left out. */
export function oktaRateLimitBucket(request: { method: string; path: string }): string {
  return `${request.method} ${request.path.replace(/\/[A-Za-z0-9]{20}(?=\/|$)/g, '/{id}')}`;
}

/**
 * Connects to an Okta org with an API token (`Authorization: SSWS <token>`) or an OAuth 2.0
 * service app (`private_key_jwt`, Okta's recommended way for services), on the org URL
 * (`https://<org>.okta.com`, `.oktapreview.com`, `.okta-emea.com`) or a custom domain.
 *
 * Every request passes one limiter per connection, which learns each endpoint family's
 * per-minute limit from Okta's `X-Rate-Limit-Limit`/`-Remaining`/`-Reset` headers and waits for
 * the reset before Okta answers 429; a host's own share (`limits.perMinute`) applies beside it.
 * The credential is sent only to the org's origin.
 *
 * @example
 * ```ts
 * const okta = createOktaConnector({
 *   orgUrl: 'https://acme.okta.com',
 *   apiToken: process.env.OKTA_API_TOKEN ?? '',
 * });
 * await okta.verify();
 * for await (const account of okta.accounts()) console.log(account.email, account.lastLoginAt);
 * ```
 *
 * @throws `ConfigError` (vendor `okta`) when neither or both credentials are given, a credential
 * is malformed, or the org URL is not https on an Okta host (without `customDomain`/`baseUrl`).
 * @function
 */
export const createOktaConnector: ConnectorFactory<
  OktaConnectorOptions,
  OktaConnector,
  OktaConfig
> = defineConnector({
  vendor: 'okta',
  label: OKTA_WORDING.label,
  userAgent: userAgentOf(pkg),
  config: OktaOptions,
  hints: OKTA_WORDING.hints,
  revokeAccess:
    'In the Okta Admin Console, Security › API › Tokens: revoke the API token this connection used (or deactivate the service app it used), so it reads nothing more.',
  // One org, one name; behind a proxy or custom domain, the host tells orgs apart.
  defaultName: (c: OktaConfig) => c.org ?? `okta-${new URL(c.origin).host}`,
  identity: (c) => ({
    vendor: 'okta',
    host: new URL(c.origin).host,
    // An org is its host; a rotated token or another service app reads the same org.
    tenant: c.org ?? new URL(c.origin).host,
  }),
  transport: (c, env) => ({
    hosts: { api: `${c.origin}/api/v1/` },
    auth:
      c.auth.kind === 'api-token'
        ? authorizationHeader(c.auth.apiToken, { scheme: 'SSWS' })
        : oauth2ClientCredentials({
            tokenUrl: `${c.origin}/oauth2/v1/token`,
            clientId: c.auth.clientId,
            privateKeyJwt: { privateKey: c.auth.privateKey, keyId: c.auth.keyId },
            scope: (c.auth.scopes ?? OKTA_DEFAULT_SCOPES).join(' '),
            fetch: env.fetch,
            clock: env.clock,
            vendor: 'okta',
          }),
    // Okta's limits depend on the plan and the endpoint: learned per endpoint from the headers.
    windows:
      c.limits.perMinute === undefined
        ? []
        : [{ name: 'minute', limit: c.limits.perMinute, intervalMs: 60_000 }],
    rateLimitHeaders: ['okta'],
    rateLimitBucket: oktaRateLimitBucket,
    maxWaitMs: c.limits.maxWaitMs,
    mapError: mapOktaError,
  }),
  resources: oktaResources,
  accounts: {
    from: 'users',
    itemsPath: '$',
    map: toOktaAccount,
  },
  async verify(rt, o) {
    await rt.http.request({
      path: 'users',
      query: { limit: 1 },
      schema: OktaUserPage,
      signal: o.signal,
    });
    return {
      host: new URL(rt.config.origin).host,
      domain: rt.config.domain,
      ...(rt.config.org === undefined ? {} : { org: rt.config.org }),
      auth: rt.config.auth.kind,
    };
  },
  describe: (rt) => ({ org: rt.config.org, domain: rt.config.domain, auth: rt.config.auth.kind }),
  members: (rt): OktaMembers => ({ org: rt.config.org, domain: rt.config.domain }),
});
