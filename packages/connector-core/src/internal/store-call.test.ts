import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock/manual-clock.js';
import { StoreError } from '../errors/errors.js';
import { createStoreCall } from './store-call.js';

describe('createStoreCall', () => {
  it('passes the answer of a call that settles in time, and leaves no timer behind', async () => {
    const clock = createManualClock();
    const call = createStoreCall({
      clock,
      timeoutMs: 1_000,
      store: 'state store',
      subject: 'acme',
    });
    await expect(call(async () => 42, 'load the snapshot')).resolves.toBe(42);
    await expect(call(() => Promise.reject(new Error('nope')), 'load')).rejects.toThrow('nope');
    await expect(
      call(() => {
        throw new Error('sync throw');
      }, 'load'),
    ).rejects.toThrow('sync throw');
    expect(clock.pending()).toBe(0);
  });

  it('fails a call that never answers with a StoreError naming what and for whom', async () => {
    const clock = createManualClock();
    const call = createStoreCall({
      clock,
      timeoutMs: 90_000,
      store: 'state store',
      subject: 'acme',
    });
    const hung = call(() => new Promise<never>(() => undefined), 'load the snapshot');
    const result = expect(hung).rejects.toThrow(
      'The state store did not load the snapshot of acme within 1.5 min',
    );
    await clock.advance(90_000);
    await result;
    await expect(hung).rejects.toBeInstanceOf(StoreError);
  });
});
