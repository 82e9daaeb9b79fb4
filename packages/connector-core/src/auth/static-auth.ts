import { inspect } from 'node:util';
import { ConfigError } from '../errors/errors.js';
import type { AuthStrategy } from './auth-strategy.js';

function requireSecret(value: string, what: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ConfigError(`${what} is missing or empty`);
  }
}

function describe(kind: string) {
  const description = { auth: kind };
  return {
    kind,
    toJSON: () => description,
    [inspect.custom]: () => description,
  };
}

/** Options of {@link authorizationHeader}. */
export interface AuthorizationHeaderOptions {
  /**
   * The scheme sent before the token, such as Okta's `SSWS` (`Authorization: SSWS <token>`).
   * Without one the token is sent as the whole header value (Hexnode).
   */
  scheme?: string | undefined;
}

// RFC 9110 §11.1: an auth scheme is a token.
const SCHEME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Sends the credential in `Authorization`: as the raw header value (Hexnode), or after a scheme
 * (`{ scheme: 'SSWS' }` for Okta's API tokens). Only the token is registered as a secret, so
 * redaction looks for the token itself wherever it is echoed, with or without the scheme.
 *
 * @param token - The API key or token, sent verbatim after the scheme.
 * @param o - The scheme, when the vendor names one.
 */
export function authorizationHeader(
  token: string,
  o: AuthorizationHeaderOptions = {},
): AuthStrategy {
  requireSecret(token, 'The API key');
  const scheme = o.scheme;
  if (scheme !== undefined && !SCHEME.test(scheme)) {
    throw new ConfigError('The authorization scheme must be a single token, such as SSWS');
  }
  const value = scheme === undefined ? token : `${scheme} ${token}`;
  return {
    ...describe(scheme === undefined ? 'authorization-header' : `authorization:${scheme}`),
    authorize(request) {
      request.headers.set('authorization', value);
    },
    secrets: () => [token],
  };
}

/**
 * Sends `Authorization: Bearer <token>` (Kandji).
 *
 * @param token - The API token.
 */
export function bearer(token: string): AuthStrategy {
  requireSecret(token, 'The API token');
  return {
    ...describe('bearer'),
    authorize(request) {
      request.headers.set('authorization', `Bearer ${token}`);
    },
    secrets: () => [token],
  };
}

/**
 * Sends the key in a named header, plus static extra headers such as JumpCloud's `x-org-id`.
 * A request can drop an extra header by setting it to `undefined` in its own headers: extra headers
 * never overwrite or re-add what the request already decided.
 *
 * @param header - Header that carries the key, such as `x-api-key`.
 * @param key - The API key.
 * @param extraHeaders - Non-secret headers sent with every authorized request.
 */
export function apiKeyHeader(
  header: string,
  key: string,
  extraHeaders: Record<string, string> = {},
): AuthStrategy {
  requireSecret(key, 'The API key');
  if (!/^[A-Za-z0-9-]+$/.test(header)) throw new ConfigError(`Invalid header name "${header}"`);
  for (const [name, value] of Object.entries(extraHeaders)) {
    if (value === '') throw new ConfigError(`Header ${name} must not be empty`);
  }
  return {
    ...describe(`api-key:${header.toLowerCase()}`),
    authorize(request, ctx) {
      request.headers.set(header, key);
      for (const [name, value] of Object.entries(extraHeaders)) {
        if (ctx.omitHeaders?.has(name.toLowerCase()) || request.headers.has(name)) continue;
        request.headers.set(name, value);
      }
    },
    secrets: () => [key],
  };
}
