import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../clock/manual-clock.js';
import { AbortError, StateLockedError } from '../../errors/errors.js';
import { createStoreCall } from '../../internal/store-call.js';
import { createMemoryStateStore } from '../memory-store.js';
import type { StateStore } from '../state-store.js';
import { createWriterLock } from './writer-lock.js';

function setup(store: StateStore, stopped = () => false, clock = createManualClock()) {
  const lifetime = new AbortController();
  const lost: unknown[] = [];
  const lock = createWriterLock({
    store,
    connection: 'acme',
    clock,
    ttlMs: 3_000,
    storeCall: createStoreCall({ clock, timeoutMs: 10_000, store: 'state store', subject: 'acme' }),
    lifetime: lifetime.signal,
    stopped,
    stoppedError: () => new AbortError('stopped'),
    onLost: (error) => lost.push(error),
  });
  return { clock, lifetime, lost, lock };
}

describe('createWriterLock', () => {
  it('takes the lock once, renews it every third of the lease, and releases it with no timer left', async () => {
    const clock = createManualClock();
    const store = createMemoryStateStore({ clock });
    const { lock } = setup(store, () => false, clock);
    const [a, b] = await Promise.all([lock.ensure(), lock.ensure()]);
    expect(a).toBe(b);
    await clock.advance(3_500); // past the first lease: only the renewals keep it
    await expect(store.lock?.('acme', { ttlMs: 1 })).rejects.toBeInstanceOf(StateLockedError);
    await lock.confirm(new AbortController().signal);
    await lock.release();
    expect(lock.current).toBeUndefined();
    expect(clock.pending()).toBe(0);
    await expect(store.lock?.('acme', { ttlMs: 1 })).resolves.toBeDefined();
  });

  it('a failed renewal loses the lock: told once, and confirm() refuses to let a save through', async () => {
    const clock0 = createManualClock();
    const store = createMemoryStateStore({ clock: clock0 });
    const { clock, lock, lost } = setup(store);
    await lock.ensure();
    await clock0.advance(10_000); // the lease lapsed without a renewal...
    await store.lock?.('acme', { ttlMs: 60_000 }); // ...and another writer took it
    await clock.advance(1_000);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(StateLockedError);
    expect(lock.current).toBeUndefined();
    await expect(lock.confirm(new AbortController().signal)).rejects.toThrow(/lost its lock/);
  });

  it('lets go of a lock taken after the poller stopped', async () => {
    const store = createMemoryStateStore();
    const { lock } = setup(store, () => true);
    await expect(lock.ensure()).rejects.toThrow('stopped');
    await expect(store.lock?.('acme', { ttlMs: 1_000 })).resolves.toBeDefined();
  });

  it('is a no-op over a store without locks', async () => {
    const bare = createMemoryStateStore();
    const { lock } = setup({ load: bare.load, save: bare.save });
    expect(await lock.ensure()).toBeUndefined();
    await expect(lock.confirm(new AbortController().signal)).resolves.toBeUndefined();
  });
});
