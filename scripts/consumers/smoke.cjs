// The CommonJS consumer: loads every installed package with `require()`, which Node >= 22.12
// resolves to the ESM build through the `default` export condition.
'use strict';
const { readFileSync } = require('node:fs');
const { run } = require('./scenario.cjs');

const names = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies ?? {});
run((name) => require(name), names, 'cjs consumer').catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
