// Sums the vitest JSON reports every workspace package wrote (`.vitest/results.json`) and prints
// one closing line, so CI logs end with the whole repo's count rather than the last package's.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'examples', 'bench'];
let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
for (const root of roots) {
  if (!existsSync(root)) continue;
  const dirs = root === 'bench' ? ['.'] : readdirSync(root);
  for (const dir of dirs) {
    const report = join(root, dir, '.vitest', 'results.json');
    if (!existsSync(report)) continue;
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    files += 1;
  }
}
if (files === 0) {
  console.error('tests: no vitest report found; did the tests run?');
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
