// Small timing helpers shared by the scenarios.

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `fn` and returns how long it took in ms, with what it returned. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Runs `fn` and returns its wall time and this process's CPU time (user + system) in ms. The
 * sandboxes run in other processes, so the CPU is the client's alone.
 */
export async function timedWithCpu<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/** Counts the items of an async iterable (the way a sync consumes them: one at a time). */
export async function drain(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

/** Whether `gc()` is there (the bench runs with `--expose-gc`). */
export const canCollect = typeof (globalThis as { gc?: unknown }).gc === 'function';

/**
 * Gives the event loop a moment and collects garbage between measured runs, so one run's garbage
 * is not collected on the next one's time.
 */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  (globalThis as { gc?: () => void }).gc?.();
}

/** Per-run ratios `a[i] / b[i]`, rounded to 3 places. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => Number((x / (b[i] ?? Number.NaN)).toFixed(3)));
}
