import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type StateLock, StateLockedError, type StateLockOptions } from '@org/connector-core';

/** Writer locks held in this process, with leases measured on `now`. */
export function createMemoryLocks(now: () => number = Date.now) {
  const held = new Map<string, { owner: string; expiresAt: number }>();
  return async function lock(name: string, options: StateLockOptions): Promise<StateLock> {
    const current = held.get(name);
    if (current && current.expiresAt > now()) {
      throw new StateLockedError(`The graph "${name}" is being written by ${current.owner}`, {
        holder: current.owner,
      });
    }
    const owner = `${process.pid}@${hostname()}#${randomUUID().slice(0, 8)}`;
    held.set(name, { owner, expiresAt: now() + options.ttlMs });
    return {
      owner,
      async renew() {
        const entry = held.get(name);
        if (entry?.owner !== owner) {
          throw new StateLockedError(`Lost the lock on the graph "${name}"`, {
            holder: entry?.owner,
          });
        }
        entry.expiresAt = now() + options.ttlMs;
      },
      async release() {
        if (held.get(name)?.owner === owner) held.delete(name);
      },
    };
  };
}
