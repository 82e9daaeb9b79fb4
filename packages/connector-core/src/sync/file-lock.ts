import { randomUUID } from 'node:crypto';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as v from 'valibot';
import type { Clock } from '../clock/clock.js';
import { StateLockedError } from '../errors/errors.js';
import { makeDirectory } from './make-directory.js';
import { isAlive } from './process-alive.js';
import { readTextIfExists } from './read-text.js';
import { checkLockOptions, type StateLock, type StateLockOptions } from './state-store.js';
import { asStoreError } from './store-error.js';

const LockFileSchema = v.object({
  format: v.literal('connector-kit/lock'),
  owner: v.string(),
  pid: v.pipe(v.number(), v.integer()),
  host: v.string(),
  expiresAt: v.pipe(v.number(), v.finite()),
});
type LockFile = v.InferOutput<typeof LockFileSchema>;

interface FileLockOptions {
  directory: string;
  clock: Clock;
  lockPathFor: (connection: string) => string;
}

/** How many times `lock()` retries after removing a stale lock another writer then took. */
const ATTEMPTS = 3;

/**
 * Writer locks as files: `lock()` creates the lock file with a hard link from a fully written
 * temporary file, so the file appears atomically and complete or not at all (`EEXIST`). The file
 * names the holder's pid and host and when its lease lapses. A lock is stale when the lease lapsed,
 * or when its holder ran on this host and that pid is gone (a crashed poller); a stale lock is
 * removed and taken.
 */
export function createFileLock(o: FileLockOptions) {
  const host = hostname();

  /** The lock file's content, `undefined` when there is none, `null` when it is unreadable. */
  async function read(path: string): Promise<LockFile | null | undefined> {
    const text = await readTextIfExists(path);
    if (text === undefined) return undefined;
    try {
      const parsed = v.safeParse(LockFileSchema, JSON.parse(text));
      return parsed.success ? parsed.output : null;
    } catch {
      return null;
    }
  }

  function isStale(held: LockFile): boolean {
    if (held.expiresAt <= o.clock.now()) return true;
    return held.host === host && held.pid !== process.pid && !isAlive(held.pid);
  }

  /** Writes `content` to a new temporary file beside `path` and returns its name. */
  async function writeTemp(path: string, content: LockFile): Promise<string> {
    const temp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    await writeFile(temp, `${JSON.stringify(content)}\n`, { mode: 0o600, flag: 'wx' });
    return temp;
  }

  const holderOf = (held: LockFile | null | undefined) =>
    held ? `${held.pid}@${held.host}` : undefined;

  async function acquire(connection: string, options: StateLockOptions): Promise<StateLock> {
    const { ttlMs } = checkLockOptions(options);
    const path = o.lockPathFor(connection);
    const owner = `${process.pid}@${host}#${randomUUID().slice(0, 8)}`;
    const content = (): LockFile => ({
      format: 'connector-kit/lock',
      owner,
      pid: process.pid,
      host,
      expiresAt: o.clock.now() + ttlMs,
    });
    await makeDirectory(o.directory);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const temp = await writeTemp(path, content());
      try {
        await link(temp, path);
        return handle(connection, path, owner, content);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await unlink(temp).catch(() => undefined);
      }
      const held = await read(path);
      if (held === undefined) continue; // released meanwhile
      // An unreadable lock file was not written by this code; a person must look at it.
      if (held === null || !isStale(held)) {
        throw new StateLockedError(
          held === null
            ? `The snapshot of ${connection} is locked by ${path}, which is not a valid lock file; remove it if no poller runs`
            : `The snapshot of ${connection} is locked by another writer (${holderOf(held)}, lease until ${new Date(held.expiresAt).toISOString()})`,
          { holder: holderOf(held) },
        );
      }
      // Stale: set it aside under a unique name, then check that what was set aside is the stale
      // lock and not one a faster writer took meanwhile (which is put back).
      const aside = `${path}.${randomUUID().slice(0, 8)}.stale`;
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await read(aside);
      if (moved && moved.owner !== held.owner && !isStale(moved)) {
        await link(aside, path).catch(() => undefined);
      }
      await unlink(aside).catch(() => undefined);
    }
    throw new StateLockedError(`The snapshot of ${connection} is locked by another writer`, {
      holder: holderOf(await read(path).catch(() => undefined)),
    });
  }

  function handle(
    connection: string,
    path: string,
    owner: string,
    content: () => LockFile,
  ): StateLock {
    let released = false;
    return {
      owner,
      async renew() {
        if (released) {
          throw new StateLockedError(`The lock on the snapshot of ${connection} was released`);
        }
        try {
          const held = await read(path);
          if (held?.owner !== owner) {
            throw new StateLockedError(
              `The lock on the snapshot of ${connection} was lost${held ? ` to ${holderOf(held)}` : ''}`,
              { holder: holderOf(held) },
            );
          }
          const temp = await writeTemp(path, content());
          try {
            await rename(temp, path);
          } catch (error) {
            await unlink(temp).catch(() => undefined);
            throw error;
          }
        } catch (error) {
          throw asStoreError(error, 'renew the snapshot lock', path);
        }
      },
      async release() {
        if (released) return;
        released = true;
        try {
          const held = await read(path);
          if (held?.owner === owner) await unlink(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw asStoreError(error, 'release the snapshot lock', path);
        }
      },
    };
  }

  return {
    async lock(connection: string, options: StateLockOptions): Promise<StateLock> {
      try {
        return await acquire(connection, options);
      } catch (error) {
        throw asStoreError(error, 'lock the snapshot', o.lockPathFor(connection));
      }
    },
  };
}
