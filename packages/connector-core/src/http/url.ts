import { ConfigError } from '../errors/errors.js';
import type { QueryParams } from './options.js';

/** Parses and normalises a base URL: http(s) only, no query or fragment, path ending in `/`. */
export function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('The base URL is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`The base URL must use http or https, not ${url.protocol}`);
  }
  if (url.username || url.password)
    throw new ConfigError('The base URL must not contain credentials');
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Resolves a path against the base URL. Leading slashes are ignored (the path is always relative to
 * the base path); an absolute URL is accepted only on the base URL's origin.
 */
export function resolvePath(base: URL, path: string, query: QueryParams | undefined): URL {
  const absolute = ABSOLUTE.test(path);
  const target = absolute ? path : path.replace(LEADING_SLASHES, '');
  // A path without a query or fragment of its own takes the query as built here, so the URL is
  // parsed once per request; otherwise the path's own parameters are kept and the query's override.
  const plain = query !== undefined && !target.includes('?') && !target.includes('#');
  const qs = plain ? serialise(query) : '';
  const url = absolute ? new URL(target + qs) : new URL(target + qs, base);
  if (url.origin !== base.origin) {
    throw new ConfigError(`Refusing to send a request to another origin than ${base.origin}`);
  }
  if (query === undefined || plain) return url;
  // One serialisation of the query: `searchParams.set` re-serialises the URL on every call.
  let params: URLSearchParams | undefined;
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    params ??= new URLSearchParams(url.search);
    params.set(key, String(value));
  }
  if (params) url.search = params.toString();
  return url;
}

const ABSOLUTE = /^[a-z][a-z\d+.-]*:/i;
const LEADING_SLASHES = /^\/+/;

/** `?a=1&b=2` from the defined parameters (form-encoded, as `URLSearchParams` writes them), or `''`. */
function serialise(query: QueryParams): string {
  let params: URLSearchParams | undefined;
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    params ??= new URLSearchParams();
    params.append(key, String(value));
  }
  return params ? `?${params.toString()}` : '';
}
