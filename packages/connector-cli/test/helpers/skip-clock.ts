import { AbortError, type Clock } from '@org/connector-core';

/**
 * A clock for tests of a schedule: waits shorter than `longMs` (store timeouts, lock renewals,
 * "run now") are real timers, which a test never lives long enough to see fire unless they are
 * zero; waits of `longMs` or more (the polling interval) only end when the test calls `skip`,
 * which moves time on. Real file I/O and the schedule cannot race, as they would on a clock that
 * only moves when told to.
 */
export interface SkipClock extends Clock {
  /** Moves time on by `ms`, ending the long waits that fall due. */
  skip(ms: number): void;
  /** Long waits not yet ended. */
  waiting(): number;
}

export function createSkipClock(longMs: number, start = Date.UTC(2026, 0, 5, 9)): SkipClock {
  const offset = start - Date.now();
  let skipped = 0;
  const now = () => Date.now() + offset + skipped;
  const long = new Set<{ at: number; fire: () => void }>();
  return {
    now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new AbortError());
        let cancel: () => void;
        const onAbort = () => {
          cancel();
          reject(new AbortError());
        };
        const done = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        if (ms >= longMs) {
          const timer = { at: now() + ms, fire: done };
          long.add(timer);
          cancel = () => long.delete(timer);
        } else {
          const handle = setTimeout(done, Math.max(0, ms));
          cancel = () => clearTimeout(handle);
        }
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    skip(ms) {
      skipped += ms;
      for (const timer of [...long]) {
        if (timer.at <= now()) {
          long.delete(timer);
          timer.fire();
        }
      }
    },
    waiting: () => long.size,
  };
}
