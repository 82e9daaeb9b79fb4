// Graph: 100,000 users, 5,000 groups and 300,000 memberships built into one graph (with persons
// and their IS edges) in a fresh process; peak RSS from the kernel (VmHWM). Then diff time at a
// quarter, half and the full size, to show it grows linearly.
import { fork } from 'node:child_process';
import { median } from '../measure.ts';
import type { ScenarioResult } from '../report.ts';

const USERS = 100_000;
const TARGET_MB = 600;
const MB = 1024 * 1024;

interface GraphReport {
  users: number;
  groups: number;
  memberships: number;
  entities: number;
  relationships: number;
  startRss: number;
  buildMs: number;
  buildPeakRss: number | undefined;
  liveHeap: number;
  diffMs: number;
  totalPeakRss: number | undefined;
  changed: number;
  added: number;
  removed: number;
}

function runClient(users: number): Promise<GraphReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./graph-client.ts', import.meta.url), [], {
      env: { ...process.env, BENCH_GRAPH_USERS: String(users) },
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: GraphReport | undefined;
    child.on('message', (m) => {
      report = m as GraphReport;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (report && code === 0) resolve(report);
      else reject(new Error(`graph client exited with code ${code}`));
    });
  });
}

/** Runs the graph scenario: `runs` full-size builds, and one diff at each smaller size. */
export async function graph(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const full: GraphReport[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runClient(USERS);
    if (r.memberships !== 3 * USERS || r.groups !== USERS / 20) {
      throw new Error(`the graph client built ${r.memberships} memberships in ${r.groups} groups`);
    }
    full.push(r);
    log(
      `  graph run ${i + 1}/${runs}: build ${(r.buildMs / 1000).toFixed(1)} s, diff ${r.diffMs.toFixed(0)} ms`,
    );
  }
  const quarter = await runClient(USERS / 4);
  const half = await runClient(USERS / 2);
  log('  graph diff at 1/4 and 1/2 size done');
  const peak = full.map((r) => (r.buildPeakRss ?? 0) / MB);
  const items = (r: GraphReport) => r.entities + r.relationships;
  const perItem = (r: GraphReport) => (r.diffMs * 1e6) / items(r); // ns per item
  const f = full[0] as GraphReport;
  return {
    id: 'graph',
    title: 'Graph: 100,000 users, 5,000 groups, 300,000 memberships, built and diffed',
    setup: `collect() over a generating adapter (no HTTP) in a fresh process; ${f.entities} entities (persons included), ${f.relationships} relationships; the diff compares it with a copy where 1% of users changed department and group`,
    rows: [
      {
        scenario: 'graph',
        variant: 'peak RSS after the build',
        value: median(peak),
        unit: 'MB',
        runs: peak.map((x) => Number(x.toFixed(1))),
        target: `<= ${TARGET_MB} MB`,
        met: median(peak) <= TARGET_MB,
        note: `live heap with the graph ${median(full.map((r) => r.liveHeap / MB)).toFixed(0)} MB; RSS before ${median(full.map((r) => r.startRss / MB)).toFixed(0)} MB`,
      },
      {
        scenario: 'graph',
        variant: 'build time',
        value: median(full.map((r) => r.buildMs)),
        unit: 'ms',
        runs: full.map((r) => Math.round(r.buildMs)),
      },
      {
        scenario: 'graph',
        variant: 'diff time, full size',
        value: median(full.map((r) => r.diffMs)),
        unit: 'ms',
        runs: full.map((r) => Math.round(r.diffMs)),
        note: `${f.changed} entities changed, ${f.added} edges added, ${f.removed} removed; peak RSS with two graphs ${median(full.map((r) => (r.totalPeakRss ?? 0) / MB)).toFixed(0)} MB`,
      },
      {
        scenario: 'graph',
        variant: 'diff time per item: 1/4, 1/2, full size',
        value: Number(median(full.map(perItem)).toFixed(0)),
        unit: 'ns',
        runs: [perItem(quarter), perItem(half), ...full.map(perItem)].map((x) => Math.round(x)),
        note: `items ${items(quarter)}, ${items(half)}, ${items(f)}: a flat cost per item means linear time`,
      },
    ],
  };
}
