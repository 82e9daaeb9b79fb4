// Broken-link check of the generated docs site (`site/`, from `pnpm docs:site`): every relative
// href and src of every HTML page must name a file of the site, and every #fragment an id or name
// in that file. External links are counted, not fetched (CI has no internet).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { root } from './lib/workspace.mjs';

const site = resolve(root, process.argv[2] ?? 'site');
if (!existsSync(join(site, 'index.html'))) {
  console.error(`links: no ${relative(root, site)}/index.html; run pnpm docs:site first`);
  process.exit(1);
}

const pages = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.name.endsWith('.html')) pages.push(path);
  }
};
walk(site);

const ids = new Map();
/** The ids and names a file declares (HTML anchors, SVG sprite symbols). */
function anchorsOf(file) {
  let set = ids.get(file);
  if (!set) {
    const text = readFileSync(file, 'utf8');
    set = new Set([...text.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]));
    ids.set(file, set);
  }
  return set;
}

const broken = [];
let checked = 0;
let external = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const link = raw.replaceAll('&amp;', '&');
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
      external += 1;
      continue;
    }
    checked += 1;
    const [pathPart, fragment] = link.split('#', 2);
    let target = pathPart
      ? resolve(dirname(page), decodeURIComponent(pathPart.split('?')[0]))
      : page;
    if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
    const where = `${relative(site, page)}: ${attr}="${raw}"`;
    if (!target.startsWith(site) || !existsSync(target)) broken.push(`${where} (no such file)`);
    else if (
      fragment &&
      /\.(html|svg)$/.test(target) &&
      !anchorsOf(target).has(decodeURIComponent(fragment))
    ) {
      broken.push(`${where} (no #${fragment} there)`);
    }
  }
}
if (broken.length > 0) {
  console.error(broken.slice(0, 50).join('\n'));
  console.error(`links: ${broken.length} broken of ${checked} in ${pages.length} pages`);
  process.exit(1);
}
console.log(
  `links: ${checked} internal links in ${pages.length} pages resolve (${external} external not fetched)`,
);
