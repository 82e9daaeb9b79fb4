// Publish rehearsal against a real registry: on a scratch copy of the repository, runs
// `changeset version` and `changeset publish` against Verdaccio on 127.0.0.1 (storage in a
// temporary directory), then installs every published package from it into a fresh project with
// plain npm and runs the consumer smoke scripts against the sandboxes. It checks what a consumer
// sees: versions bumped, changelogs written, repository, homepage, license, files and engines
// set, no workspace: protocol left, and no import a package's dependencies do not provide.
// Run after `pnpm build` (.ci/run runs it after `pnpm test`).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createConsumer, runConsumer, sh } from './lib/consumer.mjs';
import { startVerdaccio } from './lib/verdaccio.mjs';
import { bin, publishedPackages, root } from './lib/workspace.mjs';

const started = Date.now();
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

/** Copies the tracked and unignored files plus each package's built dist/ into `scratch`. */
function scratchCopy(scratch, packages) {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) cpSync(join(root, file), join(scratch, file));
  for (const pkg of packages) {
    const dist = join(pkg.dir, 'dist');
    if (!existsSync(dist)) throw new Error(`${pkg.name} is not built; run pnpm build`);
    cpSync(dist, join(scratch, relative(root, pkg.dir), 'dist'), { recursive: true });
  }
  // The toolchain (changesets, its changelog generator) comes from the repository's install.
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  const git = (...args) => sh('git', args, { cwd: scratch });
  git('init', '-q', '-b', 'main');
  // The scratch repository has its own identity: `changeset publish` tags each release with
  // `git tag -m`, which fails on a machine whose user has none (a fresh CI runner's root).
  git('config', 'user.name', 'release rehearsal');
  git('config', 'user.email', 'rehearsal@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'scratch copy for the release rehearsal');
}

/** GETs JSON on a fresh connection (a kept-alive one may be closed under us by the registry). */
function getJson(url) {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, body: JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
    }).on('error', reject);
  });
}

/** Bare package names a built file imports or requires (node: and relative paths excluded). */
function importedPackages(dir) {
  const names = new Set();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(c|m)?js$/.test(entry.name)) {
        const code = readFileSync(path, 'utf8');
        const re = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
        for (const [, spec] of code.matchAll(re)) {
          if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec))
            continue;
          const parts = spec.split('/');
          names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
        }
      }
    }
  };
  walk(dir);
  return names;
}

const packages = publishedPackages();
const scope = packages[0]?.name.split('/')[0];
if (!scope?.startsWith('@') || packages.some((p) => !p.name.startsWith(`${scope}/`))) {
  throw new Error('rehearsal: every published package must share one scope');
}
const work = mkdtempSync(join(tmpdir(), 'connector-kit-rehearsal-'));
const scratch = join(work, 'repo');
let registry;
try {
  scratchCopy(scratch, packages);
  registry = await startVerdaccio(join(work, 'registry'), scope);
  const host = registry.url.replace(/^http:/, '');
  writeFileSync(
    join(scratch, '.npmrc'),
    `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`,
  );
  const env = { ...process.env, npm_config_registry: registry.url, CI: 'true' };
  const before = Object.fromEntries(packages.map((p) => [p.name, p.manifest.version]));
  const pending = readdirSync(join(scratch, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );

  sh(bin('changeset'), ['version'], { cwd: scratch, env });
  const left = readdirSync(join(scratch, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );
  check(left.length === 0, `changeset version left ${left.length} changesets`);
  const versions = {};
  for (const pkg of packages) {
    const dir = join(scratch, relative(root, pkg.dir));
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    versions[pkg.name] = manifest.version;
    if (pending.length > 0)
      check(
        manifest.version !== before[pkg.name],
        `${pkg.name}: version not bumped from ${before[pkg.name]}`,
      );
    const changelog = join(dir, 'CHANGELOG.md');
    check(
      existsSync(changelog) && readFileSync(changelog, 'utf8').includes(`## ${manifest.version}`),
      `${pkg.name}: CHANGELOG.md has no ${manifest.version} section`,
    );
  }
  sh('git', ['commit', '-qam', 'version packages'], { cwd: scratch });

  const published = sh(bin('changeset'), ['publish'], { cwd: scratch, env });
  const tags = sh('git', ['tag', '--list'], { cwd: scratch }).split('\n').filter(Boolean);
  const untagged = [];

  for (const pkg of packages) {
    const version = versions[pkg.name];
    const { status, body: doc } = await getJson(`${registry.url}${pkg.name.replace('/', '%2f')}`);
    if (status !== 200) {
      problems.push(`${pkg.name}: not on the registry after publish (${status})\n${published}`);
      continue;
    }
    const m = doc.versions?.[version];
    check(
      doc['dist-tags']?.latest === version,
      `${pkg.name}: latest is ${doc['dist-tags']?.latest}, expected ${version}`,
    );
    check(
      tags.includes(`${pkg.name}@${version}`),
      `${pkg.name}: no git tag ${pkg.name}@${version}`,
    );
    if (!tags.includes(`${pkg.name}@${version}`)) untagged.push(pkg.name);
    if (!m) continue;
    const dir = relative(root, pkg.dir);
    check(
      typeof m.repository?.url === 'string' && m.repository.directory === dir,
      `${pkg.name}: repository must name the repo and directory ${dir}`,
    );
    check(
      typeof m.homepage === 'string' && m.homepage.startsWith('https://'),
      `${pkg.name}: no homepage`,
    );
    check(typeof m.license === 'string' && m.license.length > 0, `${pkg.name}: no license`);
    check(Array.isArray(m.files) && m.files.includes('dist'), `${pkg.name}: files must list dist`);
    check(typeof m.engines?.node === 'string', `${pkg.name}: no engines.node`);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dep, range] of Object.entries(m[field] ?? {})) {
        check(!String(range).startsWith('workspace:'), `${pkg.name}: ${field}.${dep} is ${range}`);
      }
    }
  }

  if (untagged.length > 0) {
    // Say why: changesets prints the failed `git tag` among its own output.
    problems.push(
      `changeset publish left ${untagged.length} release(s) untagged; its output:\n${published.trim()}`,
    );
  }

  // A consumer installs the exact published versions with plain npm, the scope from the registry.
  const consumer = join(work, 'consumer');
  createConsumer(consumer, 'module', versions, [`--${scope}:registry=${registry.url}`]);
  for (const pkg of packages) {
    const installed = join(consumer, 'node_modules', pkg.name);
    const m = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    check(m.version === versions[pkg.name], `${pkg.name}: installed ${m.version}`);
    check(existsSync(join(installed, 'README.md')), `${pkg.name}: the tarball has no README.md`);
    const fields = ['dependencies', 'peerDependencies', 'optionalDependencies'];
    const provided = new Set([...fields.flatMap((f) => Object.keys(m[f] ?? {})), m.name]);
    for (const name of importedPackages(join(installed, 'dist'))) {
      check(
        provided.has(name),
        `${pkg.name}: dist imports ${name}, which is not in its dependencies`,
      );
    }
  }
  if (problems.length === 0) {
    console.log(runConsumer(consumer, 'smoke.mjs'));
    console.log(runConsumer(consumer, 'smoke.cjs'));
  }
} catch (error) {
  problems.push(
    error instanceof Error
      ? `${error.message}${error.cause ? ` (${error.cause})` : ''}\n${error.stack}`
      : String(error),
  );
} finally {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (problems.length > 0) {
  console.error(`rehearsal: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(
    `rehearsal: ${packages.length} packages versioned, published to a local registry, installed and run (${seconds} s)`,
  );
}
