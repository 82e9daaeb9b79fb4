import {
  createClockDriver,
  createManualClock,
  type ManualClock,
  type SentRequest,
} from '@org/connector-core/testing';
import { type Sandbox, type SandboxOptions, startSandbox } from '@org/connector-sandbox';
import {
  createKandjiConnector,
  type KandjiConnector,
  type KandjiConnectorOptions,
} from '../../src/index.js';

/** A connector to the sandbox and the driver that runs its calls on the shared clock. */
export interface Connection {
  kandji: KandjiConnector;
  run: <T>(promise: Promise<T>) => Promise<T>;
  sent: SentRequest[];
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * A Kandji sandbox and a connector to it sharing one manual clock: rate-limit windows, Retry-After
 * waits and backoffs all run on simulated time over real loopback sockets.
 */
export async function kandjiSandbox(
  o: Omit<SandboxOptions<'kandji'>, 'vendor' | 'clock'> = {},
): Promise<{
  sandbox: Sandbox<'kandji'>;
  clock: ManualClock;
  connect: (over?: Partial<KandjiConnectorOptions>) => Connection;
  close: () => Promise<void>;
}> {
  const clock = createManualClock();
  const sandbox = await startSandbox({ vendor: 'kandji', clock, ...o });
  const driver = createClockDriver(clock);
  function connect(over: Partial<KandjiConnectorOptions> = {}): Connection {
    const kandji = createKandjiConnector({
      ...sandbox.credentials, // { apiToken, apiUrl, baseUrl }, as the README shows
      clock,
      fetch: driver.fetch,
      retry: { random: () => 0.5 },
      ...over,
    });
    return { kandji, run: driver.run, sent: driver.sent };
  }
  return { sandbox, clock, connect, close: () => sandbox.close() };
}
