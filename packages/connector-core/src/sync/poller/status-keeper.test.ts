import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../clock/manual-clock.js';
import { createStoreCall } from '../../internal/store-call.js';
import type { ChangeSet } from '../change-set.js';
import { createMemoryStateStore } from '../memory-store.js';
import { createStatusKeeper } from './status-keeper.js';

describe('createStatusKeeper', () => {
  it('folds events onto the stored status and writes each change in order', async () => {
    const clock = createManualClock();
    const store = createMemoryStateStore({ clock });
    await store.saveStatus?.('acme', {
      connection: 'acme',
      health: 'healthy',
      lastSuccessAt: '2023-12-31T00:00:00.000Z',
    });
    const keeper = createStatusKeeper({
      store,
      connection: 'acme',
      clock,
      storeCall: createStoreCall({
        clock,
        timeoutMs: 1_000,
        store: 'state store',
        subject: 'acme',
      }),
    });
    keeper.observe({ type: 'run-started', connection: 'acme', run: 1, at: new Date(clock.now()) });
    keeper.observe({ type: 'progress', connection: 'acme', run: 1, baseline: false, seen: 5 });
    await keeper.flush();
    // What the store knew stays: the last success of an earlier process.
    expect(await store.loadStatus?.('acme')).toMatchObject({
      health: 'syncing',
      lastSuccessAt: '2023-12-31T00:00:00.000Z',
    });
    const finishedAt = new Date(clock.now());
    keeper.observe({
      type: 'run-completed',
      connection: 'acme',
      run: 1,
      changeSet: { finishedAt } as ChangeSet,
    });
    await keeper.flush();
    expect(await store.loadStatus?.('acme')).toMatchObject({
      health: 'healthy',
      lastSuccessAt: finishedAt.toISOString(),
    });
    expect(keeper.current?.health).toBe('healthy');
  });
});
