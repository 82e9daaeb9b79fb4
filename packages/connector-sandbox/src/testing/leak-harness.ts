import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { ConnectorEvent } from '@org/connector-core';
import {
  type ClockDriver,
  createClockDriver,
  createManualClock,
  type ManualClock,
} from '@org/connector-core/testing';
import { errorSurface, leaksSecret } from './secret-canary.js';

/** Options of {@link createLeakHarness}. */
export interface LeakHarnessOptions {
  /** The secrets nothing observable may hold (any 10-character run of one counts). */
  secrets: readonly string[];
  /** An origin the connector must never send anything to, such as `https://evil.test`. */
  foreignOrigin: string;
  /** What the foreign origin answers (JSON, status 200): whatever would lure the client on. */
  foreignReply: unknown;
  /** The fetch the harness wraps (default the global one, which nock intercepts). */
  fetch?: typeof fetch | undefined;
}

/** A connector's test rig for credential checks: manual clock, driver, events and a trap. */
export interface LeakHarness {
  /** The clock to give the connector. */
  readonly clock: ManualClock;
  /** The fetch to give the connector: counts requests and catches those to the foreign origin. */
  readonly fetch: typeof fetch;
  /** The `onEvent` to give the connector; events land in {@link LeakHarness.events}. */
  readonly onEvent: (event: ConnectorEvent) => void;
  /** Every event the connector sent. */
  readonly events: ConnectorEvent[];
  /** Headers of every request that reached the foreign origin (the trap). */
  readonly foreign: Array<Record<string, string>>;
  /** Every request sent, in order, with its URL and headers. */
  readonly sent: ClockDriver['sent'];
  /**
   * Settles `promise` on the manual clock. `hang`: every request in flight is one the server never
   * answers, so time moves anyway (a per-attempt timeout fires).
   */
  run<T>(promise: Promise<T>, o?: { hang?: boolean }): Promise<T>;
  /** True when `text` holds any 10-character run of a secret. */
  leaks(text: string): boolean;
  /**
   * Asserts that no secret is in `error`'s whole surface, the events, the connector's JSON and
   * `util.inspect`, and that nothing reached the foreign origin. The vendor's own checks of which
   * origin each request went to come after it.
   */
  assertNoLeak(connector: object, error?: unknown): void;
}

/**
 * The shared rig of a connector's own credential tests, the ones the conformance suite cannot make
 * against the sandbox (a vendor's `next` link on another host, construction refusals): a manual
 * clock and driver, collected events, and a trap that records anything sent to a foreign origin.
 *
 * @example
 * ```ts
 * const h = createLeakHarness({ secrets: [TOKEN], foreignOrigin: 'https://evil.test', foreignReply: {} });
 * const kandji = createKandjiConnector({
 *   apiToken: TOKEN,
 *   apiUrl: 'acme.api.kandji.io',
 *   clock: h.clock,
 *   fetch: h.fetch,
 *   onEvent: h.onEvent,
 * });
 * const error = await h.run(Array.fromAsync(kandji.accounts())).catch((e: unknown) => e);
 * h.assertNoLeak(kandji, error);
 * ```
 */
export function createLeakHarness(o: LeakHarnessOptions): LeakHarness {
  const clock = createManualClock();
  const events: ConnectorEvent[] = [];
  const foreign: Array<Record<string, string>> = [];
  const inner = o.fetch ?? fetch;
  const trap: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    if (url.origin !== o.foreignOrigin) return inner(input, init);
    foreign.push(Object.fromEntries(new Headers(init?.headers ?? request?.headers)));
    return Response.json(o.foreignReply);
  };
  let hanging = false;
  const driver = createClockDriver(clock, {
    fetch: trap,
    held: () => (hanging ? Number.MAX_SAFE_INTEGER : 0),
  });
  const leaks = (text: string) => leaksSecret(text, o.secrets);
  return {
    clock,
    fetch: driver.fetch,
    onEvent: (event) => events.push(event),
    events,
    foreign,
    sent: driver.sent,
    run(promise, r = {}) {
      hanging = r.hang ?? false;
      return driver.run(promise);
    },
    leaks,
    assertNoLeak(connector, error) {
      if (error !== undefined) assert.equal(leaks(errorSurface(error)), false, 'secret in error');
      assert.equal(leaks(JSON.stringify(events)), false, 'secret in events');
      assert.equal(leaks(JSON.stringify(connector)), false, 'secret in toJSON');
      const shown = inspect(connector, { depth: Number.POSITIVE_INFINITY, showHidden: true });
      assert.equal(leaks(shown), false, 'secret in util.inspect');
      assert.deepEqual(foreign, [], 'a request reached the foreign origin');
    },
  };
}
