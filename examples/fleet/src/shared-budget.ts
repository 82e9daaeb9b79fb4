import type { RateLimiter } from '@org/connector-core/kit';

/**
 * A `fetch` that sends every request of a connection through a limiter whose counters live in
 * Redis, so all workers polling one tenant share its budget. The connector keeps its own limiter
 * for this process (and its retries); this one adds the cross-process budget, and shares a 429
 * pause with every worker.
 */
export function budgetedFetch(limiter: RateLimiter, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    return limiter.schedule(
      async () => {
        const response = await base(input, init);
        limiter.observe(response.headers);
        const retryAfter = Number(response.headers.get('retry-after'));
        if (response.status === 429 && retryAfter > 0) {
          limiter.pauseUntil(Date.now() + retryAfter * 1000);
        }
        return response;
      },
      { signal: signal ?? undefined },
    );
  };
}
