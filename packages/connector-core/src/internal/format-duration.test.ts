import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it('uses seconds, minutes or hours, whichever reads best', () => {
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(90_000)).toBe('1.5 min');
    expect(formatDuration(8_100_000)).toBe('2.25 h');
  });
});
