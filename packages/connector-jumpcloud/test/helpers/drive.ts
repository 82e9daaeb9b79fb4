import {
  createClockDriver,
  createManualClock,
  type ManualClock,
} from '@org/connector-core/testing';
import {
  createJumpCloudConnector,
  type JumpCloudConnector,
  type JumpCloudConnectorOptions,
} from '../../src/index.js';

/**
 * A connector on a manual clock, run by the kit's clock driver: `run(promise)` moves the clock to
 * its next timer only while no request is in flight, so retries and backoffs happen at once and no
 * real time passes. `start`: the clock's epoch ms (the manual clock's default when absent).
 */
export function connectorOnManualClock(
  options: JumpCloudConnectorOptions,
  start?: number,
): {
  jc: JumpCloudConnector;
  clock: ManualClock;
  run: <T>(promise: Promise<T>) => Promise<T>;
  collect: <T>(iterable: AsyncIterable<T>) => Promise<T[]>;
} {
  const clock = createManualClock(start);
  const driver = createClockDriver(clock, { fetch: options.fetch ?? fetch });
  const jc = createJumpCloudConnector({
    retry: { random: () => 0.5 },
    ...options,
    clock,
    fetch: driver.fetch,
  });
  const run = <T>(promise: Promise<T>): Promise<T> => driver.run(promise);
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
