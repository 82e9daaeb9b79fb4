// Makes a spec subset the sandbox's responses are validated against, from a vendor's published
// spec (Swagger 2.0 or OpenAPI 3.x, JSON or YAML), once, by hand:
//   node test/spec/vendored/extract.mjs <spec file> 'GET /systemusers' 'POST /events' ... > <name>.subset.json
// (then `pnpm format`, which lays the JSON out as the repo does)
// A path ending in `/*` stands for every path of one more segment of lower-case letters and `_`
// (JumpCloud's System Insights tables).
// It keeps the named operations verbatim (parameters, every response, examples), their path-level
// parameters, the spec-wide responses (JumpCloud's standard errors) and every schema, response or
// parameter those reach through $ref. The tests read the subset, never the original.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [file, ...operations] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
// YAML specs (Okta's) need the `yaml` package, which the workspace has (connector-cli's).
const spec = /\.ya?ml$/.test(file)
  ? createRequire(new URL('../../../../connector-cli/package.json', import.meta.url))('yaml').parse(
      text,
    )
  : JSON.parse(text);

const kept = {};
const take = (ref) => {
  // `#/definitions/X` (Swagger 2), `#/components/schemas/X` (OpenAPI 3), `#/responses/X`...
  const keys = ref
    .replace(/^#\//, '')
    .split('/')
    .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
  let from = spec;
  let to = kept;
  for (const [i, key] of keys.entries()) {
    if (i === keys.length - 1) {
      if (to[key] !== undefined) return;
      to[key] = from[key];
      walk(from[key]);
      return;
    }
    from = from[key];
    to[key] ??= {};
    to = to[key];
  }
};
function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) take(node.$ref);
    Object.values(node).forEach(walk);
  }
}

const paths = {};
const expanded = operations.flatMap((operation) => {
  const [method, path] = operation.split(' ');
  if (!path.endsWith('/*')) return [[method, path]];
  const under = path.slice(0, -1);
  return Object.keys(spec.paths)
    .filter((p) => p.startsWith(under) && /^[a-z_]+$/.test(p.slice(under.length)))
    .filter((p) => spec.paths[p][method.toLowerCase()] !== undefined)
    .map((p) => [method, p]);
});
for (const [method, path] of expanded) {
  const operation = `${method} ${path}`;
  const item = spec.paths[path];
  const op = item?.[method.toLowerCase()];
  if (!op) throw new Error(`${file} has no ${operation}`);
  paths[path] ??= item.parameters ? { parameters: item.parameters } : {};
  paths[path][method.toLowerCase()] = op;
  walk(paths[path]);
}
for (const name of Object.keys(spec.responses ?? {}))
  take(`#/responses/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);

const head = Object.fromEntries(
  ['swagger', 'openapi', 'basePath', 'servers']
    .filter((k) => spec[k] !== undefined)
    .map((k) => [k, spec[k]]),
);
const info = { title: spec.info?.title, version: spec.info?.version, license: spec.info?.license };
process.stdout.write(`${JSON.stringify({ ...head, info, paths, ...kept }, null, 2)}\n`);
