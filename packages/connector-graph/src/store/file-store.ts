import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, type StateStore, StoreError } from '@org/connector-core';
import type { GraphSnapshot } from '../model/snapshot.js';
import type { GraphStore } from './graph-store.js';
import { headerOf, readSnapshot, snapshotLines } from './serialize.js';

/** Options of {@link createFileGraphStore}. */
export interface FileGraphStoreOptions {
  /** Directory holding one `graph-<name>.jsonl` per stored graph; created on first save. */
  directory: string;
  /**
   * Where writer locks come from: a core `StateStore` that has `lock` (the file state store of the
   * same directory, a Redis store). Without it the store has no `lock` and one process must write
   * a given name at a time.
   */
  locks?: Pick<StateStore, 'lock'> | undefined;
}

const CHUNK = 256 * 1024;

function fileName(name: string): string {
  return `graph-${encodeURIComponent(name).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}.jsonl`;
}

async function writeAll(fh: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    offset += (await fh.write(bytes, offset, bytes.length - offset)).bytesWritten;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files a killed writer left behind (their pid no longer runs). */
async function removeStaleTemps(directory: string, base: string): Promise<void> {
  const prefix = `.${base}.`;
  for (const entry of await readdir(directory)) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      await unlink(join(directory, entry)).catch(() => undefined);
    }
  }
}

/**
 * A {@link GraphStore} of JSON Lines files: a header line (time, connections with their
 * identities, resource statuses, counts), then one line per entity and relationship. Saves are
 * atomic: written to a temporary file, flushed, renamed over the old one, directory flushed;
 * a temporary file left by a killed writer is removed by the next save. Files are readable by the owner only (they hold emails). A file that is not a valid graph fails
 * `load` with a `ConfigError`; an I/O failure is a `StoreError` naming the path.
 */
export function createFileGraphStore(options: FileGraphStoreOptions): GraphStore {
  const { directory } = options;
  if (typeof directory !== 'string' || directory === '') {
    throw new ConfigError('createFileGraphStore needs a directory');
  }
  const pathFor = (name: string) => join(directory, fileName(name));

  async function save(name: string, snapshot: GraphSnapshot): Promise<void> {
    const path = pathFor(name);
    const temp = join(
      directory,
      `.${fileName(name)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`,
    );
    try {
      await mkdir(directory, { recursive: true });
      await removeStaleTemps(directory, fileName(name));
      const fh = await open(temp, 'wx', 0o600);
      try {
        let chunk = `${JSON.stringify(headerOf(snapshot))}\n`;
        for (const line of snapshotLines(snapshot)) {
          chunk += `${line}\n`;
          if (chunk.length >= CHUNK) {
            await writeAll(fh, chunk);
            chunk = '';
          }
        }
        await writeAll(fh, chunk);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, path);
      const dir = await open(directory, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new StoreError(`Could not save the graph "${name}"`, {
        location: path,
        cause: error,
        userAction: 'fix_config',
      });
    }
  }

  async function load(name: string): Promise<GraphSnapshot | undefined> {
    const path = pathFor(name);
    const stream = createReadStream(path, { encoding: 'utf8' });
    const opened = await new Promise<boolean>((resolve, reject) => {
      stream.once('ready', () => resolve(true));
      stream.once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ENOENT'
          ? resolve(false)
          : reject(
              new StoreError(`Could not read the graph "${name}"`, {
                location: path,
                cause: error,
                userAction: 'fix_config',
              }),
            ),
      );
    });
    if (!opened) return undefined;
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      const snapshot = await readSnapshot(
        lines,
        (line, why) =>
          new ConfigError(
            `${path} is not a valid graph (line ${line}: ${why}); delete it to start a new baseline`,
          ),
      );
      if (!snapshot) {
        throw new ConfigError(`${path} is empty; delete it to start a new baseline`);
      }
      return snapshot;
    } finally {
      lines.close();
      stream.destroy();
    }
  }

  async function remove(name: string): Promise<string[]> {
    const path = pathFor(name);
    try {
      await unlink(path);
      return [path];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StoreError(`Could not delete the graph "${name}"`, {
        location: path,
        cause: error,
        userAction: 'fix_config',
      });
    }
  }

  const locks = options.locks;
  return {
    load,
    save,
    delete: remove,
    ...(locks?.lock
      ? { lock: (name, o) => (locks.lock as NonNullable<StateStore['lock']>)(`graph:${name}`, o) }
      : {}),
  } satisfies GraphStore;
}
