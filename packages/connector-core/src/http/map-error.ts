import type { ConnectorError, ConnectorErrorOptions } from '../errors/connector-error.js';
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../errors/errors.js';

/** The default typed error for an HTTP error status. */
export function defaultHttpError(
  status: number,
  summary: string,
  options: ConnectorErrorOptions & { retryAfterMs?: number | undefined },
): ConnectorError {
  const where = `${options.vendor} ${options.endpoint}`;
  const said = summary ? `: ${summary}` : '';
  switch (status) {
    case 401:
      return new AuthenticationError(
        `${where} rejected the credentials (HTTP 401); reconnect required${said}`,
        options,
      );
    case 403:
      return new PermissionError(`${where} denied access (HTTP 403)${said}`, options);
    case 404:
      return new NotFoundError(`${where} was not found (HTTP 404)${said}`, options);
    case 408:
      return new TimeoutError(`${where} timed out on the server (HTTP 408)${said}`, options);
    case 429:
      return new RateLimitError(`${where} is rate limited (HTTP 429)${said}`, {
        ...options,
        scope: (options.retryAfterMs ?? 0) >= 3_600_000 ? 'quota' : 'window',
      });
  }
  if (status >= 500) return new ServerError(`${where} failed (HTTP ${status})${said}`, options);
  return new BadRequestError(`${where} rejected the request (HTTP ${status})${said}`, options);
}
