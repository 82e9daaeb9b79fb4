import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError } from '../errors/errors.js';
import { MAX_TIMER_MS, systemClock } from './clock.js';
import { createManualClock } from './manual-clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('systemClock', () => {
  it('waits longer than setTimeout allows, without firing early or warning', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    let done = false;
    const ms = 1_000_000_000 * 1000; // Retry-After: 1000000000
    systemClock.sleep(ms).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 10);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(ms - MAX_TIMER_MS - 20);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(done).toBe(true);
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('rejects a long sleep with AbortError when its signal aborts', async () => {
    const ac = new AbortController();
    const sleeping = systemClock.sleep(2 ** 40, ac.signal);
    ac.abort();
    await expect(sleeping).rejects.toBeInstanceOf(AbortError);
  });

  it('schedules and cancels a timer without building an error', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fired: number[] = [];
    const cancel = systemClock.schedule?.(1_000, () => fired.push(1));
    systemClock.schedule?.(1_000, () => fired.push(2));
    cancel?.();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual([2]);
  });
});

describe('manual clock schedule', () => {
  it('fires a scheduled timer when time reaches it, and not after cancel', async () => {
    const clock = createManualClock();
    const fired: string[] = [];
    clock.schedule(100, () => fired.push('a'));
    const cancel = clock.schedule(50, () => fired.push('b'));
    expect(clock.pending()).toBe(2);
    cancel();
    await clock.advance(100);
    expect(fired).toEqual(['a']);
    expect(clock.pending()).toBe(0);
  });
});
