// Makes connector-kit.config.json the one place that says where the packages are published
// (`scope`) and developed (`repository`): renames the scope in every tracked text file (package
// names, imports, READMEs, changesets, the lockfile) and sets each published package's
// repository, homepage and bugs from the repository URL. Run `pnpm install` afterwards.
//   node scripts/set-scope.mjs           apply the config
//   node scripts/set-scope.mjs --check   exit 1 when the repository does not match the config
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publishedPackages, root } from './lib/workspace.mjs';

const check = process.argv.includes('--check');
const config = JSON.parse(readFileSync(join(root, 'connector-kit.config.json'), 'utf8'));
const scope = String(config.scope);
const repository = String(config.repository)
  .replace(/\/+$/, '')
  .replace(/\.git$/, '');
if (!/^@[a-z0-9][a-z0-9._-]*$/.test(scope)) throw new Error(`scope must look like @name: ${scope}`);
if (!/^https:\/\/[^/]+\/.+/.test(repository))
  throw new Error(`repository must be an https URL: ${repository}`);

const packages = publishedPackages();
const oldScope = packages[0].name.split('/')[0];
const oldRepository = String(packages[0].manifest.repository?.url ?? repository)
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const scopePattern = new RegExp(`(?<![\\w.@-])${literal(oldScope)}/`, 'g');
const repoPattern = new RegExp(literal(oldRepository.replace(/^https:\/\//, '')), 'g');

const changed = [];
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
for (const file of files) {
  const path = join(root, file);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue; // removed in the work tree
  }
  if (text.includes('\0') || file === 'connector-kit.config.json') continue;
  let next = oldScope === scope ? text : text.replace(scopePattern, `${scope}/`);
  next = next.replace(repoPattern, repository.replace(/^https:\/\//, ''));
  if (file.startsWith('packages/') && file.endsWith('/package.json')) {
    const manifest = JSON.parse(next);
    if (manifest.private !== true) next = withLinks(manifest, relative(root, join(path, '..')));
  }
  if (next !== text) {
    changed.push(file);
    if (!check) writeFileSync(path, next);
  }
}

/** The manifest with repository, homepage and bugs derived from the configured repository. */
function withLinks(manifest, directory) {
  const links = {
    repository: { type: 'git', url: `git+${repository}.git`, directory },
    homepage: `${repository}/tree/main/${directory}#readme`,
    bugs: `${repository}/issues`,
  };
  // Keep the key order of the manifest; add missing keys after `repository` or at the end.
  const out = {};
  for (const [key, value] of Object.entries(manifest)) {
    out[key] = key in links ? links[key] : value;
    if (key === 'repository')
      for (const k of ['homepage', 'bugs']) if (!(k in manifest)) out[k] = links[k];
  }
  for (const [k, v] of Object.entries(links)) if (!(k in out)) out[k] = v;
  return `${JSON.stringify(out, null, 2)}\n`;
}

if (check) {
  if (changed.length > 0) {
    console.error(
      `scope: ${changed.length} files differ from connector-kit.config.json:\n  ${changed.join('\n  ')}`,
    );
    console.error('run: node scripts/set-scope.mjs && pnpm install');
    process.exit(1);
  }
  console.log(`scope: ${packages.length} packages under ${scope}, repository ${repository}`);
} else {
  console.log(
    `scope: ${oldScope} → ${scope}, ${oldRepository} → ${repository}: ${changed.length} files changed`,
  );
  if (changed.length > 0) console.log('now run: pnpm install');
}
