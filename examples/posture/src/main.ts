// `pnpm --filter @org/example-posture start`: posture checks over three sandboxed vendors.
//   POSTURE_SCENARIO  misconfigured (default) or clean
//   POSTURE_SEED      the sandboxes' data (default 7)
import { runDemo } from './demo.ts';

const scenario = process.env.POSTURE_SCENARIO === 'clean' ? 'clean' : 'misconfigured';
await runDemo({
  scenario,
  seed: Number(process.env.POSTURE_SEED ?? 7),
  log: (line) => console.log(line),
});
