import type { StoreCall } from '../../internal/store-call.js';
import type { StateStore, StoreEpoch } from '../state-store.js';

/**
 * When a run found no snapshot: the store's epoch if it says the store lost its data (so the
 * connection's baseline may be gone with it), else `undefined` (a first run, or a store that
 * keeps no epoch).
 */
export async function findLostBaseline(
  store: StateStore,
  storeCall: StoreCall,
): Promise<(StoreEpoch & { replaced: string }) | undefined> {
  const read = store.epoch?.bind(store);
  if (!read) return undefined;
  const epoch = await storeCall(read, 'read the epoch');
  return epoch.replaced ? { ...epoch, replaced: epoch.replaced } : undefined;
}
