// `pnpm demo` and `pnpm bench` build the packages the given workspace package depends on here,
// printing one progress line per package instead of turbo's logs (the first build takes a minute or
// more on a busy machine; cached builds print a single line). turbo's own output is shown only when
// the build fails. `scripts/node-gate.mjs` has already checked the Node version.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const target = process.argv[2];
const turbo = (outputLogs) => [
  'run',
  'build',
  `--filter=${target}^...`,
  `--output-logs=${outputLogs}`,
  '--log-prefix=task',
];
const shell = process.platform === 'win32';
const tty = process.stderr.isTTY;
const started = Date.now();

let total = 0;
let begun = 0;
let built = 0;
const progress = (text, last = false) => {
  if (tty) process.stderr.write(`\r\x1b[2K${text}${last ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
};

// hash-only: turbo prints a line as each package's build starts, and whether its cache held it.
const child = spawn('turbo', turbo('hash-only'), { stdio: ['ignore', 'pipe', 'pipe'], shell });
for (const stream of [child.stdout, child.stderr]) {
  createInterface({ input: stream }).on('line', (line) => {
    const scope = /Running build in (\d+) packages?/.exec(line);
    if (scope) {
      total = Number(scope[1]);
      return;
    }
    const task = /^(\S+):build: cache (hit|miss|bypass)/.exec(line);
    if (!task) return;
    begun++;
    if (task[2] === 'hit') return;
    built++;
    progress(`building ${begun}/${total || '?'}: ${task[1]}`);
  });
}
const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
if (status !== 0) {
  if (tty) process.stderr.write('\n');
  // Show what failed: turbo replays cached successes and prints the failing task's output.
  const again = spawnSync('turbo', turbo('errors-only'), { encoding: 'utf8', shell });
  process.stderr.write(`${again.stdout ?? ''}${again.stderr ?? ''}`);
  process.exit(status);
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
progress(
  built === 0
    ? `${total} packages up to date`
    : `built ${built} of ${total} packages in ${seconds} s (the rest were up to date)`,
  true,
);
