/**
 * Pages 1,000,000 JumpCloud users over HTTP (limit=100, sort=_id) from an in-process sandbox and
 * reports heapUsed / RSS before, during and after. Run after a build:
 *
 *   pnpm exec tsup && node --expose-gc scripts/memory-1m.ts
 */
import { startSandbox } from '../dist/index.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const USERS = Number(process.env.USERS ?? 1_000_000);

const sb = await startSandbox({ vendor: 'jumpcloud', size: { users: USERS } });
const headers = { 'x-api-key': sb.credentials.apiKey };
gc();
const before = process.memoryUsage();
let peakHeap = 0;
let peakRss = 0;
const checkpoints: string[] = [];
let seen = 0;
const started = performance.now();
for (let skip = 0; ; skip += 100) {
  const res = await fetch(`${sb.url}/api/systemusers?limit=100&skip=${skip}&sort=_id`, { headers });
  const page = (await res.json()) as { totalCount: number; results: unknown[] };
  seen += page.results.length;
  if (skip % 50_000 === 0) {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }
  if (skip > 0 && skip % 200_000 === 0) {
    // Retained memory: what survives a full GC at this point of the run.
    gc();
    const m = process.memoryUsage();
    checkpoints.push(`${skip / 1000}k: heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`);
  }
  if (page.results.length < 100) break;
}
const seconds = (performance.now() - started) / 1000;
gc();
const after = process.memoryUsage();
await sb.close();
console.log(
  `users paged: ${seen} in ${seconds.toFixed(1)} s (${Math.round(seen / 100 / seconds)} requests/s)`,
);
console.log(`after GC at checkpoints: ${checkpoints.join(' | ')}`);
console.log(
  `heapUsed: before ${mb(before.heapUsed)}, peak sampled ${mb(peakHeap)}, after GC ${mb(after.heapUsed)}`,
);
console.log(
  `rss:      before ${mb(before.rss)}, peak sampled ${mb(peakRss)}, after ${mb(after.rss)}`,
);
if (seen !== USERS) process.exitCode = 1;
