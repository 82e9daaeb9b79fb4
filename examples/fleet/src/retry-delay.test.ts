import { RateLimitError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.ts';

describe('retryDelay', () => {
  it('doubles from the base delay per attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1_000, new Error('boom')))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never retries sooner than the error asks', () => {
    const limited = new RateLimitError('slow down', { retryAfterMs: 45_000 });
    expect(retryDelay(1, 1_000, limited)).toBe(45_000);
    expect(retryDelay(8, 1_000, limited)).toBe(128_000);
  });
});
