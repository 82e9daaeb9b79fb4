import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../clock/manual-clock.js';
import { RateLimitError } from '../../errors/errors.js';
import { firstRunAt, retryAfterOf, runScheduleLoop, sleepUntil } from './schedule-loop.js';

describe('firstRunAt', () => {
  it('resumes a stored schedule, runs at once without one, never later than one interval', () => {
    expect(firstRunAt({ now: 1_000, wait: 100, takenAt: undefined, firstRun: 'resume' })).toBe(
      1_000,
    );
    expect(firstRunAt({ now: 1_000, wait: 100, takenAt: 950, firstRun: 'resume' })).toBe(1_050);
    expect(firstRunAt({ now: 1_000, wait: 100, takenAt: 950, firstRun: 'now' })).toBe(1_000);
    expect(firstRunAt({ now: 1_000, wait: 100, takenAt: 500, firstRun: undefined })).toBe(1_000);
    expect(firstRunAt({ now: 1_000, wait: 100, takenAt: 9e15, firstRun: 'resume' })).toBe(1_100);
  });
});

describe('retryAfterOf', () => {
  it('reads a usable retryAfterMs only', () => {
    expect(retryAfterOf(new RateLimitError('slow', { retryAfterMs: 5_000 }))).toBe(5_000);
    expect(retryAfterOf({ retryAfterMs: Number.POSITIVE_INFINITY })).toBeUndefined();
    expect(retryAfterOf(null)).toBeUndefined();
  });
});

describe('sleepUntil', () => {
  it('waits past what one timer can hold', async () => {
    const clock = createManualClock();
    const at = clock.now() + 2 ** 32;
    let woke = false;
    void sleepUntil(clock, at, new AbortController().signal).then(() => {
      woke = true;
    });
    await clock.advance(2 ** 31);
    expect(woke).toBe(false);
    await clock.advance(2 ** 31);
    expect(woke).toBe(true);
  });
});

describe('runScheduleLoop', () => {
  it('runs start to start, backs off after failures and waits for the budget', async () => {
    const clock = createManualClock(0);
    const stop = new AbortController();
    const planned: Array<[number, string]> = [];
    const outcomes = ['ok', 'fail', 'fail', 'ok', 'ok'];
    let failures = 0;
    let budgetUntil: number | undefined;
    const loop = runScheduleLoop(
      {
        clock,
        intervalMs: 100,
        jitter: 0,
        random: () => 0,
        backoff: { initialMs: 10, maxMs: 1_000 },
        signal: stop.signal,
        running: () => !stop.signal.aborted,
        failures: () => failures,
        deferUntil: (at) =>
          budgetUntil !== undefined && budgetUntil > at ? budgetUntil : undefined,
        run: async () => {
          await clock.sleep(5); // a run takes 5 ms
          const outcome = outcomes.shift();
          if (outcomes.length === 1) budgetUntil = 10_000;
          if (outcomes.length === 0) stop.abort();
          if (outcome === 'fail') {
            failures++;
            throw new Error('boom');
          }
          failures = 0;
        },
        onScheduled: (at, reason) => {
          if (at !== undefined) planned.push([at, reason ?? '']);
        },
      },
      0,
    );
    while (await clock.next()) {
      /* let every timer fire */
    }
    await loop;
    expect(planned).toEqual([
      [0, 'interval'],
      [100, 'interval'], // start to start
      [115, 'retry'], // 10 ms after the run that failed at 105
      [140, 'retry'], // doubled: 20 ms
      [10_000, 'budget'],
    ]);
  });
});
