// `pnpm demo` and `pnpm bench` start here: they refuse at once, naming the Node they need, on a
// Node that cannot run their TypeScript sources, then build the packages the given workspace
// package depends on, showing turbo's output only when the build fails.
// Keep this file runnable on old Node versions: it is what tells their users to upgrade.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const target = process.argv[2];
const engines = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).engines;
const wanted = /(\d+)\.(\d+)/.exec(engines.node);
const need = [Number(wanted[1]), Number(wanted[2])];
const have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  console.error(
    `This needs Node.js >= ${need.join('.')} (it runs TypeScript sources directly); this is ${process.version}.\n` +
      'Install Node 24 LTS (for example `nvm install 24`, or from nodejs.org) and run it again.',
  );
  process.exit(1);
}
const build = spawnSync(
  'turbo',
  ['run', 'build', `--filter=${target}^...`, '--output-logs=errors-only'],
  {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  },
);
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  if (build.error) console.error(build.error.message);
  process.exit(build.status ?? 1);
}
