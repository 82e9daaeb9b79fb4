// Memory: JumpCloud users streamed through accounts() at 100,000, 300,000 and 1,000,000 users, on
// Node's default heap settings, against a hand-written fetch loop over the same users. The sandbox
// runs in one child process and each client in another, and the client's peak RSS (the kernel's
// VmHWM, and samples of process.memoryUsage().rss every 10 ms) is what counts. Flat memory means
// the connector's peak does not grow with the users, and stays at or below the plain loop's. A
// minimal loop that keeps the least alive shows what V8's heap sizing alone adds as users grow,
// and the live heap and a capped heap show whether the connector itself keeps anything per user.
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
  /** V8's young generation (new space) at the end, in bytes: it only grows during a sync. */
  youngGeneration: number | undefined;
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
/** The young generation the runs ended with, in MB (each run's, when they differ). */
const young = (rs: ClientReport[]) =>
  `young generation ${[...new Set(rs.map((r) => ((r.youngGeneration ?? 0) / MB).toFixed(0)))].join(' / ')} MB`;

/**
 * The JumpCloud connector's default concurrency: the raw loop that reads as far ahead is the fair
 * reference for the connector at its defaults (bodies arriving at once and pages waiting their
 * turn cost memory in any client), the sequential loop for the connector at concurrency 1.
 */
const DEFAULT_CONCURRENCY = 4;

type Kind = 'connector' | 'connector, concurrency 1' | 'fetch' | 'fetch, ahead' | 'minimal';
const KINDS: readonly Kind[] = [
  'connector',
  'connector, concurrency 1',
  'fetch',
  'fetch, ahead',
  'minimal',
];
const clientOf = (kind: Kind) =>
  kind.startsWith('connector') ? 'connector' : kind === 'minimal' ? 'minimal' : 'fetch';

const labelOf = (users: number) =>
  users >= 1_000_000 ? `${users / 1_000_000}M users` : `${users / 1000}k users`;

/** Runs the memory scenario: `runs` fresh client processes per size and client. */
export async function memory(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: ResultRow[] = [];
  const peaks = new Map<Kind, Map<number, number>>(KINDS.map((k) => [k, new Map()]));
  const capped = new Map<number, ClientReport[]>();
  const liveHeap = new Map<number, number>();
  let lastConnector: ClientReport[] = [];
  for (const users of SIZES) {
    const sandbox = await startRemoteSandbox({
      vendor: 'jumpcloud',
      seed: 41,
      size: { users },
      limits: false,
    });
    const c = sandbox.credentials;
    const client = (kind: Kind, flags: readonly string[] = []) =>
      runClient(
        {
          BENCH_JUMPCLOUD_API_KEY: c.apiKey,
          BENCH_JUMPCLOUD_ORG_ID: c.orgId,
          BENCH_JUMPCLOUD_BASE_URL: c.baseUrl,
          BENCH_USERS: String(users),
          BENCH_CLIENT: clientOf(kind),
          // The connector at its default concurrency is left unset, so it runs as shipped.
          ...(kind === 'connector, concurrency 1' ? { BENCH_CONCURRENCY: '1' } : {}),
          ...(kind === 'fetch, ahead' ? { BENCH_CONCURRENCY: String(DEFAULT_CONCURRENCY) } : {}),
        },
        flags,
      );
    const reports = new Map<Kind, ClientReport[]>(KINDS.map((k) => [k, []]));
    try {
      for (let i = 0; i < runs; i++) {
        for (const kind of KINDS) {
          const report = await client(kind);
          if (report.accounts !== users) {
            throw new Error(`the ${kind} memory client read ${report.accounts}, not ${users}`);
          }
          reports.get(kind)?.push(report);
        }
        log(`  memory ${users} users, run ${i + 1}/${runs} done`);
      }
      if (users === SIZES[0] || users === SIZES[SIZES.length - 1]) {
        const reps: ClientReport[] = [];
        for (let i = 0; i < runs; i++) reps.push(await client('connector', CAPPED_HEAP));
        capped.set(users, reps);
        log(`  memory ${users} users, capped heap done`);
      }
    } finally {
      await sandbox.close();
    }
    const of = (kind: Kind) => reports.get(kind) ?? [];
    const peak = (kind: Kind) => median(of(kind).map(peakOf));
    for (const kind of KINDS) peaks.get(kind)?.set(users, peak(kind));
    lastConnector = of('connector');
    liveHeap.set(users, median(lastConnector.map((r) => r.liveHeapAtEnd / MB)));
    const label = labelOf(users);
    const sync = (kind: Kind) => `sync ${(median(of(kind).map((r) => r.ms)) / 1000).toFixed(1)} s`;
    const heap = (kind: Kind) =>
      `peak heap used ${median(of(kind).map((r) => r.heapPeak / MB)).toFixed(0)} MB`;
    rows.push({
      scenario: 'memory',
      variant: `connector peak RSS, default concurrency (${DEFAULT_CONCURRENCY}), ${label}`,
      value: peak('connector'),
      unit: 'MB',
      runs: mb(of('connector').map(peakOf)),
      target: `<= raw loop ${DEFAULT_CONCURRENCY} ahead (${peak('fetch, ahead').toFixed(1)} MB)`,
      met: peak('connector') <= peak('fetch, ahead'),
      note: `${sync('connector')}; ${heap('connector')}; ${young(of('connector'))}; ${(peak('connector') / peak('fetch')).toFixed(2)}x the sequential raw loop`,
    });
    rows.push({
      scenario: 'memory',
      variant: `connector peak RSS, concurrency 1, ${label}`,
      value: peak('connector, concurrency 1'),
      unit: 'MB',
      runs: mb(of('connector, concurrency 1').map(peakOf)),
      target: `<= raw loop (${peak('fetch').toFixed(1)} MB)`,
      met: peak('connector, concurrency 1') <= peak('fetch'),
      note: `${sync('connector, concurrency 1')}; ${heap('connector, concurrency 1')}; ${young(of('connector, concurrency 1'))}`,
    });
    rows.push({
      scenario: 'memory',
      variant: `raw fetch loop peak RSS, ${DEFAULT_CONCURRENCY} pages ahead, ${label}`,
      value: peak('fetch, ahead'),
      unit: 'MB',
      runs: mb(of('fetch, ahead').map(peakOf)),
      note: `${sync('fetch, ahead')}; ${young(of('fetch, ahead'))}`,
    });
    rows.push({
      scenario: 'memory',
      variant: `raw fetch loop peak RSS, ${label}`,
      value: peak('fetch'),
      unit: 'MB',
      runs: mb(of('fetch').map(peakOf)),
      note: `${sync('fetch')}; ${young(of('fetch'))}`,
    });
    rows.push({
      scenario: 'memory',
      variant: `minimal loop peak RSS (node:http, each user parsed alone), ${label}`,
      value: peak('minimal'),
      unit: 'MB',
      runs: mb(of('minimal').map(peakOf)),
      note: `${sync('minimal')}; ${young(of('minimal'))}; the connector's fields`,
    });
  }
  const ratio = (kind: Kind) => {
    const byUsers = peaks.get(kind);
    const small = byUsers?.get(SIZES[0] as number) ?? Number.NaN;
    const large = byUsers?.get(SIZES[SIZES.length - 1] as number) ?? Number.NaN;
    return Number((large / small).toFixed(3));
  };
  rows.push({
    scenario: 'memory',
    variant: 'connector peak RSS, 1M / 100k users',
    value: ratio('connector'),
    unit: 'x',
    runs: [ratio('connector')],
    target: `<= ${FLAT}`,
    met: ratio('connector') <= FLAT,
    note: `concurrency 1: ${ratio('connector, concurrency 1').toFixed(2)}x; raw loop ${ratio('fetch').toFixed(2)}x, ${DEFAULT_CONCURRENCY} ahead ${ratio('fetch, ahead').toFixed(2)}x; minimal loop ${ratio('minimal').toFixed(2)}x (V8 sizes its heap by what the process has allocated)`,
  });
  const first = SIZES[0] as number;
  const last = SIZES[SIZES.length - 1] as number;
  const liveRatio = Number(
    ((liveHeap.get(last) ?? Number.NaN) / (liveHeap.get(first) ?? Number.NaN)).toFixed(3),
  );
  rows.push({
    scenario: 'memory',
    variant: 'connector live heap near the end, 1M / 100k users',
    value: liveRatio,
    unit: 'x',
    runs: [liveRatio],
    target: `<= ${FLAT}`,
    met: liveRatio <= FLAT,
    note: `${(liveHeap.get(first) ?? 0).toFixed(1)} MB at 100k, ${(liveHeap.get(last) ?? 0).toFixed(1)} MB at 1M: what the stream keeps alive does not grow with the users`,
  });
  rows.push({
    scenario: 'memory',
    variant: 'connector live heap near the end, 1M users',
    value: median(lastConnector.map((r) => r.liveHeapAtEnd / MB)),
    unit: 'MB',
    runs: mb(lastConnector.map((r) => r.liveHeapAtEnd / MB)),
    note: `after a forced GC at the last-but-one account; RSS before the sync ${median(lastConnector.map((r) => r.startRss / MB)).toFixed(1)} MB`,
  });
  const cappedAt = (users: number) => capped.get(users) ?? [];
  for (const users of [first, last]) {
    rows.push({
      scenario: 'memory',
      variant: `connector peak RSS, capped heap, ${labelOf(users)}`,
      value: median(cappedAt(users).map(peakOf)),
      unit: 'MB',
      runs: mb(cappedAt(users).map(peakOf)),
      note: `${CAPPED_HEAP.join(' ')}; sync ${(median(cappedAt(users).map((r) => r.ms)) / 1000).toFixed(1)} s`,
    });
  }
  const cappedRatio = Number(
    (median(cappedAt(last).map(peakOf)) / median(cappedAt(first).map(peakOf))).toFixed(3),
  );
  rows.push({
    scenario: 'memory',
    variant: 'connector peak RSS, capped heap, 1M / 100k users',
    value: cappedRatio,
    unit: 'x',
    runs: [cappedRatio],
    target: `<= ${FLAT}`,
    met: cappedRatio <= FLAT,
    note: 'the heap sizes fixed by the host, so the peak is what the process keeps, not how far V8 grew its heap',
  });
  return {
    id: 'memory',
    title: 'Memory: JumpCloud users streamed at 100k, 300k and 1M, client peak RSS',
    setup: `JumpCloud sandbox and each client in separate processes, ${SIZES.join(' / ')} users, Node's default heap, page size 100; the connector at its default concurrency (${DEFAULT_CONCURRENCY}) and at 1; the raw loop steps skip by 100, one page at a time and ${DEFAULT_CONCURRENCY} pages ahead; the minimal loop reads one page at a time over node:http and parses each user from its own bytes; the capped heap is ${CAPPED_HEAP.join(' ')}; medians of ${runs} fresh processes per size`,
    rows,
  };
}
