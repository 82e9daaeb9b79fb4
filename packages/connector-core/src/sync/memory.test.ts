import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const hooks = fileURLToPath(new URL('../testing/ts-hooks.mjs', import.meta.url));
const probe = fileURLToPath(new URL('../testing/memory-probe.mjs', import.meta.url));

// Measured in a child process with --expose-gc, so heap figures are after a real collection.
it('keeps about 300 bytes per account for 100,000 accounts and never buffers their vendor objects', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', hooks, probe, '100000'],
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
    `snapshot: ${r.snapshotBytesPerAccount.toFixed(0)} bytes/account; peak growth during a 100k run: ${(r.peakRunGrowthBytes / 2 ** 20).toFixed(1)} MiB`,
  );
  expect(r).toMatchObject({
    count: 100_000,
    baselineTotal: 100_000,
    secondKind: 'delta',
    secondChanges: 0,
  });
  expect(r.snapshotBytesPerAccount).toBeLessThan(400);
  // Buffering the accounts would hold 100,000 × 3 KB ≈ 300 MB; a run holds one more snapshot.
  expect(r.peakRunGrowthBytes).toBeLessThan(100_000 * 600);
}, 60_000);
