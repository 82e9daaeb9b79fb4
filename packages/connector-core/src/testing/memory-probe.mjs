// Child process (run with --expose-gc) that measures what polling N accounts costs in heap:
//   snapshotBytesPerAccount  retained by one stored snapshot, after GC
//   peakRunGrowthBytes       highest heap growth seen during a no-change run over N accounts (two
//                            snapshots alive: the stored one and the one being built)
// Each account carries a ~3 KB vendor object, so a run that buffered accounts would show N × 3 KB.
import { createMemoryStateStore } from '../sync/memory-store.js';
import { createPoller } from '../sync/poller.js';

const count = Number(process.argv[2] ?? 100_000);
const padding = 'x'.repeat(3000);
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');

const connector = {
  vendor: 'fake',
  name: 'memory-probe',
  verify: async () => ({ ok: true, vendor: 'fake', connection: 'memory-probe' }),
  async *accounts() {
    for (let i = 0; i < count; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      // Fresh strings per account, as JSON.parse of a page would give.
      const raw = {
        id,
        email: `person.${i}@example.com`,
        name: `Person Number ${i}`,
        notes: `${padding}${i}`,
      };
      yield {
        vendor: 'fake',
        connection: 'memory-probe',
        id,
        email: raw.email,
        name: raw.name,
        status: 'active',
        createdAt: undefined,
        raw,
      };
    }
  },
};

const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

let base = 0;
let peak = 0;
// Collected first, so the figure is what the run holds on to, not garbage awaiting collection.
const sample = () => {
  peak = Math.max(peak, heap() - base);
};
const store = createMemoryStateStore();
const poller = createPoller({
  connector,
  store,
  intervalMs: 3_600_000,
  progressEvery: 5_000,
  onEvent: (e) => {
    if (e.type === 'progress') sample();
  },
});

base = heap();
const first = await poller.runOnce();
const snapshotBytes = heap() - base;

base = heap();
peak = 0;
const second = await poller.runOnce();
await poller.stop();
process.stdout.write(
  `${JSON.stringify({
    count,
    baselineTotal: first.total,
    secondKind: second.kind,
    secondChanges: second.added.length + second.changed.length + second.removed.length,
    snapshotBytesPerAccount: snapshotBytes / count,
    peakRunGrowthBytes: peak,
    rawBytesPerAccount: padding.length,
  })}\n`,
);
