// Rate-limited efficiency: Hexnode and Kandji sandboxes enforce their documented limits, scaled
// down in time, and the connectors are configured with the same limits. A limiter that is too
// timid wastes budget (slower than the minimum); one that is too eager draws 429s (counted by the
// sandbox) and their pauses. The minimum counts the first window's burst: a window that starts
// empty lets `limit` requests go at once, so the last request can start
// (ceil(requests / limit) - 1) intervals in, not requests / limit intervals. It also counts what
// the last window's requests take once it opens, at the speed the same listing runs with no limit
// (measured on a sandbox without limits): a sequential cursor listing cannot start them together,
// so that time is the server's and the wire's, not the limiter's.
import { drain, median, timed } from '../measure.ts';
import { type RemoteSandbox, startRemoteSandbox } from '../remote-sandbox.ts';
import type { ResultRow, ScenarioResult } from '../report.ts';
import { hexnode } from '../vendors/hexnode.ts';
import { kandji } from '../vendors/kandji.ts';

const TARGET = 1.1;

interface Case {
  vendor: 'hexnode' | 'kandji';
  label: string;
  users: number;
  /** The scaled window both sides use. */
  limit: number;
  intervalMs: number;
  /** The case's sandbox, enforcing the limit, or with no limits. */
  start(limited: boolean): Promise<RemoteSandbox<'hexnode'> | RemoteSandbox<'kandji'>>;
  /** One sync, with the connector configured with the limit or with none. */
  sync(
    sandbox: RemoteSandbox<'hexnode'> | RemoteSandbox<'kandji'>,
    limited: boolean,
  ): Promise<number>;
}

const cases: Case[] = [
  {
    // Hexnode: 30 calls a minute (sliding), scaled 200x: 30 per 300 ms. 100 users per page.
    vendor: 'hexnode',
    label: 'hexnode 30/300ms, concurrency 4',
    users: 30_000,
    limit: 30,
    intervalMs: 300,
    start: (limited) =>
      startRemoteSandbox({
        vendor: 'hexnode',
        seed: 21,
        size: { users: 30_000 },
        limits: limited ? { perMinute: { limit: 30, intervalMs: 300 }, daily: false } : false,
      }),
    sync: (sb, limited) => {
      const c = (sb as RemoteSandbox<'hexnode'>).credentials;
      const perMinute = limited ? { limit: 30, intervalMs: 300 } : undefined;
      return drain(hexnode(c, { perMinute }).accounts());
    },
  },
  {
    // Kandji: 50 a second (fixed windows, Kong), unscaled. Users page by cursor, 300 per page,
    // one page after another, so the last window's 50 pages take their own latency (3.5–5 ms each
    // on loopback) after that window opens: 6–8% of the burst minimum, counted in the minimum.
    // Any faster window would not bind.
    vendor: 'kandji',
    label: 'kandji 50/s, cursor (sequential)',
    users: 60_000,
    limit: 50,
    intervalMs: 1000,
    start: (limited) =>
      startRemoteSandbox({
        vendor: 'kandji',
        seed: 22,
        size: { users: 60_000 },
        limits: limited ? { perSecond: { limit: 50, intervalMs: 1000 }, perHour: false } : false,
      }),
    sync: (sb, limited) => {
      const c = (sb as RemoteSandbox<'kandji'>).credentials;
      const perSecond = limited ? { limit: 50, intervalMs: 1000 } : undefined;
      return drain(kandji(c, { perSecond }).accounts());
    },
  },
];

/** The full windows before the last one that `requests` at `limit` per window need. */
function windowsBefore(requests: number, limit: number): number {
  return Math.max(0, Math.ceil(requests / limit) - 1);
}

/** When the last window opens for `requests` at `limit` per `intervalMs`, from an empty window. */
function burstMinimum(requests: number, limit: number, intervalMs: number): number {
  return windowsBefore(requests, limit) * intervalMs;
}

/** The requests that fall in the last window. */
function lastWindow(requests: number, limit: number): number {
  return requests - windowsBefore(requests, limit) * limit;
}

/**
 * The listing's time per request with no limit (median of `runs` syncs after a warm-up), on a
 * sandbox of the same seed and size that enforces nothing.
 */
async function unlimitedPerRequest(c: Case, runs: number): Promise<number> {
  const sandbox = await c.start(false);
  try {
    await c.sync(sandbox, false);
    const perRequest: number[] = [];
    for (let i = 0; i < runs; i++) {
      await sandbox.resetCounters();
      const { ms } = await timed(() => c.sync(sandbox, false));
      perRequest.push(ms / (await sandbox.counters()).requests);
    }
    return median(perRequest);
  } finally {
    await sandbox.close();
  }
}

/** Runs each rate-limited case `runs` times. */
export async function rateLimited(
  runs: number,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const rows: ResultRow[] = [];
  for (const c of cases) {
    const perRequest = await unlimitedPerRequest(c, runs);
    const least = (requests: number) =>
      burstMinimum(requests, c.limit, c.intervalMs) + lastWindow(requests, c.limit) * perRequest;
    const sandbox = await c.start(true);
    const times: number[] = [];
    const ratios: number[] = [];
    const burstRatios: number[] = [];
    let requests = 0;
    const limited: number[] = [];
    let accounts = 0;
    try {
      for (let i = 0; i < runs; i++) {
        // Let the server's window empty, so every run starts from a fresh budget.
        await new Promise((r) => setTimeout(r, c.intervalMs * 2));
        await sandbox.resetCounters();
        const { ms, value } = await timed(() => c.sync(sandbox, true));
        const counters = await sandbox.counters();
        accounts = value;
        requests = counters.requests;
        limited.push(counters.rateLimited);
        // The least time the sync can take: the last window opens, then its requests run.
        times.push(ms);
        ratios.push(Number((ms / least(counters.requests)).toFixed(3)));
        burstRatios.push(ms / burstMinimum(counters.requests, c.limit, c.intervalMs));
      }
      log(`  rate-limited ${c.vendor} done`);
    } finally {
      await sandbox.close();
    }
    const steady = (requests / c.limit) * c.intervalMs;
    const opens = burstMinimum(requests, c.limit, c.intervalMs);
    const minimum = least(requests);
    rows.push({
      scenario: 'rate-limited',
      variant: `${c.label}: sync time`,
      value: median(times),
      unit: 'ms',
      runs: times.map(Math.round),
      note: `${accounts} accounts, ${requests} requests; minimum ${minimum.toFixed(0)} ms: the last window opens at ${opens} ms with the first window's burst (${steady.toFixed(0)} ms at the steady rate), then its ${lastWindow(requests, c.limit)} requests take ${perRequest.toFixed(2)} ms each with no limit`,
    });
    rows.push({
      scenario: 'rate-limited',
      variant: `${c.label}: time / minimum`,
      value: median(ratios),
      unit: 'x',
      runs: ratios,
      target: `<= ${TARGET}`,
      met: median(ratios) <= TARGET,
      note: `${median(burstRatios).toFixed(2)}x the time the last window opens`,
    });
    rows.push({
      scenario: 'rate-limited',
      variant: `${c.label}: 429s sent`,
      value: Math.max(...limited),
      unit: '429s',
      runs: limited,
      target: '0',
      met: limited.every((n) => n === 0),
      note: 'the most in any run',
    });
  }
  return {
    id: 'rate-limited',
    title: 'Rate-limited efficiency: sync time vs the least time the limit allows, and 429s',
    setup:
      "Hexnode and Kandji sandboxes (separate processes) enforcing scaled limits; the connector configured with the same limits; minimum = (ceil(requests / limit) - 1) × interval (when the last window opens, the first window's burst counted) + the last window's requests × the time per request of the same listing with no limit (measured on a sandbox without limits)",
    rows,
  };
}
