// The result rows every scenario produces, the printed table and bench/results.json.
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';

/** One measured figure, compared with its target when it has one. */
export interface ResultRow {
  /** Scenario id: overhead, rate-limited, latency, memory. */
  scenario: string;
  /** What was measured, such as `connector, concurrency 1`. */
  variant: string;
  /** Median over the runs. */
  value: number;
  /** Unit of `value`: ms, x, MB, count. */
  unit: string;
  /** Each run's value, in order. */
  runs: number[];
  /** The target, as text (`<= 1.15`), when this row is judged. */
  target?: string | undefined;
  /** Whether the median meets the target. */
  met?: boolean | undefined;
  /** Extra facts worth printing (requests, 429s, pages). */
  note?: string | undefined;
}

/** What a scenario returns. */
export interface ScenarioResult {
  id: string;
  title: string;
  /** Setup in words: sizes, limits, latency, page size. */
  setup: string;
  rows: ResultRow[];
  /** When this scenario ran and the load then (a saved file can hold scenarios of several runs). */
  ranAt?: string;
  /** Load average when the run that measured this scenario started. */
  loadAverageAtStart?: number[];
}

/** The machine the numbers come from. */
export type Machine = ReturnType<typeof machine>;

/** The machine the numbers come from, and its load now (call it before the run). */
export function machine() {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function format(value: number, unit: string): string {
  if (unit === 'ms') return `${value.toFixed(0)} ms`;
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${Number(value.toFixed(2))} ${unit}`;
}

/** The results as a plain-text table, one line per row. */
export function formatTable(results: ScenarioResult[]): string {
  const header = ['scenario', 'variant', 'median', 'runs', 'target', 'met', 'note'];
  const lines: string[][] = [header];
  for (const r of results) {
    for (const row of r.rows) {
      lines.push([
        row.scenario,
        row.variant,
        format(row.value, row.unit),
        String(row.runs.length),
        row.target ?? '',
        row.met === undefined ? '' : row.met ? 'yes' : 'NO',
        row.note ?? '',
      ]);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const render = (l: string[]) =>
    l
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [render(header), rule, ...lines.slice(1).map(render)].join('\n');
}

/** One bench run: when, on what machine (load taken at the start), and what it measured. */
export interface RunData {
  startedAt: Date;
  durationMs: number;
  runs: number;
  machine: Machine;
  results: ScenarioResult[];
}

/** Reads a run back from a results file that {@link writeResults} wrote. */
export async function readResults(path: URL): Promise<RunData> {
  const body = JSON.parse(await readFile(path, 'utf8')) as {
    startedAt: string;
    durationMs: number;
    runsPerScenario: number;
    machine: Machine;
    scenarios: ScenarioResult[];
  };
  return {
    startedAt: new Date(body.startedAt),
    durationMs: body.durationMs,
    runs: body.runsPerScenario,
    machine: body.machine,
    results: body.scenarios,
  };
}

/** Writes the machine, settings and every run to `path` as JSON. */
export async function writeResults(path: URL, data: RunData): Promise<void> {
  const body = {
    startedAt: data.startedAt.toISOString(),
    durationMs: Math.round(data.durationMs),
    machine: data.machine,
    runsPerScenario: data.runs,
    scenarios: data.results,
  };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}

/** The markers around a scenario's generated section in bench/README.md. */
function markers(id: string): [string, string] {
  return [`<!-- bench:${id}:start -->`, `<!-- bench:${id}:end -->`];
}

/**
 * Rewrites, in the Markdown file at `path`, the generated section of every scenario in `results`
 * (between `<!-- bench:<id>:start -->` and `<!-- bench:<id>:end -->`) with this run's table, so
 * the published figures are the bench's own output. A scenario without markers is appended under
 * `## Results`; sections of scenarios that did not run are left as they were.
 *
 * @returns The ids whose sections were written.
 */
export async function updateReadme(path: URL, data: RunData): Promise<string[]> {
  let text = await readFile(path, 'utf8');
  const m = data.machine;
  const written: string[] = [];
  for (const r of data.results) {
    const [start, end] = markers(r.id);
    // A saved file can hold scenarios of several runs: each section names its own.
    const ranAt = (r.ranAt ?? data.startedAt.toISOString()).slice(0, 16).replace('T', ' ');
    const load = (r.loadAverageAtStart ?? m.loadAverageAtStart).join(' ');
    const body = [
      start,
      `${r.title}. Generated by \`pnpm bench --save\` on ${ranAt} UTC, Node ${m.node}, ${m.cores} cores (${m.cpu}), load average at start ${load}. Setup: ${r.setup}.`,
      '',
      '```',
      formatTable([r]),
      '```',
      end,
    ].join('\n');
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from >= 0 && to > from)
      text = `${text.slice(0, from)}${body}${text.slice(to + end.length)}`;
    else text = `${text.trimEnd()}\n\n${body}\n`;
    written.push(r.id);
  }
  await writeFile(path, text);
  return written;
}
