import { randomUUID } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { ConfigError } from '../errors/errors.js';
import { makeDirectory } from './make-directory.js';
import { readTextIfExists } from './read-text.js';
import type { StoreEpoch } from './state-store.js';

const EpochSchema = v.object({
  format: v.literal('connector-kit/epoch'),
  id: v.pipe(v.string(), v.minLength(1)),
  since: v.pipe(v.string(), v.isoTimestamp()),
  replaced: v.optional(v.string()),
});

/**
 * The epoch of a state directory, kept in `epoch.json` beside the snapshots. A directory that
 * was wiped (or replaced by an empty one) while this store object knew its epoch gets a new epoch
 * that names the old one as `replaced`.
 */
export function createFileEpoch(directory: string, now: () => number) {
  const path = join(directory, 'epoch.json');
  let known: string | undefined;

  async function read(): Promise<StoreEpoch | undefined> {
    const text = await readTextIfExists(path);
    if (text === undefined) return undefined;
    let parsed: v.InferOutput<typeof EpochSchema>;
    try {
      parsed = v.parse(EpochSchema, JSON.parse(text));
    } catch {
      throw new ConfigError(`${path} is not a valid epoch file; delete it to start a new epoch`);
    }
    return { id: parsed.id, since: new Date(parsed.since), replaced: parsed.replaced };
  }

  const encode = (e: StoreEpoch) =>
    `${JSON.stringify({ format: 'connector-kit/epoch', id: e.id, since: e.since.toISOString(), replaced: e.replaced })}\n`;

  /** Writes `epoch` only when no epoch file exists: false when another writer got there first. */
  async function create(epoch: StoreEpoch): Promise<boolean> {
    await makeDirectory(directory);
    let fh: import('node:fs/promises').FileHandle;
    try {
      fh = await open(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await fh.writeFile(encode(epoch));
      await fh.sync();
    } finally {
      await fh.close();
    }
    return true;
  }

  /** Records that `current` replaced the epoch this object knew (it was made by one that did not). */
  async function markReplaced(current: StoreEpoch, replaced: string): Promise<StoreEpoch> {
    const next = { ...current, replaced };
    const temp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    const fh = await open(temp, 'wx', 0o600);
    try {
      await fh.writeFile(encode(next));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, path);
    return next;
  }

  return {
    /** The id this object last saw, reading the file first when it has seen none. */
    async id(): Promise<string> {
      return known ?? (await this.current()).id;
    },
    async current(): Promise<StoreEpoch> {
      for (;;) {
        const found = await read();
        if (found) {
          const epoch =
            known !== undefined && found.id !== known && !found.replaced
              ? await markReplaced(found, known)
              : found;
          known = epoch.id;
          return epoch;
        }
        const created: StoreEpoch = { id: randomUUID(), since: new Date(now()), replaced: known };
        if (await create(created)) {
          known = created.id;
          return created;
        }
      }
    },
  };
}
