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
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(path);
  const url = absolute ? new URL(path) : new URL(path.replace(/^\/+/, ''), base);
  if (url.origin !== base.origin) {
    throw new ConfigError(`Refusing to send a request to another origin than ${base.origin}`);
  }
  if (query === undefined) return url;
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
