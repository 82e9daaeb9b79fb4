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

/**
 * Sends the credential as the raw `Authorization` header value, without a scheme (Hexnode).
 *
 * @param value - The API key, sent verbatim.
 */
export function authorizationHeader(value: string): AuthStrategy {
  requireSecret(value, 'The API key');
  return {
    ...describe('authorization-header'),
    authorize(request) {
      request.headers.set('authorization', value);
    },
    secrets: () => [value],
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
