import type { ManualClock } from '@org/connector-core';

/** A request as it left the connector. */
export interface SentRequest {
  /** Full URL, query included. */
  url: URL;
  /** Headers as sent, credentials included. */
  headers: Headers;
  /** Manual-clock time it was sent at. */
  at: number;
}

const IDLE_TURNS = 5;
const NULL_BODY = new Set([101, 204, 205, 304]);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs connector code that talks to nock on a manual clock. The returned `fetch` counts requests
 * in flight; `run(promise)` lets I/O finish and fires the clock's next timer (a limiter slot, a
 * retry backoff) only while nothing is in flight, so no real time passes and no per-attempt
 * timeout fires under a pending response.
 */
export function createDriver(clock: ManualClock) {
  let inFlight = 0;
  let peak = 0;
  const sent: SentRequest[] = [];
  const trackedFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: new URL(request.url), headers: request.headers, at: clock.now() });
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      // Read the body while still counted in flight, so time cannot jump (and fire a timeout)
      // while a large page is still arriving.
      const response = await fetch(input, init);
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      inFlight--;
    }
  };
  async function run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const done = promise.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    let idle = 0;
    for (;;) {
      await turn();
      if (settled) break;
      // A request granted by the limiter takes a few turns to reach fetch: wait for quiet first.
      idle = inFlight > 0 ? 0 : idle + 1;
      if (idle < IDLE_TURNS) continue;
      if (clock.pending() > 0) await clock.next();
    }
    return done;
  }
  return { fetch: trackedFetch, run, sent, peak: () => peak };
}
