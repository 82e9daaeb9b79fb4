// `pnpm --filter @org/example-graph start`: the asset graph of three sandboxed vendors.
//   GRAPH_OUT   where the exports and the feed's state go (default ./graph-out)
//   GRAPH_SEED  the sandboxes' data (default 7)
import { rm } from 'node:fs/promises';
import { runDemo } from './demo.ts';

const outDir = process.env.GRAPH_OUT ?? 'graph-out';
// The sandboxes make their data afresh each start: an old baseline would be another company.
await rm(`${outDir}/state`, { recursive: true, force: true });
await runDemo({
  seed: Number(process.env.GRAPH_SEED ?? 7),
  outDir,
  log: (line) => console.log(line),
});
