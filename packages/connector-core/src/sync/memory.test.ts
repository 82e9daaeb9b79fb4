import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const hooks = fileURLToPath(new URL('../testing/ts-hooks.mjs', import.meta.url));
const probe = fileURLToPath(new URL('../testing/memory-probe.mjs', import.meta.url));

// Measured in a child process with --expose-gc, so heap figures are after a real collection: what
// is retained, not how fast. 5,000 accounts keep it short on a loaded machine; the README's
// figures come from 100,000 (`node --expose-gc --import ./testing/ts-hooks.mjs
// ./testing/memory-probe.mjs 100000`).
const COUNT = 5_000;

it('keeps about 300 bytes per account and never buffers their vendor objects', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', hooks, probe, String(COUNT)],
    {
      maxBuffer: 1 << 20,
    },
  );
  const r = JSON.parse(stdout) as {
    count: number;
    baselineTotal: number;
    secondKind: string;
    secondChanges: number;
    snapshotBytesPerAccount: number;
    peakRunGrowthBytes: number;
    rawBytesPerAccount: number;
  };
  console.info(
    `snapshot: ${r.snapshotBytesPerAccount.toFixed(0)} bytes/account; peak growth during a ${COUNT}-account run: ${(r.peakRunGrowthBytes / 2 ** 20).toFixed(1)} MiB`,
  );
  expect(r).toMatchObject({
    count: COUNT,
    baselineTotal: COUNT,
    secondKind: 'delta',
    secondChanges: 0,
  });
  expect(r.snapshotBytesPerAccount).toBeLessThan(400);
  // Buffering the accounts would hold 3 KB each; a run holds one more snapshot (~300 B each).
  expect(r.peakRunGrowthBytes).toBeLessThan(COUNT * 600);
});
