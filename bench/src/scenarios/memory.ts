// Memory: JumpCloud users streamed through accounts() at 100,000, 300,000 and 1,000,000 users, on
// Node's default heap settings, against a hand-written fetch loop over the same users. The sandbox
// runs in one child process and each client in another, and the client's peak RSS (the kernel's
// VmHWM, and samples of process.memoryUsage().rss every 10 ms) is what counts. Flat memory means
// the connector's peak does not grow with the users, and stays at or below the plain loop's.
import { fork } from 'node:child_process';
import { median } from '../measure.ts';
import { startRemoteSandbox } from '../remote-sandbox.ts';
import type { ResultRow, ScenarioResult } from '../report.ts';

const SIZES = [100_000, 300_000, 1_000_000];
/** The largest size's peak over the smallest's. */
const FLAT = 1.15;
const MB = 1024 * 1024;

interface ClientReport {
  accounts: number;
  ms: number;
  startRss: number;
  sampledPeakRss: number;
  kernelPeakRss: number | undefined;
  heapPeak: number;
  liveHeapAtEnd: number;
}

/**
 * A heap a host app can give a streaming sync: 1 MB semi-spaces and a 48 MB old space. Under this
 * cap a stream that kept anything per user would run out of heap long before a million users.
 */
const CAPPED_HEAP = ['--max-semi-space-size=1', '--max-old-space-size=48'];

function runClient(
  env: Record<string, string>,
  flags: readonly string[] = [],
): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./memory-client.ts', import.meta.url), [], {
      env: { ...process.env, ...env },
      execArgv: ['--expose-gc', ...flags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ClientReport | undefined;
    child.on('message', (m) => {
      report = m as ClientReport;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (report && code === 0) resolve(report);
      else reject(new Error(`memory client exited with code ${code}`));
    });
  });
}

const peakOf = (r: ClientReport) => (r.kernelPeakRss ?? r.sampledPeakRss) / MB;
const mb = (xs: number[]) => xs.map((x) => Number(x.toFixed(1)));

/** Runs the memory scenario: `runs` fresh client processes per size and client. */
export async function memory(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: ResultRow[] = [];
  const connectorPeaks = new Map<number, number>();
  let capped: ClientReport[] = [];
  let lastConnector: ClientReport[] = [];
  for (const users of SIZES) {
    const sandbox = await startRemoteSandbox({
      vendor: 'jumpcloud',
      seed: 41,
      size: { users },
      limits: false,
    });
    const c = sandbox.credentials;
    const client = (kind: 'connector' | 'fetch', flags: readonly string[] = []) =>
      runClient(
        {
          BENCH_JUMPCLOUD_API_KEY: c.apiKey,
          BENCH_JUMPCLOUD_ORG_ID: c.orgId,
          BENCH_JUMPCLOUD_BASE_URL: c.baseUrl,
          BENCH_USERS: String(users),
          BENCH_CLIENT: kind,
        },
        flags,
      );
    const connector: ClientReport[] = [];
    const raw: ClientReport[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        for (const [kind, into] of [
          ['connector', connector],
          ['fetch', raw],
        ] as const) {
          const report = await client(kind);
          if (report.accounts !== users) {
            throw new Error(`the ${kind} memory client read ${report.accounts}, not ${users}`);
          }
          into.push(report);
        }
        log(`  memory ${users} users, run ${i + 1}/${runs} done`);
      }
      if (users === SIZES[SIZES.length - 1]) {
        capped = [await client('connector', CAPPED_HEAP)];
        log('  memory capped heap done');
      }
    } finally {
      await sandbox.close();
    }
    const peak = connector.map(peakOf);
    const rawPeak = raw.map(peakOf);
    connectorPeaks.set(users, median(peak));
    lastConnector = connector;
    const label = users >= 1_000_000 ? `${users / 1_000_000}M users` : `${users / 1000}k users`;
    rows.push({
      scenario: 'memory',
      variant: `connector peak RSS, ${label}`,
      value: median(peak),
      unit: 'MB',
      runs: mb(peak),
      target: `<= raw loop (${median(rawPeak).toFixed(1)} MB)`,
      met: median(peak) <= median(rawPeak),
      note: `sync ${(median(connector.map((r) => r.ms)) / 1000).toFixed(1)} s; peak heap used ${median(connector.map((r) => r.heapPeak / MB)).toFixed(0)} MB`,
    });
    rows.push({
      scenario: 'memory',
      variant: `raw fetch loop peak RSS, ${label}`,
      value: median(rawPeak),
      unit: 'MB',
      runs: mb(rawPeak),
      note: `sync ${(median(raw.map((r) => r.ms)) / 1000).toFixed(1)} s`,
    });
  }
  const small = connectorPeaks.get(SIZES[0] as number) ?? Number.NaN;
  const large = connectorPeaks.get(SIZES[SIZES.length - 1] as number) ?? Number.NaN;
  rows.push({
    scenario: 'memory',
    variant: 'connector peak RSS, 1M / 100k users',
    value: Number((large / small).toFixed(3)),
    unit: 'x',
    runs: [Number((large / small).toFixed(3))],
    target: `<= ${FLAT}`,
    met: large / small <= FLAT,
  });
  rows.push({
    scenario: 'memory',
    variant: 'connector live heap near the end, 1M users',
    value: median(lastConnector.map((r) => r.liveHeapAtEnd / MB)),
    unit: 'MB',
    runs: mb(lastConnector.map((r) => r.liveHeapAtEnd / MB)),
    note: `after a forced GC at the last-but-one account; RSS before the sync ${median(lastConnector.map((r) => r.startRss / MB)).toFixed(1)} MB`,
  });
  rows.push({
    scenario: 'memory',
    variant: 'connector peak RSS, 1M users, capped heap',
    value: median(capped.map(peakOf)),
    unit: 'MB',
    runs: mb(capped.map(peakOf)),
    note: `${CAPPED_HEAP.join(' ')}; sync ${(median(capped.map((r) => r.ms)) / 1000).toFixed(1)} s`,
  });
  return {
    id: 'memory',
    title: 'Memory: JumpCloud users streamed at 100k, 300k and 1M, client peak RSS',
    setup: `JumpCloud sandbox and each client in separate processes, ${SIZES.join(' / ')} users, Node's default heap, default concurrency, page size 100; the raw loop steps skip by 100; medians of ${runs} fresh processes per size`,
    rows,
  };
}
