/**
 * Delay before the next run: `intervalMs` plus up to `jitter × intervalMs`, so that many pollers
 * started together drift apart. Jitter only lengthens the interval, so it never breaks a budget.
 */
export function jitteredInterval(intervalMs: number, jitter: number, random: () => number): number {
  return Math.round(intervalMs * (1 + jitter * random()));
}

/** Backoff settings for runs that failed. */
export interface BackoffOptions {
  /** Delay after the first failure (default: the interval, so a retry never costs more budget). */
  initialMs?: number | undefined;
  /** Longest delay, however many runs failed in a row (default: 8 × the interval). */
  maxMs?: number | undefined;
}

/**
 * Delay before retrying after `failures` failed runs in a row: doubling from `initialMs` up to
 * `maxMs`, never shorter than the `retryAfterMs` a rate-limit error asked for.
 */
export function retryDelay(
  failures: number,
  backoff: { initialMs: number; maxMs: number },
  retryAfterMs?: number,
): number {
  const exponential = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}
