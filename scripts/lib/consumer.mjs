// Fresh npm projects that consume the packages the way a user would: from tarballs or from a
// registry, with plain npm, outside the workspace (nothing of the repo's node_modules is visible).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, root } from './workspace.mjs';

const fixtures = join(root, 'scripts', 'consumers');

/** Runs a command, echoing nothing unless it fails; then throws with its output. */
export function sh(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (error) {
    const out = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed (exit ${error.status}):\n${out}`);
  }
}

/**
 * Creates an npm project in `dir` depending on `dependencies` (name → spec), installs it with
 * npm and copies the consumer scripts in.
 * @param {string} dir
 * @param {'module' | 'commonjs'} type
 * @param {Record<string, string>} dependencies
 * @param {string[]} [npmArgs] extra npm install arguments (a registry)
 */
export function createConsumer(dir, type, dependencies, npmArgs = []) {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: `consumer-${type}`,
    version: '1.0.0',
    private: true,
    type,
    dependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...npmArgs], { cwd: dir });
  for (const file of ['scenario.cjs', 'smoke.mjs', 'smoke.cjs', 'smoke.cts']) {
    copyFileSync(join(fixtures, file), join(dir, file));
  }
}

/** Runs a consumer script with node in `dir`; returns what it printed. */
export function runConsumer(dir, script) {
  return sh(process.execPath, [script], { cwd: dir, timeout: 60_000 }).trim();
}

/**
 * Typechecks smoke.cts under strict `nodenext` against the installed packages' own types
 * (no skipLibCheck), compiles it to CommonJS and runs it.
 */
export function typecheckAndRunCts(dir) {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noUncheckedIndexedAccess: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      outDir: 'out',
    },
    files: ['smoke.cts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  sh(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: dir });
  return runConsumer(dir, join('out', 'smoke.cjs'));
}
