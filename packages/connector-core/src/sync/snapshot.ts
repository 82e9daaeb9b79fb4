import type { ConnectionIdentity } from '../model/connector.js';
import type { ListingPosition } from '../paginate/listing-position.js';
import type { AccountFingerprint } from './fingerprint.js';

/**
 * The state a poller keeps for one connection between runs: one {@link AccountFingerprint} per
 * account id, as of the last run that completed. Snapshots are treated as immutable once saved.
 */
export interface Snapshot {
  /** Connection the snapshot belongs to. */
  connection: string;
  /** Vendor of the connection. */
  vendor: string;
  /** Vendor, host and tenant the snapshot was read from; a baseline is only used by its own. */
  identity?: ConnectionIdentity | undefined;
  /** When the run that produced it started. */
  takenAt: Date;
  /** The store's epoch ({@link StoreEpoch}) the snapshot was saved in, when the store keeps one. */
  epoch?: string | undefined;
  /** Fingerprint of every account, keyed by the vendor's account id. */
  accounts: ReadonlyMap<string, AccountFingerprint>;
}

/**
 * How far a connection's first sync got, kept by the poller while it reads so that after a crash
 * or restart the sync goes on where it stopped instead of spending its requests (Hexnode's daily
 * quota) again. `takenAt` is when the interrupted sync started; `accounts` are those read so far.
 */
export interface SyncProgress extends Snapshot {
  /** Where the connector's listing stands (opaque JSON the connector reported). */
  position: ListingPosition;
  /** Items the connector could not map so far. */
  skipped: number;
}
