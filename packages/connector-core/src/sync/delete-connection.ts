import { ConfigError } from '../errors/errors.js';
import type { Connector } from '../model/connector.js';
import type { StateLockOptions, StateStore } from './state-store.js';

/** Any store holding a connection's data that can forget it (state stores, graph stores). */
export interface DeletableStore {
  /** Removes every trace of `name`; resolves with what was removed (paths or keys). */
  delete?(name: string): Promise<string[]>;
  /** The writer lock, taken first so no poller writes the connection back as it is deleted. */
  lock?(name: string, options: StateLockOptions): ReturnType<NonNullable<StateStore['lock']>>;
}

/** What {@link deleteConnection} did, and what it could not do. */
export interface DeleteReport {
  /** The connection deleted. */
  connection: string;
  /** What was removed, store by store (paths or keys); empty when the stores held nothing. */
  removed: string[];
  /**
   * What a person must still do at the vendor: the connection's credential stays valid there until
   * it is revoked (the connector's `revokeAccess`, else a general instruction).
   */
  atVendor: string;
}

/**
 * Deletes a connection: every trace of it in each store (snapshot, sync progress, status and lock
 * of a state store; the graph of a graph store), and says what is left to do at the vendor. Each
 * store's writer lock is taken first (and removed with the rest), so a poller still running
 * fails with `StateLockedError` rather than write the connection back: stop it first.
 *
 * @example
 * ```ts
 * const report = await deleteConnection({ connection: 'acme', stores: [state, graphs], connector });
 * console.log(`removed ${report.removed.length} items; now: ${report.atVendor}`);
 * ```
 * @throws ConfigError when a store cannot delete; `StateLockedError` while a poller holds it.
 */
export async function deleteConnection(o: {
  connection: string;
  stores: readonly DeletableStore[];
  connector?: Pick<Connector, 'revokeAccess' | 'vendor'> | undefined;
}): Promise<DeleteReport> {
  const { connection } = o;
  for (const store of o.stores) {
    if (typeof store.delete !== 'function') {
      throw new ConfigError(`deleteConnection: a store given cannot delete (it has no delete())`);
    }
  }
  const locks = [];
  try {
    for (const store of o.stores) {
      if (store.lock) locks.push(await store.lock(connection, { ttlMs: 60_000 }));
    }
    const removed: string[] = [];
    for (const store of o.stores)
      removed.push(...(await (store.delete as (n: string) => Promise<string[]>)(connection)));
    return {
      connection,
      removed,
      atVendor:
        o.connector?.revokeAccess ??
        `Revoke the credential this connection used at ${o.connector?.vendor ?? 'the vendor'}: deleting it here does not.`,
    };
  } finally {
    // The stores removed their locks with the rest; a release of a lock already gone is harmless.
    await Promise.all(locks.map((l) => l.release().catch(() => undefined)));
  }
}
