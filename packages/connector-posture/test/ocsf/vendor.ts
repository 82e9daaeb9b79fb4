// Copies the parts of the OCSF 1.3.0 schema that the Compliance Finding class needs (with the
// schema's LICENSE and NOTICE) into ./schema, from a checkout of ocsf/ocsf-schema at v1.3.0:
//   node test/ocsf/vendor.ts <ocsf-schema checkout>
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Loaded by URL: Node runs this file as TypeScript directly, where `.ts` imports resolve.
const { OcsfSchema } = (await import(
  new URL('./compile.ts', import.meta.url).href
)) as typeof import('./compile.js');

const source = process.argv[2];
if (!source) throw new Error('usage: node test/ocsf/vendor.ts <ocsf-schema checkout>');
const target = join(dirname(fileURLToPath(import.meta.url)), 'schema');
const files = new OcsfSchema(source).filesOf('events/findings/compliance_finding.json');
for (const file of [...files, 'LICENSE', 'NOTICE']) {
  mkdirSync(dirname(join(target, file)), { recursive: true });
  copyFileSync(join(source, file), join(target, file));
}
console.log(`copied ${files.length} schema files and the licence into ${target}`);
