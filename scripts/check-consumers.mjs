// Packs every published package (`pnpm pack`, as `changeset publish` would publish it) and
// installs the tarballs into fresh npm projects: an ESM consumer that imports them, a CommonJS
// consumer that require()s them, and a TypeScript `.cts` consumer, typechecked and run. Each
// constructs the connectors against the sandboxes on 127.0.0.1 and lists accounts.
// Run after `pnpm build` (the root `pnpm test` does).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsumer, runConsumer, sh, typecheckAndRunCts } from './lib/consumer.mjs';
import { publishedPackages } from './lib/workspace.mjs';

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'connector-kit-consumers-'));
try {
  const tarballs = join(work, 'tarballs');
  const dependencies = {};
  for (const pkg of publishedPackages()) {
    if (!existsSync(join(pkg.dir, 'dist')))
      throw new Error(`${pkg.name} is not built; run pnpm build`);
    const before = new Set(existsSync(tarballs) ? readdirSync(tarballs) : []);
    sh('pnpm', ['pack', '--pack-destination', tarballs], { cwd: pkg.dir });
    const made = readdirSync(tarballs).filter((f) => !before.has(f));
    if (made.length !== 1) throw new Error(`pnpm pack of ${pkg.name} made ${made.length} tarballs`);
    dependencies[pkg.name] = `file:${join(tarballs, made[0])}`;
  }

  const esm = join(work, 'esm');
  createConsumer(esm, 'module', dependencies);
  console.log(runConsumer(esm, 'smoke.mjs'));

  const cjs = join(work, 'cjs');
  createConsumer(cjs, 'commonjs', dependencies);
  console.log(runConsumer(cjs, 'smoke.cjs'));
  console.log(typecheckAndRunCts(cjs));

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `consumers: ${Object.keys(dependencies).length} tarballs, ESM, CommonJS and .cts ok (${seconds} s)`,
  );
} catch (error) {
  console.error(`consumers: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
