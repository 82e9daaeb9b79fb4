// A loopback server sends headers and then one byte at a time, only when told to; mid-body a full
// garbage collection runs, then the scenario's abort fires. Needs `--expose-gc`.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { createManualClock } from '../../src/clock/manual-clock.js';
import { createHttpClient } from '../../src/http/client.js';
import type { Connector } from '../../src/model/connector.js';
import { createMemoryStateStore } from '../../src/sync/memory-store.js';
import { createPoller } from '../../src/sync/poller.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What happened in one scenario. */
export interface DripOutcome {
  scenario: string;
  /** Name of the error the call ended with, or `resolved`; undefined while still pending. */
  settled: string | undefined;
  /** Whether the server saw the connection close. */
  closed: boolean;
  /** Bytes dripped after the abort before both happened (200 = gave up). */
  drips: number;
}

/**
 * Runs one scenario: `attempt` (per-attempt timeout), `total` (total timeout), `call` (the call's
 * signal), `connector` (the connector's signal) or `poller` (`poller.stop()`).
 */
export async function abortAfterGc(scenario: string): Promise<DripOutcome> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');

  let res: ServerResponse | undefined;
  let closed = false;
  const server = createServer((_req, r) => {
    res = r;
    r.on('close', () => {
      closed = true;
    });
    r.writeHead(200, { 'content-type': 'application/json' });
    r.write('[');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const clock = createManualClock();
  const connectorAbort = new AbortController();
  const callAbort = new AbortController();
  let headers = false;
  const http = createHttpClient({
    vendor: 'drip',
    baseUrl: `http://127.0.0.1:${port}/`,
    clock,
    retry: { limit: 0 },
    timeout: { perAttemptMs: 3_000, ...(scenario === 'total' ? { totalMs: 5_000 } : {}) },
    signal: connectorAbort.signal,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      headers = true;
      return response;
    },
  });
  const read = (signal?: AbortSignal) =>
    http.request({ path: 'users', schema: v.unknown(), ...(signal ? { signal } : {}) });

  let outcome: Promise<unknown>;
  let stopPoller: (() => Promise<void>) | undefined;
  if (scenario === 'poller') {
    const connector: Connector = {
      vendor: 'drip',
      name: 'drip',
      verify: async () => ({}) as never,
      async *accounts(o) {
        // The read never finishes; what matters is that stopping the poller ends it.
        await read(o?.signal);
        yield* [];
      },
    };
    const poller = createPoller({
      connector,
      store: createMemoryStateStore(),
      intervalMs: 60_000,
      clock,
      firstRun: 'now',
    });
    outcome = poller.runOnce();
    stopPoller = () => poller.stop();
  } else {
    outcome = read(scenario === 'call' ? callAbort.signal : undefined);
  }
  let settled: string | undefined;
  outcome.then(
    () => {
      settled = 'resolved';
    },
    (error: unknown) => {
      settled = (error as Error).name;
    },
  );

  // Wait for the body to start arriving, then collect every object nothing strongly holds.
  while (!headers || !res) await turn();
  for (let i = 0; i < 3; i++) {
    res.write(' ');
    await turn();
  }
  for (let i = 0; i < 3; i++) {
    gc();
    await turn();
  }

  if (scenario === 'attempt') await clock.advance(3_000);
  else if (scenario === 'total') await clock.advance(5_000);
  else if (scenario === 'call') callAbort.abort();
  else if (scenario === 'connector') connectorAbort.abort();
  else if (scenario === 'poller') await stopPoller?.();
  else throw new Error(`unknown scenario ${scenario}`);

  // Keep dripping: a read nobody cancelled would keep the socket open through every byte.
  let drips = 0;
  for (; drips < 200 && !(closed && settled !== undefined); drips++) {
    if (!closed) res.write(' ');
    await turn();
  }
  res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return { scenario, settled, closed, drips };
}
