import type { TransportOptions } from '@org/connector-core';
import {
  boundedInt,
  type ConfigWording,
  configError,
  connectorOptions,
  parseHttpsUrl,
  secret,
} from '@org/connector-core/kit';
import * as v from 'valibot';

/** Where an Okta org's API lives: an Okta cell, or a host the org chose (`custom`). */
export type OktaDomain = 'okta.com' | 'oktapreview.com' | 'okta-emea.com' | 'custom';

/** Users per page: Okta's default and most. */
export const OKTA_MAX_PAGE = 200;

/** Scopes a service app asks for by default: what the connector reads. */
export const OKTA_DEFAULT_SCOPES = [
  'okta.users.read',
  'okta.groups.read',
  'okta.factors.read',
  'okta.roles.read',
] as const;

const ORG_URL_HINT =
  'give the org URL from the Okta Admin Console (top right, under your name), such as ' +
  'https://acme.okta.com, https://acme.oktapreview.com or https://acme.okta-emea.com';

/** How Okta's config errors are worded. */
export const OKTA_WORDING: ConfigWording = {
  vendor: 'okta',
  label: 'Okta',
  hints: {
    apiToken:
      'create one in the Admin Console under Security > API > Tokens and paste the token alone ' +
      '(without "SSWS"); or give serviceApp instead',
    serviceApp:
      'create an API Services app (Applications > Create App Integration), choose public key / ' +
      'private key client authentication, grant it the okta.*.read scopes, and give its client id ' +
      'and the PEM private key',
    orgUrl: ORG_URL_HINT,
    customDomain:
      'give the https URL of the custom domain your org serves the API on (Customizations > Domain)',
    baseUrl: 'give the API root of a proxy or the sandbox; /api/v1/ is appended',
    limits: 'give this connection a share of the org budget, per minute and endpoint',
    '*': 'see the options of createOktaConnector',
  },
};

// `<org>.okta.com`, `<org>.oktapreview.com`, `<org>.okta-emea.com`.
const OKTA_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.(okta|oktapreview|okta-emea)\.com$/;

interface Location {
  /** Origin of the org: the API under `/api/v1/`, tokens at `/oauth2/v1/token`. */
  origin: string;
  /** The org's subdomain, when the host is an Okta cell. */
  org: string | undefined;
  domain: OktaDomain;
}

const fail = (field: string, problem: string): never => {
  throw configError(OKTA_WORDING, field, problem);
};

const ROOT_PATHS = new Set(['', '/', '/api', '/api/', '/api/v1', '/api/v1/']);

/** An org URL on one of Okta's cells; the admin console (`<org>-admin.okta.com`) is named as such. */
function fromOrgUrl(text: string): Location {
  const url = parseHttpsUrl(text);
  if (typeof url === 'string') return fail('orgUrl', url);
  if (url.protocol !== 'https:') return fail('orgUrl', 'must use https');
  const m = OKTA_HOST.exec(url.hostname);
  if (!m) {
    return fail(
      'orgUrl',
      'must be a *.okta.com, *.oktapreview.com or *.okta-emea.com host (a custom domain goes in customDomain)',
    );
  }
  const org = m[1] as string;
  if (org.endsWith('-admin')) {
    return fail(
      'orgUrl',
      `is the admin console; the org URL is https://${org.slice(0, -6)}.${m[2]}.com`,
    );
  }
  if (url.port) fail('orgUrl', 'must not name a port');
  if (!ROOT_PATHS.has(url.pathname)) fail('orgUrl', 'must end at the host');
  return { origin: url.origin, org, domain: `${m[2]}.com` as OktaDomain };
}

/** An explicit host: a custom domain the org chose, a proxy or the sandbox. */
function fromExplicit(field: 'customDomain' | 'baseUrl', text: string): Location {
  const url = parseHttpsUrl(text);
  if (typeof url === 'string') return fail(field, url);
  if (field === 'customDomain' && !ROOT_PATHS.has(url.pathname))
    fail(field, 'must end at the host');
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/v1)?$/, '');
  return { origin: `${url.origin}${path}`, org: undefined, domain: 'custom' };
}

const positive = (max: number) => v.optional(boundedInt(1, max));

/** A service app's credentials: client id and the PEM private key of `private_key_jwt`. */
const ServiceApp = v.object({
  /** Client ID of the API Services app (`0oa…`). */
  clientId: v.pipe(v.string('is required'), v.trim(), v.nonEmpty('is required')),
  /** The app's private key, PEM (PKCS#8 or PKCS#1), as Okta generated or you uploaded it. */
  privateKey: v.pipe(v.string('is required'), v.trim(), v.nonEmpty('is required')),
  /** The key id (`kid`) Okta shows for the key, when the app has several. */
  keyId: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'))),
  /** Scopes to ask for (default the okta.*.read scopes the connector reads). */
  scopes: v.optional(
    v.array(v.pipe(v.string(), v.regex(/^okta\.[a-zA-Z.]+$/, 'must be okta.* scopes'))),
  ),
});

/** The options of `createOktaConnector`, validated; the resolved config is its output. */
export const OktaOptions = v.pipe(
  v.object({
    /**
     * API token (Security > API > Tokens), sent as `Authorization: SSWS <token>`; or `serviceApp`.
     */
    apiToken: v.optional(secret()),
    /** OAuth 2.0 service app with private_key_jwt (Okta's recommended way for services). */
    serviceApp: v.optional(ServiceApp),
    /**
     * The org URL, such as `https://acme.okta.com`; required unless `customDomain` or `baseUrl`.
     */
    orgUrl: v.optional(v.string('must be a URL')),
    /** A custom domain the org serves the API on; the credential goes only to this origin. */
    customDomain: v.optional(v.string('must be a URL')),
    /**
     * Explicit API root for proxies and the sandbox (http only on loopback); overrides the others.
     */
    baseUrl: v.optional(v.string('must be a URL')),
    ...connectorOptions({ defaultPageSize: OKTA_MAX_PAGE, maxPageSize: OKTA_MAX_PAGE }),
    /**
     * This connection's share of the org's budget. Without it the connector follows Okta's
     * X-Rate-Limit headers per endpoint, whatever the org's plan gives.
     */
    limits: v.optional(
      v.object({
        /** Requests per minute across every endpoint (a share of the org's budget). */
        perMinute: positive(1_000_000),
        /** Longest a call waits for a slot before failing with `RateLimitError` (default 60 s). */
        maxWaitMs: positive(2 ** 31 - 1),
      }),
      {},
    ),
  }),
  v.transform(({ orgUrl, customDomain, baseUrl, apiToken, serviceApp, ...rest }) => {
    const given = (s: string | undefined) => s !== undefined && s.trim() !== '';
    const location = given(baseUrl)
      ? fromExplicit('baseUrl', baseUrl as string)
      : given(customDomain)
        ? fromExplicit('customDomain', customDomain as string)
        : given(orgUrl)
          ? fromOrgUrl(orgUrl as string)
          : fail('orgUrl', 'is required');
    if (apiToken !== undefined && serviceApp !== undefined) {
      fail('apiToken', 'and serviceApp are both given; give one');
    }
    const auth =
      apiToken !== undefined
        ? { kind: 'api-token' as const, apiToken }
        : serviceApp !== undefined
          ? { kind: 'service-app' as const, ...serviceApp }
          : fail('apiToken', 'is required');
    return { ...rest, ...location, auth };
  }),
);

/** Options of `createOktaConnector`: the connection's settings plus transport hooks. */
export interface OktaConnectorOptions extends v.InferInput<typeof OktaOptions>, TransportOptions {}

/** An Okta connection's settings after validation. */
export type OktaConfig = v.InferOutput<typeof OktaOptions>;
