import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../clock/manual-clock.js';
import { createStoreCall } from '../../internal/store-call.js';
import type { AccountFingerprint } from '../fingerprint.js';
import { createMemoryStateStore } from '../memory-store.js';
import { createCheckpoints } from './checkpoints.js';

const fp: AccountFingerprint = {
  email: 'a@example.com',
  name: undefined,
  status: 'active',
  rawHash: 'h'.repeat(16),
};
const identity = { vendor: 'fake', host: 'fake.example.com', tenant: 't1' };
const flush = () => new Promise<void>((r) => setImmediate(r));

function setup(everyMs: number) {
  const clock = createManualClock();
  const store = createMemoryStateStore({ clock });
  const checkpoints = createCheckpoints({
    store,
    connection: 'acme',
    connector: { vendor: 'fake', identity },
    clock,
    storeCall: createStoreCall({ clock, timeoutMs: 1_000, store: 'state store', subject: 'acme' }),
    everyMs,
    startedAt: () => new Date(0),
  });
  return { clock, store, checkpoints };
}

describe('createCheckpoints', () => {
  it('saves the first position at once, then at most every everyMs, and clears after the commit', async () => {
    const { clock, store, checkpoints } = setup(10_000);
    const accounts = new Map([['u1', fp]]);
    checkpoints.record({ next: 5 }, accounts, 0);
    await flush();
    expect((await store.loadProgress?.('acme'))?.position).toEqual({ next: 5 });
    accounts.set('u2', fp); // the live map grows; the saved progress must not
    checkpoints.record({ next: 4 }, accounts, 1);
    await flush();
    const kept = await checkpoints.load();
    expect(kept).toMatchObject({ position: { next: 5 }, skipped: 0, takenAt: new Date(0) });
    expect(kept?.accounts.size).toBe(1);
    await clock.advance(10_000);
    checkpoints.record({ next: 3 }, accounts, 1);
    await flush();
    expect((await checkpoints.load())?.position).toEqual({ next: 3 });
    await checkpoints.clear();
    expect(await checkpoints.load()).toBeUndefined();
  });

  it("never resumes another tenant's progress, and keeps none with everyMs Infinity", async () => {
    const { store, checkpoints } = setup(0);
    await store.saveProgress?.('acme', {
      connection: 'acme',
      vendor: 'fake',
      identity: { ...identity, tenant: 't2' },
      takenAt: new Date(0),
      accounts: new Map(),
      position: { next: 1 },
      skipped: 0,
    });
    expect(await checkpoints.load()).toBeUndefined();
    const off = setup(Number.POSITIVE_INFINITY);
    off.checkpoints.record({ next: 1 }, new Map(), 0);
    await flush();
    expect(await off.store.loadProgress?.('acme')).toBeUndefined();
  });
});
