// The ESM consumer: loads every installed package with `import`.
import { readFileSync } from 'node:fs';
import { run } from './scenario.cjs';

const names = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies ?? {});
await run((name) => import(name), names, 'esm consumer');
