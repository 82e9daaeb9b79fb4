// Memory: 1,000,000 JumpCloud users streamed through accounts(). The sandbox runs in one child
// process and the client in another, and the client's peak RSS (the kernel's VmHWM, and samples of
// process.memoryUsage().rss every 10 ms) is what counts.
import { fork } from 'node:child_process';
import { median } from '../measure.ts';
import { startRemoteSandbox } from '../remote-sandbox.ts';
import type { ScenarioResult } from '../report.ts';

const USERS = 1_000_000;
const TARGET_MB = 150;
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
 * A heap a host app can give a streaming sync: 1 MB semi-spaces and a 48 MB old space. On Node's
 * defaults V8 lets a busy heap grow to well over 100 MB before collecting it, so peak RSS measures
 * V8's appetite more than what the stream keeps; under this cap a stream that grew would crash.
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

/** Runs the memory scenario `runs` times (each a fresh client process). */
export async function memory(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const sandbox = await startRemoteSandbox({
    vendor: 'jumpcloud',
    seed: 41,
    size: { users: USERS },
    limits: false,
  });
  const c = sandbox.credentials;
  const reports: ClientReport[] = [];
  const capped: ClientReport[] = [];
  const references: ClientReport[] = [];
  const client = (kind: 'connector' | 'fetch', flags: readonly string[] = []) =>
    runClient(
      {
        BENCH_JUMPCLOUD_API_KEY: c.apiKey,
        BENCH_JUMPCLOUD_ORG_ID: c.orgId,
        BENCH_JUMPCLOUD_BASE_URL: c.baseUrl,
        BENCH_USERS: String(USERS),
        BENCH_CLIENT: kind,
      },
      flags,
    );
  try {
    for (let i = 0; i < runs; i++) {
      const report = await client('connector');
      if (report.accounts !== USERS) {
        throw new Error(`the memory client read ${report.accounts} users, not ${USERS}`);
      }
      reports.push(report);
      log(`  memory run ${i + 1}/${runs}: ${(report.ms / 1000).toFixed(1)} s`);
      const small = await client('connector', CAPPED_HEAP);
      if (small.accounts !== USERS) {
        throw new Error(`the capped-heap client read ${small.accounts} users, not ${USERS}`);
      }
      capped.push(small);
      log(`  memory run ${i + 1}/${runs}, capped heap: ${(small.ms / 1000).toFixed(1)} s`);
    }
    // The same stream read by a hand-written fetch loop: what Node itself costs.
    references.push(await client('fetch'));
    log('  memory reference (fetch loop) done');
  } finally {
    await sandbox.close();
  }
  const peakOf = (rs: ClientReport[]) => rs.map((r) => (r.kernelPeakRss ?? r.sampledPeakRss) / MB);
  const peak = peakOf(reports);
  const cappedPeak = peakOf(capped);
  const mb = (xs: number[]) => xs.map((x) => Number(x.toFixed(1)));
  return {
    id: 'memory',
    title: 'Memory: 1,000,000 JumpCloud users streamed, client peak RSS',
    setup: `JumpCloud sandbox and client in separate processes, ${USERS} users, default concurrency (4), page size 100`,
    rows: [
      {
        scenario: 'memory',
        variant: 'client peak RSS',
        value: median(peak),
        unit: 'MB',
        runs: mb(peak),
        target: `<= ${TARGET_MB} MB`,
        met: median(peak) <= TARGET_MB,
        note: `RSS before the sync ${median(reports.map((r) => r.startRss / MB)).toFixed(1)} MB`,
      },
      {
        scenario: 'memory',
        variant: 'client peak RSS, capped heap',
        value: median(cappedPeak),
        unit: 'MB',
        runs: mb(cappedPeak),
        target: `<= ${TARGET_MB} MB`,
        met: median(cappedPeak) <= TARGET_MB,
        note: `${CAPPED_HEAP.join(' ')}; sync ${(median(capped.map((r) => r.ms)) / 1000).toFixed(1)} s`,
      },
      {
        scenario: 'memory',
        variant: 'client peak heap used',
        value: median(reports.map((r) => r.heapPeak / MB)),
        unit: 'MB',
        runs: mb(reports.map((r) => r.heapPeak / MB)),
        note: 'sampled every 10,000 accounts',
      },
      {
        scenario: 'memory',
        variant: 'client live heap near the end',
        value: median(reports.map((r) => r.liveHeapAtEnd / MB)),
        unit: 'MB',
        runs: mb(reports.map((r) => r.liveHeapAtEnd / MB)),
        note: 'after a forced GC at the last-but-one account',
      },
      {
        scenario: 'memory',
        variant: 'reference: fetch loop peak RSS',
        value: median(peakOf(references)),
        unit: 'MB',
        runs: mb(peakOf(references)),
        note: `live heap near the end ${median(references.map((r) => r.liveHeapAtEnd / MB)).toFixed(1)} MB`,
      },
      {
        scenario: 'memory',
        variant: 'sync time',
        value: median(reports.map((r) => r.ms)),
        unit: 'ms',
        runs: reports.map((r) => Math.round(r.ms)),
      },
    ],
  };
}
