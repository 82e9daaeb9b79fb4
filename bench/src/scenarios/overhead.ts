// Overhead: a full sync of 100,000 JumpCloud users through the connector vs a hand-written fetch
// loop over exactly the same requests (limit 100, skip advancing by 99 as the connector's
// overlapping pages do, sort=_id), both sequential, against one sandbox in another process.
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import type { JumpCloudCredentials } from '@org/connector-sandbox';
import { drain, median, settle, timed } from '../measure.ts';
import { startRemoteSandbox } from '../remote-sandbox.ts';
import type { ResultRow, ScenarioResult } from '../report.ts';

const USERS = 100_000;
const PAGE = 100;
const TARGET = 1.15;

/** The loop a developer would write by hand: fetch, parse, yield, next page. */
async function* fetchLoop(c: JumpCloudCredentials): AsyncGenerator<{ _id: string }> {
  const headers = { 'x-api-key': c.apiKey, 'x-org-id': c.orgId, accept: 'application/json' };
  for (let page = 0; ; page++) {
    const url = `${c.baseUrl}/api/systemusers?sort=_id&limit=${PAGE}&skip=${page * (PAGE - 1)}`;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} from the sandbox`);
    const body = (await res.json()) as { totalCount: number; results: Array<{ _id: string }> };
    const results = body.results;
    // Pages overlap by one row: the first row of every page after the first was already yielded.
    yield* page === 0 ? results : results.slice(1);
    if (results.length < PAGE || page * (PAGE - 1) + PAGE >= body.totalCount) return;
  }
}

/** Runs the overhead scenario `runs` times (variants interleaved within each run). */
export async function overhead(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const sandbox = await startRemoteSandbox({
    vendor: 'jumpcloud',
    seed: 11,
    size: { users: USERS },
    limits: false,
  });
  const c = sandbox.credentials;
  const connector = (concurrency: number | undefined) =>
    createJumpCloudConnector({
      apiKey: c.apiKey,
      orgId: c.orgId,
      baseUrl: c.baseUrl,
      pageSize: PAGE,
      ...(concurrency === undefined ? {} : { concurrency }),
    });
  const variants: Array<{ name: string; run: () => AsyncIterable<unknown> }> = [
    { name: 'fetch loop, sequential', run: () => fetchLoop(c) },
    { name: 'connector, concurrency 1', run: () => connector(1).accounts() },
    { name: 'connector, default (4)', run: () => connector(undefined).accounts() },
  ];
  const times = new Map<string, number[]>(variants.map((x) => [x.name, []]));
  const requests = new Map<string, number>();
  try {
    // One warm-up pass of each variant (JIT, sockets), not counted.
    for (const x of variants) await drain(x.run());
    for (let i = 0; i < runs; i++) {
      for (const x of variants) {
        await settle();
        await sandbox.resetCounters();
        const { ms, value } = await timed(() => drain(x.run()));
        if (value !== USERS) throw new Error(`${x.name} read ${value} users, not ${USERS}`);
        times.get(x.name)?.push(ms);
        requests.set(x.name, (await sandbox.counters()).requests);
      }
      log(`  overhead run ${i + 1}/${runs} done`);
    }
  } finally {
    await sandbox.close();
  }
  const rows: ResultRow[] = variants.map((x) => {
    const t = times.get(x.name) ?? [];
    return {
      scenario: 'overhead',
      variant: x.name,
      value: median(t),
      unit: 'ms',
      runs: t.map(Math.round),
      note: `${requests.get(x.name)} requests`,
    };
  });
  const base = times.get('fetch loop, sequential') ?? [];
  const ratio = (name: string) =>
    (times.get(name) ?? []).map((t, i) => Number((t / (base[i] ?? Number.NaN)).toFixed(3)));
  const seq = ratio('connector, concurrency 1');
  rows.push({
    scenario: 'overhead',
    variant: 'ratio connector(1) / fetch loop',
    value: median(seq),
    unit: 'x',
    runs: seq,
    target: `<= ${TARGET}`,
    met: median(seq) <= TARGET,
  });
  const def = ratio('connector, default (4)');
  rows.push({
    scenario: 'overhead',
    variant: 'ratio connector(4) / fetch loop',
    value: median(def),
    unit: 'x',
    runs: def,
  });
  return {
    id: 'overhead',
    title: 'Client overhead: connector vs hand-written fetch loop',
    setup: `JumpCloud sandbox (separate process), ${USERS} users, limit ${PAGE}, sort=_id, no limits, no latency; medians of ${runs} interleaved runs after a warm-up`,
    rows,
  };
}
