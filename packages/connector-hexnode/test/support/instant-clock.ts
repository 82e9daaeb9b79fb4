import { AbortError, type Clock } from '@org/connector-core';

/** Sleeps at least this long are timeouts in these tests: they never fire (only abort). */
export const NEVER_MS = 1_000_000_000;

/** A {@link Clock} that records each wait and jumps virtual time past it at once. */
export interface InstantClock extends Clock {
  /** Every wait shorter than {@link NEVER_MS}, in the order asked. */
  readonly waits: number[];
}

/**
 * Virtual time for unit tests: a wait (retry backoff, a 429's wait, the limiter's next slot)
 * resolves on the next turn and moves `now()` forward by its length, so nothing sleeps for real.
 * Timeouts are set to {@link NEVER_MS} by the tests and never fire.
 */
export function createInstantClock(start = Date.UTC(2024, 0, 1)): InstantClock {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(new AbortError());
          return;
        }
        if (ms >= NEVER_MS) {
          signal?.addEventListener('abort', () => reject(new AbortError()), { once: true });
          return;
        }
        waits.push(ms);
        const at = now + Math.max(0, ms);
        setImmediate(() => {
          if (signal?.aborted) {
            reject(new AbortError());
            return;
          }
          now = Math.max(now, at);
          resolve();
        });
      });
    },
  };
}
