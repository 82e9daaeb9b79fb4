// The client side of the memory scenario, in a process of its own so that its peak RSS is the
// connector's alone: streams every JumpCloud user through accounts() (or, as the reference, a
// hand-written fetch loop stepping pages the ordinary way, one at a time or BENCH_CONCURRENCY
// ahead, or the minimal loop that keeps the least alive) and reports the peak. Started with
// --expose-gc only to measure, once near the end, the heap the stream keeps alive.
import { readFile } from 'node:fs/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import {
  ACCOUNT_FIELDS,
  jumpcloud,
  jumpcloudRawLoop,
  jumpcloudRawLoopAhead,
} from '../vendors/jumpcloud.ts';
import { jumpcloudMinimalLoop } from '../vendors/jumpcloud-minimal.ts';

/** Peak resident set size so far, from the kernel (Linux), in bytes. */
async function highWaterMark(): Promise<number | undefined> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

const env = process.env;
const apiKey = env.BENCH_JUMPCLOUD_API_KEY ?? '';
const orgId = env.BENCH_JUMPCLOUD_ORG_ID ?? '';
const baseUrl = env.BENCH_JUMPCLOUD_BASE_URL ?? '';
const expected = Number(env.BENCH_USERS);

const concurrency = env.BENCH_CONCURRENCY ? Number(env.BENCH_CONCURRENCY) : undefined;

const credentials = { apiKey, orgId, baseUrl };
const items =
  env.BENCH_CLIENT === 'fetch'
    ? concurrency === undefined
      ? jumpcloudRawLoop(credentials, 100)
      : jumpcloudRawLoopAhead(credentials, 100, concurrency)
    : env.BENCH_CLIENT === 'minimal'
      ? jumpcloudMinimalLoop(credentials, 100, ACCOUNT_FIELDS)
      : jumpcloud(credentials, { concurrency }).accounts();
const gc = (globalThis as { gc?: () => void }).gc;

const startRss = process.memoryUsage().rss;
let sampledPeak = startRss;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 10);

const started = performance.now();
let accounts = 0;
let heapPeak = 0;
let liveHeapAtEnd = 0;
for await (const _ of items) {
  // Every 10,000 accounts, record the heap too (cheap enough not to disturb the stream).
  if (++accounts % 10_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  // Just before the end, while the listing is still open: what the stream really keeps alive.
  if (accounts === expected - 1 && gc) {
    gc();
    liveHeapAtEnd = process.memoryUsage().heapUsed;
  }
}
const ms = performance.now() - started;
clearInterval(sampler);
sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);

// V8 grows the young generation (never shrinking it while the process allocates) each time the
// bytes that survived its collections add up to its size, and a full young generation is most of
// the peak: this says how far it grew, the first thing to compare between two clients' peaks.
const youngGeneration = getHeapSpaceStatistics().find(
  (s) => s.space_name === 'new_space',
)?.space_size;

process.send?.({
  accounts,
  ms,
  startRss,
  sampledPeakRss: sampledPeak,
  kernelPeakRss: await highWaterMark(),
  heapPeak,
  liveHeapAtEnd,
  youngGeneration,
});
