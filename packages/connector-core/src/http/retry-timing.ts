/** Options of the retry policy. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  limit?: number | undefined;
  /** Cap of a single wait, whether computed or asked for by the server (default 60 s). */
  maxDelayMs?: number | undefined;
  /** Cap of all waits of one request together (default 5 min). */
  maxTotalDelayMs?: number | undefined;
  /**
   * Longest server wait (`Retry-After` or the vendor's equivalent) the client accepts (default
   * 1 h). Past it the call fails at once with a `RateLimitError` carrying `retryAfterMs`, and the
   * connection's limiter pauses for this long only: a bogus header cannot stop it for years.
   */
  maxRetryAfterMs?: number | undefined;
  /** First backoff step before jitter (default 500 ms); doubles with each retry. */
  baseDelayMs?: number | undefined;
  /** Source of randomness for jitter, in [0, 1) (default `Math.random`); inject it in tests. */
  random?: (() => number) | undefined;
}

/**
 * `Retry-After` as milliseconds: delay seconds or an HTTP date. Undefined when absent, garbage or a
 * date already past: a wait of 0 would retry back to back, so those fall back to normal backoff.
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) {
    const ms = Number.parseFloat(retryAfter) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  // Only an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), not whatever Date.parse accepts ("1").
  if (!/^[A-Za-z]{3},? /.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date) || date <= now) return undefined;
  return date - now;
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^(retry-1))). */
export function backoffMs(retry: number, base: number, cap: number, random: () => number): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
