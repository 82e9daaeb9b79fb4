// Broken-link check of the generated docs site (`site/`, from `pnpm docs:site`): every relative
// href and src of every HTML page must name a file of the site, and every #fragment an id or name
// in that file. External links are counted, not fetched (CI has no internet). It also checks what a
// reader meets first: each connector factory's page opens with its description and options table,
// and no page links to a raw Markdown file (a linked README must be rendered as a page).
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
// A factory page leads with its description and the options table, within its first screen.
const factories = pages.filter((p) => {
  const name = /_org_connector-([a-z]+)\.create([A-Za-z]+)Connector\.html$/.exec(p);
  return name !== null && name[1] === name[2]?.toLowerCase();
});
for (const page of factories) {
  const text = readFileSync(page, 'utf8');
  const content = text.indexOf('class="col-content"');
  const table = text.indexOf('class="connector-options"');
  const shown = text
    .slice(content, table)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
  if (table < 0) broken.push(`${relative(site, page)}: no options table`);
  else if (shown.length > 1_500) {
    broken.push(`${relative(site, page)}: ${shown.length} characters before the options table`);
  }
}
if (factories.length === 0) broken.push('no create<Vendor>Connector page in the site');
for (const page of pages) {
  for (const [, raw] of readFileSync(page, 'utf8').matchAll(/\shref="([^"]*\.md)(?:#[^"]*)?"/g)) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(raw))
      broken.push(`${relative(site, page)}: links to raw ${raw}`);
  }
}

if (broken.length > 0) {
  console.error(broken.slice(0, 50).join('\n'));
  console.error(`links: ${broken.length} broken of ${checked} in ${pages.length} pages`);
  process.exit(1);
}
console.log(
  `links: ${checked} internal links in ${pages.length} pages resolve (${external} external not fetched); ${factories.length} factory pages lead with their options`,
);
