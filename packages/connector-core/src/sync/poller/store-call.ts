import type { Clock } from '../../clock/clock.js';
import { StoreError } from '../../errors/errors.js';
import { formatDuration } from './format-duration.js';

/** Runs one store call, failing with `StoreError` when it has not settled in time. */
export type StoreCall = <T>(call: () => Promise<T>, doing: string) => Promise<T>;

/**
 * Bounds every state-store call of one connection by `timeoutMs`: a store that never answers
 * fails the run with a retryable `StoreError` instead of hanging the poller. `doing` completes
 * "The state store did not …" (`load the snapshot`).
 */
export function createStoreCall(o: {
  clock: Clock;
  timeoutMs: number;
  connection: string;
}): StoreCall {
  return <T>(call: () => Promise<T>, doing: string): Promise<T> => {
    const timer = new AbortController();
    const timeout = o.clock.sleep(o.timeoutMs, timer.signal).then(
      () => {
        throw new StoreError(
          `The state store did not ${doing} of ${o.connection} within ${formatDuration(o.timeoutMs)}`,
          { location: o.connection },
        );
      },
      () => new Promise<never>(() => undefined), // cancelled: the call settled first
    );
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call());
    } catch (error) {
      pending = Promise.reject(error);
    }
    return Promise.race([pending, timeout]).finally(() => timer.abort());
  };
}
