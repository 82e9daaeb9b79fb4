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
import { SYSTEM_USER_FIELDS } from './schemas/user.js';

/** JumpCloud hosting region: United States (default), Europe or India. */
export type JumpCloudRegion = 'us' | 'eu' | 'in';

/** The hosts JumpCloud documents per region. India publishes no service-account token URL. */
export const JUMPCLOUD_REGION_HOSTS: Readonly<
  Record<JumpCloudRegion, { console: string; insights: string; tokenUrl: string | undefined }>
> = {
  us: {
    console: 'https://console.jumpcloud.com/',
    insights: 'https://api.jumpcloud.com/insights/directory/v1/',
    tokenUrl: 'https://admin-oauth.id.jumpcloud.com/oauth2/token',
  },
  eu: {
    console: 'https://console.eu.jumpcloud.com/',
    insights: 'https://api.eu.jumpcloud.com/insights/directory/v1/',
    tokenUrl: 'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
  },
  in: {
    console: 'https://console.in.jumpcloud.com/',
    insights: 'https://api.in.jumpcloud.com/insights/directory/v1/',
    tokenUrl: undefined,
  },
};

const KEY_HINT = 'paste the key from the JumpCloud console › your avatar › My API Key';
const ACCOUNT_HINT =
  'copy it from JumpCloud console › Settings › Service Accounts (the secret shows once, at creation)';

/** How JumpCloud's config errors are worded. */
export const JUMPCLOUD_WORDING: ConfigWording = {
  vendor: 'jumpcloud',
  label: 'JumpCloud',
  hints: {
    credentials:
      'give apiKey (console › your avatar › My API Key) or serviceAccount (Settings › Service Accounts), not both',
    apiKey: KEY_HINT,
    serviceAccount: ACCOUNT_HINT,
    orgId:
      'leave it out, or paste the Organization ID from JumpCloud console › Settings › Organization Profile',
    region: 'use us, eu or in: the region of your console host (console.eu.jumpcloud.com is eu)',
    tokenUrl: 'give the service-account token URL of your region (…/oauth2/token)',
    baseUrl: 'give the origin of a proxy or the sandbox; it moves every JumpCloud host',
    insightsBaseUrl: 'give the Directory Insights base, such as …/insights/directory/v1/',
    limits: 'JumpCloud publishes no limits: give this connection a share only to keep a budget',
    'accounts.lastLogin':
      'give lookbackDays from 1 to 90 (Directory Insights keeps 90 days of events, 15 on the lowest tier)',
    'accounts.rawFields':
      'name fields of a users.list() item, such as account_locked, password_expired or password_expiration_date',
    '*': 'see the options of createJumpCloudConnector',
  },
};

const fail = (field: string, problem: string): never => {
  throw configError(JUMPCLOUD_WORDING, field, problem);
};

/** An https URL (http on loopback only), as a base with a trailing slash unless it is an endpoint. */
function url(field: string, text: string, endpoint = false): string {
  const parsed = parseHttpsUrl(text);
  if (typeof parsed === 'string') return fail(field, parsed);
  return endpoint || parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

const optionalUrl = v.optional(v.string('must be a URL'));

/** The options of `createJumpCloudConnector`, validated; the resolved config is its output. */
export const JumpCloudOptions = v.pipe(
  v.object({
    /** An administrator's API key, sent as `x-api-key`. Give this or `serviceAccount`. */
    apiKey: v.optional(secret()),
    /** A service account's OAuth 2.0 client credentials, instead of `apiKey`. */
    serviceAccount: v.optional(
      v.object({
        /** The service account's client ID. */
        clientId: secret(),
        /** Its client secret (shown once, when the account is created). */
        clientSecret: secret(),
      }),
    ),
    /**
     * Organization ID: required for a multi-tenant (MSP) administrator. Sent as `x-org-id` where
     * JumpCloud allows it, never empty.
     */
    orgId: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.trim(),
        v.nonEmpty('is empty'),
        // JumpCloud ids are 24-hex ObjectIds; any header-safe token lets proxies and tests use theirs.
        v.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be the Organization ID (letters and digits only)'),
      ),
    ),
    /**
     * Hosting region (`us`, `eu` or `in`); picks the console, Directory Insights and token hosts.
     *
     * @defaultValue `'us'`
     */
    region: v.optional(v.picklist(['us', 'eu', 'in'], 'must be one of us, eu, in'), 'us'),
    /** Origin of a proxy or the sandbox (http only on loopback). Alone, it moves every host. */
    baseUrl: optionalUrl,
    /** Overrides the Directory Insights base (default: the region's, or under `baseUrl`). */
    insightsBaseUrl: optionalUrl,
    /** Overrides the service-account token URL (default: the region's, or under `baseUrl`). */
    tokenUrl: optionalUrl,
    ...connectorOptions({ defaultPageSize: 100, maxPageSize: 100 }),
    /**
     * Users per request, 2 to 100 (pages overlap by one item, so a page holds at least two).
     *
     * @defaultValue `100`
     */
    pageSize: v.optional(boundedInt(2, 100), 100),
    /** A share of a budget kept elsewhere (JumpCloud publishes no limits; 429s are backed off). */
    limits: v.optional(
      v.object({
        /** Requests per minute this connection may send. */
        perMinute: v.optional(boundedInt(1, 1_000_000)),
        /** Longest wait for the budget before a call fails with `RateLimitError`. */
        maxWaitMs: v.optional(boundedInt(1, 2 ** 31 - 1)),
      }),
      {},
    ),
    /**
     * What `accounts()` adds to each account beyond the user record (see the README's Accounts).
     */
    accounts: v.optional(
      v.object({
        /** Last sign-ins from Directory Insights, read once per run over the last lookbackDays. */
        lastLogin: v.optional(
          v.object({
            /** Days of sign-in events to read, 1 to 90 (Directory Insights keeps 90, or 15). */
            lookbackDays: boundedInt(1, 90),
            /**
             * Events per Directory Insights request.
             *
             * @defaultValue `1000`
             */
            eventsPerRequest: v.optional(boundedInt(1, 10_000), 1000),
          }),
        ),
        /** Extra user fields kept in `raw`, validated as `users.list()` validates them. */
        rawFields: v.optional(
          v.array(v.picklist(SYSTEM_USER_FIELDS, 'is not a field of a JumpCloud user')),
          [],
        ),
      }),
      {},
    ),
  }),
  v.transform(({ apiKey, serviceAccount, baseUrl, insightsBaseUrl, tokenUrl, ...rest }) => {
    const region = JUMPCLOUD_REGION_HOSTS[rest.region];
    // `baseUrl` alone moves every host: the credential never reaches the vendor's own hosts.
    const moved =
      baseUrl === undefined ? undefined : url('baseUrl', baseUrl).replace(/api\/(v2\/)?$/, ''); // a pasted API URL
    const hosts = moved
      ? {
          console: moved,
          insights: `${moved}insights/directory/v1/`,
          tokenUrl: `${moved}oauth2/token`,
        }
      : region;
    if ((apiKey === undefined) === (serviceAccount === undefined)) {
      fail('credentials', 'must be exactly one of apiKey or serviceAccount');
    }
    const token = tokenUrl === undefined ? hosts.tokenUrl : url('tokenUrl', tokenUrl, true);
    const credentials = serviceAccount
      ? {
          kind: 'serviceAccount' as const,
          ...serviceAccount,
          tokenUrl:
            token ?? fail('tokenUrl', `is required: JumpCloud publishes none for "${rest.region}"`),
        }
      : { kind: 'apiKey' as const, apiKey: apiKey as string };
    return {
      ...rest,
      credentials,
      consoleBaseUrl: hosts.console,
      insightsBaseUrl:
        insightsBaseUrl === undefined ? hosts.insights : url('insightsBaseUrl', insightsBaseUrl),
    };
  }),
);

/**
 * Options of `createJumpCloudConnector`: the connection's settings (give `apiKey` or
 * `serviceAccount`) plus the transport hooks every connector takes.
 */
export interface JumpCloudConnectorOptions
  extends v.InferInput<typeof JumpCloudOptions>,
    TransportOptions {}

/** A JumpCloud connection's settings after validation. */
export type JumpCloudConfig = v.InferOutput<typeof JumpCloudOptions>;
