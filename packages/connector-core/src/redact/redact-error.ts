import { ConnectorError } from '../errors/connector-error.js';
import { redact } from './redact.js';

/** Deep-copies plain data, redacting every string in it. Non-plain objects become their type name. */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[Object]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    return `[${value.constructor?.name ?? 'Object'}]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, secrets, depth + 1);
  return out;
}

/**
 * A plain copy of a cause: name, message, stack, `code` and its own cause, all redacted. Drops
 * everything else (an HTTP library's error may carry the request, whose headers hold the credential).
 */
function sanitizeCause(cause: unknown, secrets: readonly string[], depth: number): unknown {
  if (cause instanceof ConnectorError) return redactErrorAt(cause, secrets, depth + 1);
  if (!(cause instanceof Error)) {
    return typeof cause === 'string' ? redact(cause, secrets) : redactValue(cause, secrets);
  }
  const copy = new Error(redact(cause.message, secrets));
  copy.name = cause.name;
  copy.stack = cause.stack === undefined ? undefined : redact(cause.stack, secrets);
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    Object.defineProperty(copy, 'code', { value: code, enumerable: true });
  }
  if (cause.cause !== undefined && depth < 5) {
    Object.defineProperty(copy, 'cause', {
      value: sanitizeCause(cause.cause, secrets, depth + 1),
      configurable: true,
      writable: true,
    });
  }
  return copy;
}

/**
 * Scrubs every secret from an error before it leaves the core: message, stack, string fields,
 * validation issues, and the whole cause chain (causes are replaced by plain redacted copies).
 * Errors that are not `Error`s become an `Error` with the redacted text. Returns the same error
 * object when it is one (mutated in place), so `instanceof` checks keep working.
 *
 * @param error - Anything that was thrown.
 * @param secrets - Secret values to scrub, such as `auth.secrets()`.
 */
export function redactError<E extends Error>(error: E, secrets: Iterable<string>): E;
export function redactError(error: unknown, secrets: Iterable<string>): Error;
export function redactError(error: unknown, secrets: Iterable<string>): Error {
  return redactErrorAt(error, [...secrets], 0);
}

function redactErrorAt(error: unknown, secrets: readonly string[], depth: number): Error {
  const list = secrets.filter((s) => s.length > 0);
  if (!(error instanceof Error)) {
    return new Error(redact(typeof error === 'string' ? error : String(error), list));
  }
  error.message = redact(error.message, list);
  if (error.stack !== undefined) error.stack = redact(error.stack, list);
  for (const key of Object.keys(error)) {
    if (key === 'cause') continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || (typeof value === 'object' && value !== null)) {
      Object.defineProperty(error, key, {
        value: redactValue(value, list),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
  }
  if (error.cause !== undefined) {
    Object.defineProperty(error, 'cause', {
      value: sanitizeCause(error.cause, list, depth),
      configurable: true,
      writable: true,
    });
  }
  return error;
}
