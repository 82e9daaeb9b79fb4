import { AbortError } from '../errors/errors.js';

/**
 * Where the core reads the time and waits. Every wait in the core (retry backoff, rate-limit
 * windows, timeouts) goes through a `Clock`, so tests inject a manual clock and never sleep.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds, however long that is. Rejects with {@link AbortError} as
   * soon as `signal` aborts (or at once when it already has).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `fire` once after `ms` milliseconds and returns a function that cancels it. Optional:
   * without it the core falls back to {@link Clock.sleep}. Deadlines use it because cancelling a
   * timer must cost nothing, where cancelling a sleep builds an {@link AbortError}.
   */
  schedule?(ms: number, fire: () => void): () => void;
}

/** The longest delay `setTimeout` takes; longer ones fire at once with a `TimeoutOverflowWarning`. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `setTimeout` for any length: a delay past {@link MAX_TIMER_MS} is waited in steps, so it neither
 * fires at once nor warns. Non-finite or negative delays are treated as "never" and "now".
 */
function scheduleReal(ms: number, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (Number.isNaN(ms) || ms === Number.POSITIVE_INFINITY) return () => {};
  const due = Date.now() + Math.max(0, ms);
  const arm = (left: number) => {
    timer = setTimeout(
      () => {
        const rest = due - Date.now();
        if (rest > 0 && left > MAX_TIMER_MS) arm(rest);
        else fire();
      },
      Math.min(Math.max(0, left), MAX_TIMER_MS),
    );
  };
  arm(Math.max(0, ms));
  return () => clearTimeout(timer);
}

/** The real clock: `Date.now()` and `setTimeout` (of any length), abortable. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortError());
        return;
      }
      const onAbort = () => {
        cancel();
        reject(new AbortError());
      };
      const cancel = scheduleReal(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  schedule: scheduleReal,
};
