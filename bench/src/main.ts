// `pnpm bench`: runs every scenario against sandboxes on 127.0.0.1, prints a table and writes
// bench/results.local.json (ignored by git), or with --save the tracked bench/results.json and the
// generated sections of bench/README.md.
// Exits 1 when a row misses its target. Options: --runs N (timed scenarios, default 5),
// --memory-runs N (default 2), --only overhead,rate-limited,latency,learned-limit,memory,fleet,fleet-binding,graph,
// --out FILE, --readme-from FILE (re-render the README's sections from a saved results file).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  formatTable,
  machine,
  readResults,
  type ScenarioResult,
  updateReadme,
  writeResults,
} from './report.ts';
import { fleet } from './scenarios/fleet.ts';
import { fleetBinding } from './scenarios/fleet-binding.ts';
import { graph } from './scenarios/graph.ts';
import { latency } from './scenarios/latency.ts';
import { learnedLimit } from './scenarios/learned-limit.ts';
import { memory } from './scenarios/memory.ts';
import { overhead } from './scenarios/overhead.ts';
import { rateLimited } from './scenarios/rate-limited.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'memory-runs': { type: 'string', default: '2' },
    only: { type: 'string' },
    save: { type: 'boolean', default: false },
    out: { type: 'string' },
    'readme-from': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`pnpm bench [options]
  --runs N            timed scenarios' runs (default 5)
  --memory-runs N     memory and graph scenarios' runs (default 2)
  --only A,B          scenarios: overhead, rate-limited, latency, learned-limit, memory, fleet,
                      fleet-binding, graph
  --save              write bench/results.json and the README's generated sections
  --out FILE          write the results here instead
  --readme-from FILE  re-render the README's generated sections from a saved results file
Exits 1 when a row misses its target.`);
  process.exit(0);
}
const readme = new URL('../README.md', import.meta.url);
if (values['readme-from']) {
  // Re-renders the README's sections from a saved run (after a change to how tables are printed).
  const data = await readResults(pathToFileURL(resolve(values['readme-from'])));
  const ids = await updateReadme(readme, data);
  console.log(`rewrote the ${ids.join(', ')} section(s) of ${readme.pathname}`);
  process.exit(0);
}
// A run on a laptop must not rewrite the published figures: only --save (or --out) says where.
const defaultOut = values.save ? '../results.json' : '../results.local.json';
const out = values.out ?? new URL(defaultOut, import.meta.url).pathname;
const runs = Number(values.runs);
const memoryRuns = Number(values['memory-runs']);
if (!(Number.isInteger(runs) && runs > 0 && Number.isInteger(memoryRuns) && memoryRuns > 0)) {
  console.error('bench: --runs and --memory-runs must be positive integers');
  process.exit(2);
}

const scenarios: Record<string, () => Promise<ScenarioResult>> = {
  overhead: () => overhead(runs, console.log),
  'rate-limited': () => rateLimited(Math.min(runs, 3), console.log),
  latency: () => latency(runs, console.log),
  'learned-limit': () => learnedLimit(Math.min(runs, 2), console.log),
  memory: () => memory(memoryRuns, console.log),
  fleet: () => fleet(2, console.log),
  'fleet-binding': () => fleetBinding(console.log),
  graph: () => graph(memoryRuns, console.log),
};
const selected = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(scenarios);
for (const name of selected) {
  if (!(name in scenarios)) {
    console.error(`bench: unknown scenario "${name}" (${Object.keys(scenarios).join(', ')})`);
    process.exit(2);
  }
}

const m = machine();
console.log(`connector kit bench: Node ${m.node}, ${m.cores} cores (${m.cpu}), ${m.platform}`);
console.log(`load average at start: ${m.loadAverageAtStart.join(' ')}\n`);
const startedAt = new Date();
const results: ScenarioResult[] = [];
for (const name of selected) {
  const run = scenarios[name];
  if (!run) continue;
  console.log(`${name}...`);
  results.push(await run());
}
const durationMs = Date.now() - startedAt.getTime();

console.log('');
for (const r of results) console.log(`${r.title}\n  ${r.setup}`);
console.log(`\n${formatTable(results)}\n`);
for (const r of results) {
  r.ranAt = startedAt.toISOString();
  r.loadAverageAtStart = m.loadAverageAtStart;
}
const saved = { startedAt, durationMs, runs, machine: m, results };
// `--save --only x` replaces scenario x in the tracked file and keeps the others' last figures, each
// stamped with when it ran, so the README's sections always have their raw data beside them.
const kept =
  values.save && values.only
    ? await readResults(new URL(`file://${out}`)).then(
        (old) => old.results.filter((r) => !selected.includes(r.id)),
        () => [],
      )
    : [];
await writeResults(new URL(`file://${out}`), { ...saved, results: [...kept, ...results] });
console.log(`wrote ${out} (${(durationMs / 1000).toFixed(0)} s)`);
if (values.save) {
  // The README's tables are this run's output, never typed by hand.
  const ids = await updateReadme(readme, saved);
  console.log(`rewrote the ${ids.join(', ')} section(s) of ${readme.pathname}`);
}
const missed = results.flatMap((r) => r.rows).filter((row) => row.met === false);
if (missed.length > 0) {
  console.error(`targets missed: ${missed.map((r) => `${r.scenario} ${r.variant}`).join('; ')}`);
  process.exitCode = 1;
}
