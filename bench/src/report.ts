// The result rows every scenario produces, the printed table and bench/results.json.
import { writeFile } from 'node:fs/promises';
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
}

/** The machine the numbers come from. */
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
  return `${value} ${unit}`;
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

/** Writes the machine, settings and every run to `path` as JSON. */
export async function writeResults(
  path: URL,
  data: { startedAt: Date; durationMs: number; runs: number; results: ScenarioResult[] },
): Promise<void> {
  const body = {
    startedAt: data.startedAt.toISOString(),
    durationMs: Math.round(data.durationMs),
    machine: machine(),
    runsPerScenario: data.runs,
    scenarios: data.results,
  };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}
