import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Clock, systemClock } from '../clock/clock.js';
import { checkOptionKeys } from '../connector/option-keys.js';
import { StateLockedError } from '../errors/errors.js';
import type { ConnectionStatus } from './connection-status.js';
import type { Snapshot, SyncProgress } from './snapshot.js';
import { checkLockOptions, type StateLock, type StateStore } from './state-store.js';

/** Options of {@link createMemoryStateStore}. */
export interface MemoryStateStoreOptions {
  /** Time source for lock leases (default: the system clock). */
  clock?: Clock | undefined;
}

/**
 * A {@link StateStore} in process memory: for tests, and for host apps that poll only while they
 * run (state is lost on exit, so the next process starts with a new baseline). Its `lock` keeps
 * two pollers of this process off one connection's snapshot.
 */
export function createMemoryStateStore(options: MemoryStateStoreOptions = {}): StateStore {
  checkOptionKeys('createMemoryStateStore', options, { clock: true } satisfies Record<
    keyof MemoryStateStoreOptions,
    true
  >);
  const clock = options.clock ?? systemClock;
  const snapshots = new Map<string, Snapshot>();
  const progress = new Map<string, SyncProgress>();
  const statuses = new Map<string, ConnectionStatus>();
  const locks = new Map<string, { owner: string; expiresAt: number }>();
  const self = `${process.pid}@${hostname()}`;
  // Memory is lost only with the process, and the store with it: its epoch is never replaced.
  const epoch = { id: randomUUID(), since: new Date(clock.now()) };
  return {
    async epoch() {
      return { ...epoch };
    },
    async load(connection) {
      return snapshots.get(connection);
    },
    async loadProgress(connection) {
      return progress.get(connection);
    },
    async saveProgress(connection, next) {
      if (next) progress.set(connection, { ...next, epoch: epoch.id });
      else progress.delete(connection);
    },
    async loadStatus(connection) {
      return statuses.get(connection);
    },
    async saveStatus(connection, status) {
      statuses.set(connection, { ...status });
    },
    async delete(connection) {
      const removed = [
        ...(snapshots.delete(connection) ? ['snapshot'] : []),
        ...(progress.delete(connection) ? ['progress'] : []),
        ...(statuses.delete(connection) ? ['status'] : []),
        ...(locks.delete(connection) ? ['lock'] : []),
      ];
      return removed.map((what) => `memory:${connection}:${what}`);
    },
    async save(connection, snapshot) {
      snapshots.set(connection, { ...snapshot, epoch: epoch.id });
    },
    async lock(connection, lockOptions): Promise<StateLock> {
      const { ttlMs } = checkLockOptions(lockOptions);
      const held = locks.get(connection);
      if (held && held.expiresAt > clock.now()) {
        throw new StateLockedError(
          `The snapshot of ${connection} is locked by another writer (${held.owner})`,
          { holder: held.owner },
        );
      }
      const owner = `${self}#${randomUUID().slice(0, 8)}`;
      const entry = { owner, expiresAt: clock.now() + ttlMs };
      locks.set(connection, entry);
      const lost = () =>
        new StateLockedError(`The lock on the snapshot of ${connection} was lost`, {
          holder: locks.get(connection)?.owner,
        });
      return {
        owner,
        async renew() {
          const current = locks.get(connection);
          // Still recorded as ours: nobody took it over, so even a lapsed lease may be extended.
          if (current !== entry) throw lost();
          entry.expiresAt = clock.now() + ttlMs;
        },
        async release() {
          if (locks.get(connection) === entry) locks.delete(connection);
        },
      };
    },
  };
}
