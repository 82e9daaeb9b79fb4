import { describe, expect, it } from 'vitest';
import { etaOf } from './eta.js';

const at = (ms: number) => new Date(ms);

describe('etaOf', () => {
  it('waits for the tightest window to refill the calls it lacks', () => {
    const budget = {
      windows: [
        // 30 a minute, 5 left, resetting in 20 s.
        { name: 'minute', limit: 30, intervalMs: 60_000, remaining: 5, resetsAt: at(20_000) },
        { name: 'day', limit: 10_000, intervalMs: 86_400_000, remaining: 9_000, resetsAt: at(0) },
      ],
    };
    expect(etaOf(5, budget, 0)).toBe(0);
    // 6 beyond the 5 left: the reset in 20 s brings 30 more.
    expect(etaOf(11, budget, 0)).toBe(20_000);
    // 65 beyond: three windows' worth, the first at the reset.
    expect(etaOf(70, budget, 0)).toBe(20_000 + 2 * 60_000);
  });

  it('knows nothing from windows of unknown length', () => {
    expect(
      etaOf(10, { windows: [{ name: 'x', limit: 5, remaining: 0, resetsAt: at(0) }] }, 0),
    ).toBeUndefined();
  });
});
