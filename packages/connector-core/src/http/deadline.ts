import type { Clock } from '../clock/clock.js';

/** A timer that aborts a controller when it runs out, and can be cancelled for free. */
export interface Deadline {
  /** Whether the timer fired (the abort came from the deadline, not from a caller). */
  readonly expired: boolean;
  /** Stops the timer; call it when the work it guards is done. */
  cancel(): void;
}

/** Reason a controller is aborted with when its deadline fires (no `DOMException` is built). */
export const DEADLINE_EXPIRED: unique symbol = Symbol('deadline expired');

/**
 * Starts a timer on `clock` that aborts `controller` after `ms`; `undefined` means no deadline.
 * Uses `clock.schedule` when the clock has it: cancelling a `sleep` rejects it with an
 * `AbortError`, whose stack trace would be built and thrown away on every successful request.
 */
export function startDeadline(
  clock: Clock,
  ms: number | undefined,
  controller: AbortController,
): Deadline {
  if (ms === undefined) return { expired: false, cancel: () => {} };
  const state = { expired: false, cancel: () => {} };
  const fire = () => {
    state.expired = true;
    controller.abort(DEADLINE_EXPIRED);
  };
  if (clock.schedule) {
    state.cancel = clock.schedule(ms, fire);
  } else {
    const stop = new AbortController();
    clock.sleep(ms, stop.signal).then(fire, () => {});
    state.cancel = () => stop.abort();
  }
  return state;
}
