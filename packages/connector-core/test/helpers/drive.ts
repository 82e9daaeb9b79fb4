import type { ManualClock } from '../../src/clock/manual-clock.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs code that talks to nock on a manual clock: a `fetch` that counts requests in flight, and
 * `run(promise)`, which fires the clock's next timer only when no request is in flight. A test that
 * makes a request hang on purpose passes `{ hang: true }` so time moves while it is in flight.
 * No real time passes.
 */
export function createDriver(clock: ManualClock) {
  let inFlight = 0;
  const trackedFetch: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  async function run<T>(promise: Promise<T>, o: { hang?: boolean } = {}): Promise<T> {
    let settled = false;
    const done = promise.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    let busyTurns = 0;
    for (;;) {
      await turn();
      if (settled) break;
      if (inFlight > 0 && (!o.hang || busyTurns++ < 20)) continue;
      busyTurns = 0;
      if (clock.pending() > 0) await clock.next();
    }
    return done;
  }
  return { fetch: trackedFetch, run, inFlight: () => inFlight };
}
