// `pnpm demo` (or `pnpm start` here): runs the quickstart and exits non-zero on any failure.
//
//   HEXNODE_API_KEY + HEXNODE_PORTAL, KANDJI_API_TOKEN + KANDJI_API_URL,
//   JUMPCLOUD_API_KEY [+ JUMPCLOUD_ORG_ID]   real tenants (any subset); the rest run on sandboxes
//   QUICKSTART_SEED                          the sandboxes' data (default 7)
//   QUICKSTART_INVENTORY                     where inventory.json goes (default ./inventory.json)
import { resolve } from 'node:path';
import { runDemo } from './demo.ts';
import { DemoFailure } from './failure.ts';
import { streamOutput } from './output.ts';

const env = process.env;
const out = streamOutput(process.stdout);
try {
  await runDemo({
    env,
    out,
    inventoryPath: resolve(env.QUICKSTART_INVENTORY ?? 'inventory.json'),
    seed: env.QUICKSTART_SEED === undefined ? undefined : Number(env.QUICKSTART_SEED),
  });
} catch (error) {
  // DemoFailure and connector error messages are redacted of every credential before they get here.
  const message = error instanceof DemoFailure ? error.message : `unexpected ${String(error)}`;
  console.error(`\n✗ quickstart: ${message}`);
  if (error instanceof DemoFailure && error.hint) console.error(`  ${error.hint}`);
  process.exitCode = 1;
}
