// Heap an account keeps per extra `raw` field: 10,000 accounts read from the sandbox and held,
// each configuration in its own `node --expose-gc` child. Run after building:
//   node packages/connector-jumpcloud/scripts/measure-raw-memory.mjs
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const USERS = 10_000;
const CONFIGS = {
  none: [],
  'one boolean (account_locked)': ['account_locked'],
  'four booleans': ['account_locked', 'password_expired', 'password_never_expires', 'totp_enabled'],
  'one date string (password_date)': ['password_date'],
  'attributes (array of {name, value})': ['attributes'],
  'whole mfa object': ['mfa'],
};

if (process.argv[2] === 'child') {
  const { startSandbox } = await import('@org/connector-sandbox');
  const { createJumpCloudConnector } = await import('../dist/index.js');
  const rawFields = JSON.parse(process.argv[3]);
  const sb = await startSandbox({ vendor: 'jumpcloud', size: { users: USERS }, limits: false });
  const c = sb.credentials;
  const jc = createJumpCloudConnector({
    apiKey: c.apiKey,
    orgId: c.orgId,
    baseUrl: c.baseUrl,
    accounts: { rawFields },
  });
  // A warm-up run, so code and caches are in place before the baseline.
  for await (const _ of jc.accounts());
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const held = [];
  for await (const a of jc.accounts()) held.push(a);
  global.gc();
  const after = process.memoryUsage().heapUsed;
  await sb.close();
  console.log(JSON.stringify({ accounts: held.length, bytes: after - before }));
} else {
  const self = fileURLToPath(import.meta.url);
  const runs = 3;
  const results = {};
  for (const [label, fields] of Object.entries(CONFIGS)) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', self, 'child', JSON.stringify(fields)],
        { encoding: 'utf8' },
      );
      samples.push(JSON.parse(out.trim().split('\n').at(-1)).bytes / USERS);
    }
    samples.sort((a, b) => a - b);
    results[label] = samples[1];
  }
  const base = results.none;
  for (const [label, perAccount] of Object.entries(results)) {
    const extra = perAccount - base;
    console.log(
      `${label.padEnd(38)} ${perAccount.toFixed(0).padStart(5)} B/account  extra ${extra.toFixed(0).padStart(4)} B`,
    );
  }
}
