/**
 * The clock a driver moves: `createManualClock()` fits, as does any clock whose time only moves
 * when told to.
 */
export interface DrivableClock {
  /** Current time (epoch ms). */
  now(): number;
  /** Timers waiting to fire. */
  pending(): number;
  /** Jumps to the earliest timer and fires it. */
  next(): Promise<unknown>;
}

/** A request as it left the connector, and its answer once read. */
export interface SentRequest {
  /** Full URL, query included. */
  url: URL;
  /** Headers as sent, credentials included. */
  headers: Headers;
  /** Manual-clock time it was sent at. */
  at: number;
  /** Set once the whole response has been read. */
  response?: {
    status: number;
    headers: Headers;
    /** Manual-clock time it was read at. */
    at: number;
    /** How many requests had been sent by then: `sent.slice(sentBefore)` left after it. */
    sentBefore: number;
    /** The body of an error (status 400 or more); success bodies are left out, being large. */
    errorText?: string;
  };
}

/** Options of {@link createClockDriver}. */
export interface ClockDriverOptions {
  /** The fetch the driver wraps (default: the global one). */
  fetch?: typeof fetch;
  /**
   * Requests the server has chosen never to answer so far (an injected hang). They count as
   * in flight until the connector gives up on them, which only a clock timer can make it do.
   */
  held?: () => number;
}

const IDLE_TURNS = 5;
const NULL_BODY = new Set([101, 204, 205, 304]);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What {@link createClockDriver} returns. */
export interface ClockDriver {
  /** Give this to the code under test: it counts requests in flight and records them. */
  fetch: typeof fetch;
  /**
   * Settles `promise`, moving the clock to its next timer whenever nothing is in flight. With
   * `hang`, time also moves while requests are in flight (after a few quiet turns): for a test
   * whose server never answers on purpose, so a timeout or abort can end the request.
   */
  run<T>(promise: Promise<T>, o?: { hang?: boolean | undefined }): Promise<T>;
  /** Requests in flight now. */
  inFlight(): number;
  /** Every request sent, in order. */
  sent: SentRequest[];
  /** Most requests in flight at once. */
  peak(): number;
}

/**
 * The one clock driver of the kit's tests. Runs client code against a loopback sandbox (or nock) on a manual clock shared by both, so tests
 * of rate limits, retries and timeouts take no real time. The returned `fetch` counts requests in
 * flight; `run(promise)` lets I/O finish and fires the clock's next timer (a limiter slot, a
 * Retry-After wait, a backoff, a timeout) only while nothing is in flight, so no per-attempt
 * timeout fires under a response that is still coming.
 *
 * @example
 * ```ts
 * const clock = createManualClock();
 * const sandbox = await startSandbox({ vendor: 'kandji', clock });
 * const driver = createClockDriver(clock);
 * const kandji = createKandjiConnector({ ...sandbox.credentials, clock, fetch: driver.fetch });
 * const accounts = await driver.run(Array.fromAsync(kandji.accounts()));
 * ```
 *
 * @param clock - The manual clock the code under test (and the sandbox) waits on.
 * @param o - The fetch to wrap, and requests the server holds on purpose.
 */
export function createClockDriver(clock: DrivableClock, o: ClockDriverOptions = {}): ClockDriver {
  const inner = o.fetch ?? fetch;
  let inFlight = 0;
  let peak = 0;
  let abandoned = 0;
  const sent: SentRequest[] = [];
  const trackedFetch: typeof fetch = async (input, init) => {
    // Read without building a new Request from `input`: that would take over a POST body.
    const original = input instanceof Request ? input : undefined;
    const signal = init?.signal ?? original?.signal;
    const entry: SentRequest = {
      url: new URL(original ? original.url : String(input)),
      headers: new Headers(init?.headers ?? original?.headers),
      at: clock.now(),
    };
    sent.push(entry);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      // Read the body while still counted in flight, so time cannot jump (and fire a timeout)
      // while a large page is still arriving.
      const response = await inner(input, init);
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      entry.response = {
        status: response.status,
        headers: response.headers,
        at: clock.now(),
        sentBefore: sent.length,
        ...(response.status >= 400 && body ? { errorText: new TextDecoder().decode(body) } : {}),
      };
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (signal?.aborted) abandoned++;
      throw error;
    } finally {
      inFlight--;
    }
  };
  /** Requests in flight that the server will answer (held ones the connector still waits on excluded). */
  const busy = () => inFlight - Math.max(0, (o.held?.() ?? 0) - abandoned);
  async function run<T>(promise: Promise<T>, ro: { hang?: boolean | undefined } = {}): Promise<T> {
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
      idle = busy() > 0 && !ro.hang ? 0 : idle + 1;
      if (idle < IDLE_TURNS) continue;
      if (clock.pending() > 0) await clock.next();
    }
    return done;
  }
  return { fetch: trackedFetch, run, sent, peak: () => peak, inFlight: () => inFlight };
}
