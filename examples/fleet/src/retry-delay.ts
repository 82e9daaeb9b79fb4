/**
 * BullMQ backoff for a failed run: exponential from the job's `backoff.delay`, and never sooner
 * than the wait the error asks for (`retryAfterMs`, as a 429 or a used-up quota sets it).
 */
export function retryDelay(attemptsMade: number, baseMs: number, error?: unknown): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const asked = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof asked === 'number' && Number.isFinite(asked)
    ? Math.max(exponential, asked)
    : exponential;
}
