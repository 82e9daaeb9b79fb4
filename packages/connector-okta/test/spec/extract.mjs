// Made test/spec/okta-management.subset.json from Okta's published spec, once:
//   node test/spec/extract.mjs <path of okta-management.yaml> > test/spec/okta-management.subset.json
// It keeps the paths the sandbox serves (their GET 200 responses and parameters) and every schema
// those reach through $ref, verbatim. The tests read the subset, never the original.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { parse } = createRequire(import.meta.url)('yaml');
const PATHS = [
  '/api/v1/users',
  '/api/v1/users/{id}',
  '/api/v1/users/{userId}/factors',
  '/api/v1/users/{userId}/roles',
  '/api/v1/groups',
  '/api/v1/groups/{groupId}/users',
];
const spec = parse(readFileSync(process.argv[2], 'utf8'));
const kept = { components: {} };
const take = (ref) => {
  const [, section, name] = ref.replace('#/', '').split('/');
  kept.components[section] ??= {};
  if (kept.components[section][name]) return;
  kept.components[section][name] = spec.components[section][name];
  walk(spec.components[section][name]);
};
function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') take(node.$ref);
    Object.values(node).forEach(walk);
  }
}
const paths = {};
for (const path of PATHS) {
  const { parameters, responses } = spec.paths[path].get;
  paths[path] = { get: { parameters, responses: { 200: responses['200'] } } };
  walk(paths[path]);
}
process.stdout.write(
  `${JSON.stringify({ openapi: spec.openapi, info: { title: spec.info.title, version: spec.info.version, license: spec.info.license }, paths, components: kept.components }, null, 1)}\n`,
);
