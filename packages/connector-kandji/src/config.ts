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

/** Where Kandji hosts a tenant's API. `custom` means an explicit `baseUrl` (a proxy, the sandbox). */
export type KandjiRegion = 'us' | 'eu' | 'custom';

/** Kandji's documented limits: 50 requests a second and 10,000 an hour per tenant. */
export const KANDJI_RATE_LIMITS = { perSecond: 50, perHour: 10_000 } as const;

/** Kandji's hard upper limit of devices per request. */
export const KANDJI_MAX_DEVICE_PAGE = 300;

const API_URL_HINT =
  'copy the API URL from Kandji Settings > Access > API Token, such as https://acme.api.kandji.io ' +
  '(US) or https://acme.api.eu.kandji.io (EU)';

/** How Kandji's config errors are worded. */
export const KANDJI_WORDING: ConfigWording = {
  vendor: 'kandji',
  label: 'Kandji',
  hints: {
    apiToken: 'add one in Kandji Settings > Access > API Token and paste the token alone',
    apiUrl: API_URL_HINT,
    baseUrl: 'give the API root of a proxy or the sandbox; /api/v1/ is appended unless present',
    limits: 'give this connection a share of the tenant budget (50 a second, 10,000 an hour)',
    '*': 'see the options of createKandjiConnector',
  },
};

const KANDJI_API_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.api(\.eu)?\.kandji\.io$/;
// The web console lives on <sub>.kandji.io / <sub>.eu.kandji.io; admins paste it by mistake.
const KANDJI_WEB_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(\.eu)?\.kandji\.io$/;
const ALLOWED_PATHS = new Set(['', '/', '/api', '/api/', '/api/v1', '/api/v1/']);

interface Location {
  baseUrl: string;
  tenant: string | undefined;
  region: KandjiRegion;
}

const fail = (field: string, problem: string): never => {
  throw configError(KANDJI_WORDING, field, problem);
};

/** The API URL an admin copied: https on a `*.api.kandji.io` / `*.api.eu.kandji.io` host. */
function fromApiUrl(text: string): Location {
  const url = parseHttpsUrl(text);
  if (typeof url === 'string') return fail('apiUrl', url);
  if (url.protocol !== 'https:') return fail('apiUrl', 'must use https');
  const api = KANDJI_API_HOST.exec(url.hostname);
  if (!api) {
    const web = KANDJI_WEB_HOST.exec(url.hostname);
    return fail(
      'apiUrl',
      web
        ? `is the web console; the API URL is https://${web[1]}.api${web[2] ?? ''}.kandji.io`
        : 'must be a *.api.kandji.io or *.api.eu.kandji.io host',
    );
  }
  if (url.port) fail('apiUrl', 'must not name a port');
  if (!ALLOWED_PATHS.has(url.pathname)) fail('apiUrl', 'must end at the host or at /api/v1/');
  return { baseUrl: `${url.origin}/api/v1/`, tenant: api[1], region: api[2] ? 'eu' : 'us' };
}

/** An explicit API root (a proxy, the sandbox): `/api/v1/` is appended unless present. */
function fromBaseUrl(text: string): Location {
  const url = parseHttpsUrl(text);
  if (typeof url === 'string') return fail('baseUrl', url);
  const path = url.pathname.replace(/\/+$/, '');
  const root = path.endsWith('/api/v1')
    ? path
    : path.endsWith('/api')
      ? `${path}/v1`
      : `${path}/api/v1`;
  return { baseUrl: `${url.origin}${root}/`, tenant: undefined, region: 'custom' };
}

const positive = (max: number) => v.optional(boundedInt(1, max));

/** The options of `createKandjiConnector`, validated; the resolved config is its output. */
export const KandjiOptions = v.pipe(
  v.object({
    /** API token from Kandji Settings > Access > API Token. Sent only to the API URL's origin. */
    apiToken: secret(),
    /**
     * API URL from Kandji Settings > Access, such as `https://acme.api.kandji.io` (US) or
     * `https://acme.api.eu.kandji.io` (EU), with or without scheme or `/api/v1/`. Optional only
     * when `baseUrl` is given.
     */
    apiUrl: v.optional(v.string('must be a URL')),
    /**
     * Explicit API root for proxies and the sandbox (http only on loopback); overrides `apiUrl`.
     */
    baseUrl: v.optional(v.string('must be a URL')),
    ...connectorOptions({
      defaultPageSize: KANDJI_MAX_DEVICE_PAGE,
      maxPageSize: KANDJI_MAX_DEVICE_PAGE,
    }),
    /**
     * Overrides Kandji's limits, for a tenant on another plan or a budget shared with another app.
     * Response headers tighten them further at run time.
     */
    limits: v.optional(
      v.object({
        /** Requests per second (default 50). */
        perSecond: positive(1_000_000),
        /** Requests per hour (default 10,000). */
        perHour: positive(1_000_000_000),
        /** Length of the "second" window in ms (default 1,000); tests scale it. */
        secondMs: positive(86_400_000),
        /** Length of the "hour" window in ms (default 3,600,000); tests scale it. */
        hourMs: positive(86_400_000),
        /** Longest a call waits for a slot before failing with `RateLimitError` (default 60 s). */
        maxWaitMs: positive(2 ** 31 - 1),
      }),
      {},
    ),
  }),
  v.transform(({ apiUrl, baseUrl, ...rest }) => {
    const location =
      baseUrl !== undefined && baseUrl.trim() !== ''
        ? fromBaseUrl(baseUrl)
        : apiUrl !== undefined && apiUrl.trim() !== ''
          ? fromApiUrl(apiUrl)
          : fail('apiUrl', 'is required');
    return { ...rest, ...location };
  }),
);

/** Options of `createKandjiConnector`: the connection's settings plus transport hooks. */
export interface KandjiConnectorOptions
  extends v.InferInput<typeof KandjiOptions>,
    TransportOptions {}

/** A Kandji connection's settings after validation. */
export type KandjiConfig = v.InferOutput<typeof KandjiOptions>;
