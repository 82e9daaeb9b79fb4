// Latency hiding: every response takes 50 ms (sandbox latency) and the total is known from the
// first page, so the connector can read ahead. Concurrency 4 vs one page after another.
import { drain, median, settle, timed } from '../measure.ts';
import { startRemoteSandbox } from '../remote-sandbox.ts';
import type { ScenarioResult } from '../report.ts';
import { jumpcloud } from '../vendors/jumpcloud.ts';

const USERS = 5_000;
const LATENCY_MS = 50;
const TARGET = 3;

/** Runs the latency scenario `runs` times (both variants in each run). */
export async function latency(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const sandbox = await startRemoteSandbox({
    vendor: 'jumpcloud',
    seed: 31,
    size: { users: USERS },
    limits: false,
    latency: { fixedMs: LATENCY_MS },
  });
  const c = sandbox.credentials;
  const sync = (concurrency: number) => drain(jumpcloud(c, { concurrency }).accounts());
  const sequential: number[] = [];
  const concurrent: number[] = [];
  let requests = 0;
  let peak = 0;
  try {
    for (let i = 0; i < runs; i++) {
      await settle();
      sequential.push((await timed(() => sync(1))).ms);
      await settle();
      await sandbox.resetCounters();
      concurrent.push((await timed(() => sync(4))).ms);
      const counters = await sandbox.counters();
      requests = counters.requests;
      peak = counters.peakConcurrency;
    }
    log('  latency done');
  } finally {
    await sandbox.close();
  }
  const speedups = sequential.map((s, i) => Number((s / (concurrent[i] ?? Number.NaN)).toFixed(2)));
  return {
    id: 'latency',
    title: 'Latency hiding: concurrency 4 vs sequential paging at 50 ms per request',
    setup: `JumpCloud sandbox (separate process), ${USERS} users, ${LATENCY_MS} ms per response, no limits`,
    rows: [
      {
        scenario: 'latency',
        variant: 'connector, sequential (concurrency 1)',
        value: median(sequential),
        unit: 'ms',
        runs: sequential.map(Math.round),
        note: `${requests} requests`,
      },
      {
        scenario: 'latency',
        variant: 'connector, concurrency 4',
        value: median(concurrent),
        unit: 'ms',
        runs: concurrent.map(Math.round),
        note: `peak ${peak} in flight at the server`,
      },
      {
        scenario: 'latency',
        variant: 'speed-up',
        value: median(speedups),
        unit: 'x',
        runs: speedups,
        target: `>= ${TARGET}`,
        met: median(speedups) >= TARGET,
      },
    ],
  };
}
