import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/errors.js';
import { createFakeConnector } from '../../testing/fake-connector.js';
import { createMemoryStateStore } from '../memory-store.js';
import { resolvePollerOptions } from './options.js';

const base = () => ({
  connector: createFakeConnector({ name: 'acme' }),
  store: createMemoryStateStore(),
  intervalMs: 60_000,
});

describe('resolvePollerOptions', () => {
  it('fills the defaults, the backoff from the interval and the connection from the connector', () => {
    const o = resolvePollerOptions(base());
    expect(o).toMatchObject({
      connection: 'acme',
      jitter: 0.1,
      progressEvery: 1000,
      budgetPolicy: 'refuse',
      budgetWarnAt: 0.8,
      lockTtlMs: 60_000,
      storeTimeoutMs: 120_000,
      maxBuffered: 16,
      backoff: { initialMs: 60_000, maxMs: 480_000 },
    });
  });

  it.each([
    ['intervalMs', { intervalMs: 0 }, /intervalMs/],
    ['jitter', { jitter: 1.5 }, /jitter/],
    ['progressEvery', { progressEvery: 0.5 }, /progressEvery/],
    ['backoff', { backoff: { initialMs: 10, maxMs: 5 } }, /backoff/],
    ['connection', { connection: '' }, /name/],
    ['maxRemovals', { maxRemovals: -1 }, /maxRemovals/],
    ['lockTtlMs', { lockTtlMs: 2 ** 31 }, /lockTtlMs/],
    ['storeTimeoutMs', { storeTimeoutMs: Number.NaN }, /storeTimeoutMs/],
    ['maxBufferedChangeSets', { maxBufferedChangeSets: 0 }, /maxBufferedChangeSets/],
  ])('refuses a nonsense %s with ConfigError', (_, patch, message) => {
    const attempt = () => resolvePollerOptions({ ...base(), ...patch });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });
});
