// The root scripts a person runs (`pnpm test`, `demo`, `bench`, `build`, `docs:site`) start here:
//   node scripts/node-gate.mjs <script>     runs `pnpm run <script>:run` on a Node that can run it.
// The toolchain needs the Node named in the root package.json `engines` (>= 22.20). On an older
// Node this fetches Node 24 from the npm registry (the `node` package) into the same cache
// `.ci/run` uses, says so in one line, and runs the script under it. Without a reachable registry
// it stops at once with one line naming the command that installs Node 24.
// Keep this file runnable on old Node versions: it is what tells their users what to do.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const script = process.argv[2];
if (!script) {
  console.error('usage: node scripts/node-gate.mjs <script>');
  process.exit(2);
}
const root = new URL('..', import.meta.url);
const engines = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines;
const wanted = /(\d+)\.(\d+)/.exec(engines.node);
const need = [Number(wanted[1]), Number(wanted[2])];
const isEnough = (version) => {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > need[0] || (major === need[0] && minor >= need[1]);
};

const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'connector-kit');
const prefix = join(cache, 'node24');
const cachedBin = join(prefix, 'node_modules', '.bin');
const installCommand = `npm install --prefix ${prefix} node@24`;
const tooOld = `pnpm ${script}: this needs Node.js >= ${need.join('.')}; this is ${process.version}.`;
const howToFix =
  `Install Node 24 LTS (\`${installCommand}\` and put ${cachedBin} first on PATH, ` +
  'or `nvm install 24`) and run it again.';

/** Runs `pnpm run <script>:run` with `binDir` first on PATH (when given); exits with its code. */
function run(binDir) {
  const env = { ...process.env };
  if (binDir) env.PATH = `${binDir}${delimiter}${env.PATH ?? ''}`;
  // pnpm names itself in npm_execpath; run that same pnpm (under the chosen node when it is a
  // script) rather than whichever one PATH finds first.
  const execPath = process.env.npm_execpath;
  const [command, args] =
    execPath && /\.(c|m)?js$/.test(execPath)
      ? [binDir ? join(binDir, 'node') : process.execPath, [execPath]]
      : [execPath || 'pnpm', []];
  const child = spawn(command, [...args, 'run', '--silent', `${script}:run`], {
    stdio: 'inherit',
    env,
    cwd: new URL('.', root).pathname,
    shell: process.platform === 'win32',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The version `node` in `binDir` reports, or undefined when there is none that runs. */
function versionIn(binDir) {
  const node = join(binDir, 'node');
  if (!existsSync(node)) return undefined;
  const out = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

/** Whether the npm registry serves the `node` package within `ms` (a gateway's 404 does not count). */
async function registryAnswers(ms) {
  let registry = process.env.npm_config_registry;
  if (!registry) {
    try {
      registry = execFileSync('npm', ['config', 'get', 'registry'], {
        encoding: 'utf8',
        timeout: ms,
      }).trim();
    } catch {
      return false;
    }
  }
  try {
    const url = new URL('node/latest', registry.endsWith('/') ? registry : `${registry}/`);
    const { get } = await import(url.protocol === 'https:' ? 'node:https' : 'node:http');
    return await new Promise((resolve) => {
      const req = get(url, { timeout: ms }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
  } catch {
    return false;
  }
}

if (isEnough(process.version)) {
  run(undefined);
} else {
  const cached = versionIn(cachedBin);
  if (cached && isEnough(cached)) {
    console.error(
      `pnpm ${script}: running under Node ${cached} from ${prefix} (this is ${process.version})`,
    );
    run(cachedBin);
  } else if (!(await registryAnswers(4_000))) {
    console.error(`${tooOld} ${howToFix}`);
    process.exit(1);
  } else {
    console.error(
      `pnpm ${script}: Node ${process.version} is too old (need >= ${need.join('.')}); installing Node 24 from the npm registry into ${prefix} (once)`,
    );
    const install = spawnSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', 'node@24'],
      { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' },
    );
    const installed = versionIn(cachedBin);
    if (install.status !== 0 || !installed || !isEnough(installed)) {
      console.error(`${tooOld} Installing Node 24 from the npm registry failed. ${howToFix}`);
      process.exit(1);
    }
    run(cachedBin);
  }
}
