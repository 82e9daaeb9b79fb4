import { describe, expect, it } from 'vitest';
import { assessPollingBudget, budgetReadyAt } from './budget.js';
import { jitteredInterval, retryDelay } from './schedule.js';

const at = new Date('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;

describe('assessPollingBudget', () => {
  it('a daily quota: Hexnode with 5 devices (50 calls a day) and 3-call runs', () => {
    const a = assessPollingBudget({
      costPerRun: 3,
      intervalMs: HOUR,
      budget: { windows: [{ name: 'day', limit: 50, remaining: 50, resetsAt: at }] },
    });
    expect(a.sustainable).toBe(false);
    expect(a.windows[0]).toMatchObject({ callsPerWindow: 72, windowMs: 86_400_000 });
    expect(a.minIntervalMs).toBe(5_184_000); // 1.44 h: 16.7 runs a day
    expect(
      assessPollingBudget({
        costPerRun: 3,
        intervalMs: 2 * HOUR,
        budget: { windows: [{ name: 'day', limit: 50, remaining: 0, resetsAt: at }] },
      }).sustainable,
    ).toBe(true);
  });

  it('a per-minute limit that would stretch one run past the interval', () => {
    const a = assessPollingBudget({
      costPerRun: 1000,
      intervalMs: 15 * 60_000,
      budget: { windows: [{ name: 'minute', limit: 30, remaining: 30, resetsAt: at }] },
    });
    expect(a.sustainable).toBe(false);
    expect(a.minIntervalMs).toBe(2_000_000); // 1000 calls at 30/min take 33.3 min
  });

  it('uses a window intervalMs when the budget carries one, and skips windows it cannot size', () => {
    const window = { name: 'burst', limit: 10, remaining: 10, resetsAt: at, intervalMs: 10_000 };
    const a = assessPollingBudget({
      costPerRun: 10,
      intervalMs: 60_000,
      budget: { windows: [window, { name: 'mystery', limit: 1, remaining: 1, resetsAt: at }] },
    });
    expect(a.windows.map((w) => w.name)).toEqual(['burst']);
    expect(a.windows[0]?.utilization).toBeCloseTo(1 / 6);
    expect(a.sustainable).toBe(true);
  });
});

describe('budgetReadyAt', () => {
  it('waits for a window that could hold a run but has too little left, or a pause', () => {
    const later = new Date(at.getTime() + HOUR);
    expect(
      budgetReadyAt({ windows: [{ name: 'day', limit: 100, remaining: 5, resetsAt: later }] }, 10),
    ).toBe(later.getTime());
    expect(
      budgetReadyAt({ windows: [{ name: 'day', limit: 100, remaining: 50, resetsAt: later }] }, 10),
    ).toBeUndefined();
    // A minute window smaller than a run is the limiter's business, not a reason to wait.
    expect(
      budgetReadyAt({ windows: [{ name: 'minute', limit: 5, remaining: 0, resetsAt: later }] }, 10),
    ).toBeUndefined();
    expect(budgetReadyAt({ windows: [], pausedUntil: later }, 10)).toBe(later.getTime());
  });
});

describe('schedule', () => {
  it('jitter only lengthens; backoff doubles up to a cap and honours retry-after', () => {
    expect(jitteredInterval(1000, 0.1, () => 0)).toBe(1000);
    expect(jitteredInterval(1000, 0.1, () => 0.999)).toBe(1100);
    const b = { initialMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 9].map((n) => retryDelay(n, b))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryDelay(1, b, 60_000)).toBe(60_000);
  });
});
