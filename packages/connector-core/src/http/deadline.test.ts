import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock/clock.js';
import { createManualClock } from '../clock/manual-clock.js';
import { DEADLINE_EXPIRED, startDeadline } from './deadline.js';

describe('startDeadline', () => {
  it('aborts the controller when time runs out, and says it expired', async () => {
    const clock = createManualClock();
    const ac = new AbortController();
    const d = startDeadline(clock, 1_000, ac);
    await clock.advance(999);
    expect(ac.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(ac.signal.reason).toBe(DEADLINE_EXPIRED);
    expect(d.expired).toBe(true);
  });

  it('cancels without leaving a timer behind', async () => {
    const clock = createManualClock();
    const ac = new AbortController();
    startDeadline(clock, 1_000, ac).cancel();
    expect(clock.pending()).toBe(0);
    await clock.advance(2_000);
    expect(ac.signal.aborted).toBe(false);
  });

  it('falls back to sleep on a clock without schedule', async () => {
    const manual = createManualClock();
    const clock: Clock = { now: manual.now, sleep: manual.sleep };
    const ac = new AbortController();
    const d = startDeadline(clock, 10, ac);
    await manual.advance(10);
    expect(d.expired).toBe(true);
    const other = new AbortController();
    startDeadline(clock, 10, other).cancel();
    await manual.advance(10);
    expect(other.signal.aborted).toBe(false);
  });

  it('does nothing without a deadline', () => {
    const clock = createManualClock();
    startDeadline(clock, undefined, new AbortController());
    expect(clock.pending()).toBe(0);
  });
});
