import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/errors.js';
import { createHttpClient } from './client.js';
import { DEFAULT_MAX_RESPONSE_BYTES, resolveSettings } from './resolve-options.js';

const base = { vendor: 'acme', baseUrl: 'https://acme.test/' };

describe('numeric transport options', () => {
  it.each([Number.POSITIVE_INFINITY, 0, Number.NaN, -1, 2 ** 31, 1.5])(
    'rejects timeout.perAttemptMs = %s with ConfigError at construction',
    (perAttemptMs) => {
      expect(() => createHttpClient({ ...base, timeout: { perAttemptMs } })).toThrow(ConfigError);
      expect(() => createHttpClient({ ...base, timeout: { perAttemptMs } })).toThrow(
        /timeout\.perAttemptMs must be a whole number from 1 to 2147483647/,
      );
    },
  );

  it.each([
    ['timeout.totalMs', { timeout: { totalMs: 0 } }],
    ['retry.limit', { retry: { limit: -1 } }],
    ['retry.limit', { retry: { limit: Number.POSITIVE_INFINITY } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: 2 ** 31 } }],
    ['retry.maxTotalDelayMs', { retry: { maxTotalDelayMs: Number.NaN } }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -5 } }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: -1 } }],
    ['maxResponseBytes', { maxResponseBytes: 0 }],
    ['maxResponseBytes', { maxResponseBytes: Number.POSITIVE_INFINITY }],
  ])('rejects an out-of-range %s', (name, extra) => {
    expect(() => createHttpClient({ ...base, ...extra })).toThrow(ConfigError);
    expect(() => createHttpClient({ ...base, ...extra })).toThrow(name);
  });

  it('applies the defaults and keeps values in range', () => {
    const s = resolveSettings({ ...base, timeout: { perAttemptMs: 2 ** 31 - 1 } });
    expect(s.perAttemptMs).toBe(2 ** 31 - 1);
    expect(s.maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    expect(s.retry).toMatchObject({ limit: 4, maxDelayMs: 60_000, maxRetryAfterMs: 3_600_000 });
  });
});
