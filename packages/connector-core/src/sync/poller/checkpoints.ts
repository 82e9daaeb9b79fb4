import type { Clock } from '../../clock/clock.js';
import type { StoreCall } from '../../internal/store-call.js';
import type { Connector } from '../../model/connector.js';
import type { ListingPosition } from '../../paginate/listing-position.js';
import type { AccountFingerprint } from '../fingerprint.js';
import type { SyncProgress } from '../snapshot.js';
import type { StateStore } from '../state-store.js';
import { checkSnapshotOwner } from './snapshot-owner.js';

/** The progress of one first sync, kept in the store while it reads. */
export interface Checkpoints {
  /** The progress an earlier, interrupted first sync left, when it belongs to this connector. */
  load(): Promise<SyncProgress | undefined>;
  /**
   * Records where the listing stands. Saved at most every `everyMs` (the first at once), one save
   * at a time; a failed save is left for the next one, the sync goes on.
   */
  record(
    position: ListingPosition,
    accounts: ReadonlyMap<string, AccountFingerprint>,
    skipped: number,
  ): void;
  /** Deletes the progress once the sync committed. A failure leaves it for the next baseline to ignore. */
  clear(): Promise<void>;
}

/** Options of {@link createCheckpoints}. */
export interface CheckpointsOptions {
  store: StateStore;
  connection: string;
  connector: Pick<Connector, 'vendor' | 'identity'>;
  clock: Clock;
  storeCall: StoreCall;
  /** Shortest time between two saves; `Infinity` keeps no progress. */
  everyMs: number;
  /** When the sync started: the `takenAt` of its progress (the original start, when resumed). */
  startedAt: () => Date;
}

/**
 * Keeps a first sync's progress in the store, so a crash costs at most `everyMs` of its requests.
 * A store without `loadProgress`/`saveProgress`, or `everyMs: Infinity`, keeps none.
 */
export function createCheckpoints(o: CheckpointsOptions): Checkpoints {
  const { store, connection, storeCall } = o;
  const save = store.saveProgress?.bind(store);
  const load = store.loadProgress?.bind(store);
  const enabled = Boolean(save && load) && o.everyMs !== Number.POSITIVE_INFINITY;
  let lastSaved = Number.NEGATIVE_INFINITY;
  let saving: Promise<void> | undefined;
  let latest: SyncProgress | undefined;

  const flush = () => {
    if (saving || !latest || !save) return;
    const progress = latest;
    latest = undefined;
    lastSaved = o.clock.now();
    saving = storeCall(() => save(connection, progress), 'save the sync progress')
      .catch(() => undefined)
      .finally(() => {
        saving = undefined;
      });
  };

  return {
    async load() {
      if (!enabled || !load) return undefined;
      const progress = await storeCall(() => load(connection), 'load the sync progress');
      if (!progress) return undefined;
      try {
        checkSnapshotOwner(progress, o.connector, connection);
      } catch {
        return undefined; // another tenant's progress: never mixed into this one's baseline
      }
      return progress;
    },
    record(position, accounts, skipped) {
      if (!enabled || o.clock.now() - lastSaved < o.everyMs) return;
      latest = {
        connection,
        vendor: o.connector.vendor,
        identity: o.connector.identity && { ...o.connector.identity },
        takenAt: o.startedAt(),
        accounts: new Map(accounts), // the differ's map keeps growing
        position,
        skipped,
      };
      flush();
    },
    async clear() {
      if (!enabled || !save) return;
      latest = undefined;
      await saving;
      await storeCall(() => save(connection, undefined), 'delete the sync progress').catch(
        () => undefined,
      );
    },
  };
}
