// A limit nobody announces: the JumpCloud sandbox allows 50 requests per (fixed) second and says
// so only with 429s and `Retry-After`, as JumpCloud does. What share of requests draws a 429, and
// what rate a full sync reaches, for the JumpCloud connector (which learns the limit from its 429s)
// at concurrency 4. Without learning, the same sync drew a 429 on 5.8 % of
// its requests (the connector before it learned, 2026-12-04).
import { drain, median, timed } from '../measure.ts';
import { startRemoteSandbox } from '../remote-sandbox.ts';
import type { ResultRow, ScenarioResult } from '../report.ts';
import { jumpcloud } from '../vendors/jumpcloud.ts';

const USERS = 60_000;
const LIMIT = 50;
const TARGET = 0.01;

/** Runs the scenario `runs` times. */
export async function learnedLimit(
  runs: number,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const sandbox = await startRemoteSandbox({
    vendor: 'jumpcloud',
    seed: 51,
    size: { users: USERS },
    limits: { perMinute: { limit: LIMIT, intervalMs: 1_000 } },
  });
  const c = sandbox.credentials;
  const variants = [
    { name: 'jumpcloud connector, concurrency 4', run: () => jumpcloud(c).accounts() },
  ];
  const shares = new Map<string, number[]>(variants.map((x) => [x.name, []]));
  const rates = new Map<string, number[]>(variants.map((x) => [x.name, []]));
  const notes = new Map<string, string>();
  try {
    for (let i = 0; i < runs; i++) {
      for (const x of variants) {
        // A fresh second, so every run starts from an empty server window.
        await new Promise((r) => setTimeout(r, 1_100));
        await sandbox.resetCounters();
        const { ms, value } = await timed(() => drain(x.run()));
        const counters = await sandbox.counters();
        const share = counters.rateLimited / counters.requests;
        shares.get(x.name)?.push(Number(share.toFixed(4)));
        const served = counters.requests - counters.rateLimited;
        rates.get(x.name)?.push(Number((served / (ms / 1000)).toFixed(1)));
        notes.set(
          x.name,
          `${value} items, ${counters.requests} requests, ${counters.rateLimited} × 429, ${(ms / 1000).toFixed(1)} s`,
        );
      }
      log(`  learned-limit run ${i + 1}/${runs} done`);
    }
  } finally {
    await sandbox.close();
  }
  const rows: ResultRow[] = [];
  for (const x of variants) {
    const s = shares.get(x.name) ?? [];
    const r = rates.get(x.name) ?? [];
    rows.push({
      scenario: 'learned-limit',
      variant: `${x.name}: share of requests that got 429`,
      value: Number((median(s) * 100).toFixed(2)),
      unit: '%',
      runs: s.map((n) => Number((n * 100).toFixed(2))),
      target: `< ${TARGET * 100} %`,
      met: median(s) < TARGET,
      note: notes.get(x.name),
    });
    rows.push({
      scenario: 'learned-limit',
      variant: `${x.name}: answered requests per second`,
      value: median(r),
      unit: '/s',
      runs: r,
      note: `the server allows ${LIMIT}/s`,
    });
  }
  return {
    id: 'learned-limit',
    title: `An unannounced limit: ${LIMIT} requests per second, told only by 429 and Retry-After`,
    setup: `JumpCloud sandbox (separate process), ${USERS} users, limit 100 per page, ${LIMIT} requests per fixed second, no rate-limit headers`,
    rows,
  };
}
