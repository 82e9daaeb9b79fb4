// Compiles every ```ts block of every README and guide against the built packages, so documented
// code cannot rot. Each block is its own strict ES module. A block that goes on from the block
// before it in the same file (using the connector that one created) carries
// `<!-- snippet: continues -->` on the line before its fence and is compiled after that block; a
// block that is deliberately partial (it uses names only its prose defines) carries
// `<!-- snippet: partial -->` and is skipped. Run after `pnpm build` (the root `pnpm test` does).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bin, publishedPackages, root } from './lib/workspace.mjs';

const PARTIAL = '<!-- snippet: partial -->';
const CONTINUES = '<!-- snippet: continues -->';

/** Every Markdown file a reader is pointed to: READMEs, CONTRIBUTING and the guides. */
function documents() {
  const files = ['README.md', 'CONTRIBUTING.md', 'bench/README.md'];
  for (const base of ['packages', 'examples']) {
    for (const dir of readdirSync(join(root, base))) files.push(join(base, dir, 'README.md'));
  }
  const walk = (dir) => {
    if (!existsSync(join(root, dir))) return;
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.md')) files.push(path);
    }
  };
  walk(join('docs', 'guides'));
  return files.filter((f) => existsSync(join(root, f)));
}

/** The ```ts blocks of a Markdown file, with the line each one's code starts on. */
function snippets(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    let prev = i - 1;
    while (prev >= 0 && lines[prev].trim() === '') prev--;
    const marker = prev >= 0 ? lines[prev].trim() : '';
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    const own = { line: start + 1, code: lines.slice(start, end).join('\n') };
    // `segments` are what the compiled module holds, in order: earlier blocks, then this one.
    const before = marker === CONTINUES ? found.findLast((s) => !s.partial) : undefined;
    if (marker === CONTINUES && !before) throw new Error(`${file}:${start}: continues no block`);
    const segments = [...(before?.segments ?? []), own];
    found.push({ file, line: own.line, segments, partial: marker === PARTIAL });
    i = end;
  }
  return found;
}

const all = documents().flatMap(snippets);
const checked = all.filter((s) => !s.partial);
// Inside the repository, so the root's devDependencies (nock, vitest, @types/node) resolve; the
// published packages and their dependencies are linked in as a consumer would have them.
const work = join(root, 'node_modules', '.cache', 'snippets');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
const linked = new Set();
const link = (name, target) => {
  if (linked.has(name) || !existsSync(target)) return;
  mkdirSync(dirname(join(work, 'node_modules', name)), { recursive: true });
  symlinkSync(target, join(work, 'node_modules', name), 'dir');
  linked.add(name);
};
for (const pkg of publishedPackages()) {
  if (!existsSync(join(pkg.dir, 'dist')))
    throw new Error(`${pkg.name} is not built; run pnpm build`);
  link(pkg.name, pkg.dir);
}
for (const pkg of publishedPackages()) {
  // A consumer installs peers beside the package (ioredis for connector-redis): link them too.
  const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
  for (const dep of Object.keys({ ...dependencies, ...peerDependencies })) {
    link(dep, join(pkg.dir, 'node_modules', dep));
  }
}
const names = checked.map((s, n) => {
  const name = `${s.file.replace(/[^a-zA-Z0-9]+/g, '_')}_L${s.line}_${n}.mts`;
  writeFileSync(join(work, name), `${s.segments.map((g) => g.code).join('\n')}\nexport {};\n`);
  return name;
});
const tsconfig = {
  extends: relative(work, join(root, 'tsconfig.base.json')),
  compilerOptions: { noEmit: true, skipLibCheck: true, noUnusedLocals: false },
  files: names,
};
writeFileSync(join(work, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
let output = '';
try {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], {
    cwd: work,
    encoding: 'utf8',
    stdio: 'pipe',
  });
} catch (error) {
  output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
}
// Point each error at the README line it comes from.
const failures = new Set();
const messages = output
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const m = /^(.+?\.mts)\((\d+),(\d+)\): (.*)$/.exec(line);
    const index = m ? names.indexOf(m[1]) : -1;
    if (!m || index < 0) return line;
    const s = checked[index];
    failures.add(index);
    let at = Number(m[2]);
    for (const g of s.segments) {
      const count = g.code.split('\n').length;
      if (at <= count) return `${s.file}:${g.line + at - 1}:${m[3]} ${m[4]}`;
      at -= count;
    }
    return `${s.file}:${s.line}: ${m[4]}`;
  });
if (output) {
  console.error(messages.join('\n'));
  console.error(`snippets: ${failures.size} of ${checked.length} failed to compile`);
  process.exitCode = 1;
} else {
  rmSync(work, { recursive: true, force: true });
  console.log(
    `snippets: ${checked.length} compiled, ${all.length - checked.length} partial skipped`,
  );
}
