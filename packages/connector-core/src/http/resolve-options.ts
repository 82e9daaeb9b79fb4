import { MAX_TIMER_MS } from '../clock/clock.js';
import { ConfigError } from '../errors/errors.js';
import type { HttpClientOptions } from './options.js';
import type { RetryPolicy } from './retry.js';

/** Default cap of one response body: far above any vendor page, far below a machine's memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Default longest server wait accepted before failing with a `RateLimitError`. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 3_600_000;

/** The client's numeric settings, checked and with defaults applied. */
export interface ResolvedSettings {
  retry: RetryPolicy;
  perAttemptMs: number;
  totalMs: number | undefined;
  maxResponseBytes: number;
}

/**
 * Checks one numeric option: a finite integer within `[min, max]`, or undefined (the default).
 * `Infinity`, `NaN`, `0` or `2 ** 31` ms for a timeout would otherwise be accepted and make every
 * attempt abort at once ("within Infinity ms").
 */
export function checkInteger(
  value: number | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, not ${String(value)}`,
    );
  }
  return value;
}

/**
 * Checks every numeric option of {@link HttpClientOptions} and applies the defaults: 4 retries,
 * waits of at most 60 s each and 5 min in total, server waits of at most 1 h, 30 s per attempt,
 * no total timeout, 32 MiB per response body.
 *
 * @throws {@link ConfigError} naming the first option out of range.
 */
export function resolveSettings(o: HttpClientOptions): ResolvedSettings {
  const r = o.retry ?? {};
  const t = o.timeout ?? {};
  if (r.random !== undefined && typeof r.random !== 'function') {
    throw new ConfigError('retry.random must be a function');
  }
  return {
    retry: {
      limit: checkInteger(r.limit, 'retry.limit', 0, 100) ?? 4,
      maxDelayMs: checkInteger(r.maxDelayMs, 'retry.maxDelayMs', 0, MAX_TIMER_MS) ?? 60_000,
      maxTotalDelayMs:
        checkInteger(r.maxTotalDelayMs, 'retry.maxTotalDelayMs', 0, Number.MAX_SAFE_INTEGER) ??
        300_000,
      baseDelayMs: checkInteger(r.baseDelayMs, 'retry.baseDelayMs', 0, MAX_TIMER_MS) ?? 500,
      maxRetryAfterMs:
        checkInteger(r.maxRetryAfterMs, 'retry.maxRetryAfterMs', 0, Number.MAX_SAFE_INTEGER) ??
        DEFAULT_MAX_RETRY_AFTER_MS,
      random: r.random ?? Math.random,
    },
    perAttemptMs: checkInteger(t.perAttemptMs, 'timeout.perAttemptMs', 1, MAX_TIMER_MS) ?? 30_000,
    totalMs: checkInteger(t.totalMs, 'timeout.totalMs', 1, Number.MAX_SAFE_INTEGER),
    maxResponseBytes:
      checkInteger(o.maxResponseBytes, 'maxResponseBytes', 1, Number.MAX_SAFE_INTEGER) ??
      DEFAULT_MAX_RESPONSE_BYTES,
  };
}
