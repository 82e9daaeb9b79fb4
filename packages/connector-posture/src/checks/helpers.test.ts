import { describe, expect, it } from 'vitest';
import { compareVersions, daysSince, daysUntil } from './helpers.js';

describe('check helpers', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('14.10', '14.9')).toBeGreaterThan(0);
    expect(compareVersions('14', '14.0.0')).toBe(0);
    expect(compareVersions('12.7', '14.4')).toBeLessThan(0);
  });

  it('counts whole days to and from a time, and nothing for a non-time', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(daysSince('2026-05-01T12:00:00Z', now)).toBe(31);
    expect(daysSince('2026-06-01T11:00:00Z', now)).toBe(0);
    expect(daysUntil('2026-06-11T12:00:00Z', now)).toBe(10);
    expect(daysSince('', now)).toBeUndefined();
    expect(daysSince('not a date', now)).toBeUndefined();
    expect(daysSince(null, now)).toBeUndefined();
    // The graph stores times as epoch milliseconds.
    expect(daysSince(Date.parse('2026-05-01T12:00:00Z'), now)).toBe(31);
    expect(daysUntil(Date.parse('2026-06-11T12:00:00Z'), now)).toBe(10);
  });
});
