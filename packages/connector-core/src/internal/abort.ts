import { AbortError } from '../errors/errors.js';

/** Throws {@link AbortError} when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

/** A signal that aborts when any of its parents does, and a way to detach it from them. */
export interface LinkedSignal {
  /** Aborts with the first parent's reason; undefined when no parent was given. */
  signal: AbortSignal | undefined;
  /** Removes the listeners from the parents; call it when the work the signal guards is done. */
  unlink(): void;
}

/**
 * Combines signals, ignoring the missing ones. Unlike `AbortSignal.any`, the link is explicit and
 * undone by `unlink()`: `AbortSignal.any` registers every combined signal with its long-lived parents
 * through weak references that only a full GC clears, so one per request kept each request's
 * response reachable long enough to be promoted, and a million-user sync grew the heap to hundreds
 * of megabytes of garbage.
 */
export function linkSignals(...signals: Array<AbortSignal | undefined>): LinkedSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return { signal: present[0], unlink: () => {} };
  const controller = new AbortController();
  const aborted = present.find((s) => s.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, unlink: () => {} };
  }
  const listeners = present.map((parent) => {
    const onAbort = () => {
      unlink();
      controller.abort(parent.reason);
    };
    parent.addEventListener('abort', onAbort, { once: true });
    return { parent, onAbort };
  });
  function unlink() {
    for (const { parent, onAbort } of listeners) parent.removeEventListener('abort', onAbort);
  }
  return { signal: controller.signal, unlink };
}

/** Resolves or rejects with `promise`, but rejects with {@link AbortError} as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody waits for `promise` any more: its own failure (often the same abort) is no news.
    promise.catch(() => undefined);
    return Promise.reject(new AbortError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Settles with `promise`, or rejects with `signal`'s reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
