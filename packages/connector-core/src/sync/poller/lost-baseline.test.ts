import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../clock/manual-clock.js';
import { createStoreCall } from '../../internal/store-call.js';
import { createMemoryStateStore } from '../memory-store.js';
import type { StateStore, StoreEpoch } from '../state-store.js';
import { findLostBaseline } from './lost-baseline.js';

const storeCall = createStoreCall({
  clock: createManualClock(),
  timeoutMs: 1_000,
  store: 'state store',
  subject: 'acme',
});

describe('findLostBaseline', () => {
  it('names the epoch when the store says it replaced one, else nothing', async () => {
    const replaced: StoreEpoch = { id: 'e2', since: new Date(0), replaced: 'e1' };
    const wiped: StateStore = { ...createMemoryStateStore(), epoch: async () => replaced };
    expect(await findLostBaseline(wiped, storeCall)).toEqual(replaced);
    expect(await findLostBaseline(createMemoryStateStore(), storeCall)).toBeUndefined();
    const { epoch: _, ...noEpoch } = createMemoryStateStore();
    expect(await findLostBaseline(noEpoch, storeCall)).toBeUndefined();
  });
});
