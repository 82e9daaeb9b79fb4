import { ConfigError } from '@org/connector-core';

/** Where Kandji hosts a tenant's API. `custom` means an explicit `baseUrl` (a proxy, the sandbox). */
export type KandjiRegion = 'us' | 'eu' | 'custom';

/** The connection settings an admin provides, before normalisation. */
export interface KandjiConfigInput {
  /** API token from Kandji Settings > Access > API Token. Sent only to the API URL's origin. */
  apiToken: string;
  /**
   * API URL from Kandji Settings > Access, such as `https://acme.api.kandji.io` (US) or
   * `https://acme.api.eu.kandji.io` (EU). Accepted with or without scheme, with a trailing `/` or
   * with `/api/v1/` appended. Optional only when `baseUrl` is given.
   */
  apiUrl?: string | undefined;
  /**
   * Explicit API root for proxies and the sandbox: https on any host, or http on localhost.
   * Overrides `apiUrl` and skips its host check; `/api/v1/` is appended unless present.
   */
  baseUrl?: string | undefined;
  /** Name of the connection; defaults to the tenant's subdomain. */
  name?: string | undefined;
}

/** Connection settings after normalisation. */
export interface KandjiConfig {
  /** The token, trimmed. */
  apiToken: string;
  /** The API's versioned root, always ending in `/api/v1/`. */
  baseUrl: string;
  /** The tenant's subdomain (`acme` in `acme.api.kandji.io`), when the host is a Kandji host. */
  tenant: string | undefined;
  /** Where the tenant is hosted. */
  region: KandjiRegion;
  /** Name of the connection. */
  name: string;
}

const KANDJI_API_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.api(\.eu)?\.kandji\.io$/;
// The web console lives on <sub>.kandji.io / <sub>.eu.kandji.io; admins paste it by mistake.
const KANDJI_WEB_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(\.eu)?\.kandji\.io$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
const ALLOWED_PATHS = new Set(['', '/', '/api', '/api/', '/api/v1', '/api/v1/']);
const HINT =
  'Copy the API URL from Kandji Settings > Access > API Token, such as https://acme.api.kandji.io ' +
  '(US) or https://acme.api.eu.kandji.io (EU).';

function parseUrl(text: string, field: string): URL {
  // Only a scheme-less paste gets https:// prepended; `http://` stays and is rejected below.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) throw new ConfigError(`${field} is not a URL. ${HINT}`);
  const url = new URL(withScheme);
  if (url.username || url.password) {
    throw new ConfigError(`${field} must not contain a user name or password.`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${field} must not contain a query string or fragment.`);
  }
  return url;
}

function apiRoot(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '');
  const root = path.endsWith('/api/v1')
    ? path
    : path.endsWith('/api')
      ? `${path}/v1`
      : `${path}/api/v1`;
  return `${url.origin}${root}/`;
}

function normaliseApiUrl(text: string): Pick<KandjiConfig, 'baseUrl' | 'tenant' | 'region'> {
  const url = parseUrl(text, 'apiUrl');
  if (url.protocol !== 'https:') throw new ConfigError(`apiUrl must use https. ${HINT}`);
  const api = KANDJI_API_HOST.exec(url.hostname);
  if (!api) {
    const web = KANDJI_WEB_HOST.exec(url.hostname);
    const suggestion = web
      ? ` That looks like the web console; the API URL is https://${web[1]}.api${web[2] ?? ''}.kandji.io.`
      : '';
    throw new ConfigError(
      `apiUrl must be a *.api.kandji.io or *.api.eu.kandji.io host.${suggestion} ${HINT}`,
    );
  }
  if (url.port) throw new ConfigError(`apiUrl must not name a port. ${HINT}`);
  if (!ALLOWED_PATHS.has(url.pathname)) {
    throw new ConfigError(`apiUrl must end at the host or at /api/v1/. ${HINT}`);
  }
  return {
    baseUrl: `${url.origin}/api/v1/`,
    tenant: api[1],
    region: api[2] ? 'eu' : 'us',
  };
}

function normaliseBaseUrl(text: string): string {
  const url = parseUrl(text, 'baseUrl');
  // Plain http would put the token on the wire: only a loopback host (the sandbox, a local proxy).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new ConfigError('baseUrl must use https (http only on localhost).');
  }
  return apiRoot(url);
}

const nonEmpty = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/**
 * Validates and normalises Kandji connection settings. Throws `ConfigError` (never quoting
 * the token) when the token is missing or malformed, or when `apiUrl` is not https on a
 * `*.api.kandji.io` / `*.api.eu.kandji.io` host and no explicit `baseUrl` was given.
 *
 * @example
 * ```ts
 * resolveKandjiConfig({ apiToken, apiUrl: 'acme.api.kandji.io/api/v1/' }).baseUrl;
 * // 'https://acme.api.kandji.io/api/v1/'
 * ```
 */
export function resolveKandjiConfig(input: KandjiConfigInput): KandjiConfig {
  if (typeof input !== 'object' || input === null) {
    throw new ConfigError('Kandji options are required: { apiToken, apiUrl }.');
  }
  if (!nonEmpty(input.apiToken)) {
    throw new ConfigError('apiToken is required: add one in Kandji Settings > Access > API Token.');
  }
  const apiToken = input.apiToken.trim();
  if (/\s/.test(apiToken)) {
    // Also catches "Bearer <token>": the connector adds the scheme itself.
    throw new ConfigError('apiToken must be the bare token, without spaces or a "Bearer " prefix.');
  }
  if (input.name !== undefined && !nonEmpty(input.name)) {
    throw new ConfigError('name, when given, must be a non-empty string.');
  }

  let location: Pick<KandjiConfig, 'baseUrl' | 'tenant' | 'region'>;
  if (input.baseUrl !== undefined) {
    if (!nonEmpty(input.baseUrl)) throw new ConfigError('baseUrl, when given, must be a URL.');
    location = {
      baseUrl: normaliseBaseUrl(input.baseUrl.trim()),
      tenant: undefined,
      region: 'custom',
    };
  } else if (nonEmpty(input.apiUrl)) {
    location = normaliseApiUrl(input.apiUrl.trim());
  } else {
    throw new ConfigError(`apiUrl is required. ${HINT}`);
  }

  return {
    apiToken,
    ...location,
    name: input.name?.trim() ?? location.tenant ?? 'kandji',
  };
}
