import type { Clock } from '../clock/clock.js';
import { StoreError } from '../errors/errors.js';
import { formatDuration } from './format-duration.js';

/** Runs one store call, failing with `StoreError` when it has not settled in time. */
export type StoreCall = <T>(call: () => T | Promise<T>, doing: string) => Promise<T>;

/**
 * Bounds every call to one store by `timeoutMs`: a store that never answers (a paused server, a
 * half-open connection) fails with a retryable `StoreError` instead of hanging its caller. `doing`
 * completes "The state store did not … of acme" (`load the snapshot`).
 */
export function createStoreCall(o: {
  clock: Clock;
  timeoutMs: number;
  /** What the store is, in messages: `state store`, `rate-limit store`. */
  store: string;
  /** Whose data the calls touch, in messages: the connection or limiter key. */
  subject: string;
}): StoreCall {
  return <T>(call: () => T | Promise<T>, doing: string): Promise<T> => {
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call());
    } catch (error) {
      pending = Promise.reject(error);
    }
    return boundCall(o, pending, doing);
  };
}

/** Races `pending` with the timeout of {@link createStoreCall}; the timer never outlives it. */
export function boundCall<T>(
  o: { clock: Clock; timeoutMs: number; store: string; subject: string },
  pending: Promise<T>,
  doing: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cancel: () => void;
    const expire = () =>
      reject(
        new StoreError(
          `The ${o.store} did not ${doing} of ${o.subject} within ${formatDuration(o.timeoutMs)}`,
          { location: o.subject },
        ),
      );
    if (o.clock.schedule) cancel = o.clock.schedule(o.timeoutMs, expire);
    else {
      const timer = new AbortController();
      o.clock.sleep(o.timeoutMs, timer.signal).then(expire, () => undefined);
      cancel = () => timer.abort();
    }
    pending.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
