import { createManualClock, type ManualClock } from '@org/connector-core';
import {
  createJumpCloudConnector,
  type JumpCloudConnector,
  type JumpCloudConnectorOptions,
} from '../../src/connector.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A connector on a manual clock with a `fetch` that counts requests in flight. `run(promise)`
 * moves the clock to its next timer only while no request is in flight, so retries and backoffs
 * happen at once and no real time passes.
 */
export function connectorOnManualClock(options: JumpCloudConnectorOptions): {
  jc: JumpCloudConnector;
  clock: ManualClock;
  run: <T>(promise: Promise<T>) => Promise<T>;
  collect: <T>(iterable: AsyncIterable<T>) => Promise<T[]>;
} {
  const clock = createManualClock();
  let inFlight = 0;
  const inner = options.fetch ?? fetch;
  const trackedFetch: typeof fetch = async (input, init) => {
    inFlight++;
    try {
      return await inner(input, init);
    } finally {
      inFlight--;
    }
  };
  const jc = createJumpCloudConnector({
    retry: { random: () => 0.5 },
    ...options,
    clock,
    fetch: trackedFetch,
  });
  async function run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const done = promise.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    for (;;) {
      await turn();
      if (settled) break;
      if (inFlight > 0) continue;
      if (clock.pending() > 0) await clock.next();
    }
    return done;
  }
  const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    await run(
      (async () => {
        for await (const item of iterable) out.push(item);
      })(),
    );
    return out;
  };
  return { jc, clock, run, collect };
}

/** Builds `n` JumpCloud-looking ObjectIds that sort in creation order. */
export function objectIds(n: number, prefix = '5f00'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i.toString(16).padStart(20, '0')}`);
}

/**
 * The URL of a request as a nock 15 reply callback receives it (a fetch `Request`, typed as a
 * string by nock's declarations).
 */
export function urlOf(request: unknown): URL {
  if (typeof request === 'string') return new URL(request, 'http://nock.invalid');
  return new URL((request as Request).url);
}
