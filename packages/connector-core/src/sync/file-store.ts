import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import * as v from 'valibot';
import { type Clock, systemClock } from '../clock/clock.js';
import { checkOptionKeys } from '../connector/option-keys.js';
import { ConfigError } from '../errors/errors.js';
import { type ConnectionStatus, parseStatus } from './connection-status.js';
import { createFileEpoch } from './file-epoch.js';
import { createFileLock } from './file-lock.js';
import type { AccountFingerprint } from './fingerprint.js';
import { makeDirectory } from './make-directory.js';
import { isAlive } from './process-alive.js';
import { readTextIfExists } from './read-text.js';
import type { Snapshot, SyncProgress } from './snapshot.js';
import { HASH_LENGTH } from './stable-hash.js';
import type { StateStore, StoreEpoch } from './state-store.js';
import { asStoreError } from './store-error.js';

/** Options of {@link createFileStateStore}. */
export interface FileStateStoreOptions {
  /** Directory holding one snapshot file per connection; created on first save. */
  directory: string;
  /** Time source for lock leases (default: the system clock). */
  clock?: Clock | undefined;
}

const FILE_STORE_OPTIONS = {
  directory: true,
  clock: true,
} as const satisfies Record<keyof FileStateStoreOptions, true>;

/** A {@link StateStore} on the local disk, as made by {@link createFileStateStore}. */
export interface FileStateStore extends StateStore {
  /** Directory the snapshot files live in. */
  readonly directory: string;
  /** Path of the snapshot file of `connection` (which may not exist yet). */
  pathFor(connection: string): string;
  /** The directory's epoch (`epoch.json`), created on first use. */
  epoch(): Promise<StoreEpoch>;
  /** The progress of an interrupted first sync (`progress-<name>.jsonl`), when one was saved. */
  loadProgress(connection: string): Promise<SyncProgress | undefined>;
  /** Replaces (or deletes) the progress of a first sync. */
  saveProgress(connection: string, progress: SyncProgress | undefined): Promise<void>;
  /** The connection's status (`status-<name>.json`), when a poller saved one. */
  loadStatus(connection: string): Promise<ConnectionStatus | undefined>;
  /** Replaces the connection's status. */
  saveStatus(connection: string, status: ConnectionStatus): Promise<void>;
  /** Removes the connection's snapshot, progress, status and lock files; resolves with their paths. */
  delete(connection: string): Promise<string[]>;
}

const FORMAT = 'connector-kit/snapshot';

// Line 1 of a file: what it is and how many account lines follow, so a short file is detected.
const HeaderSchema = v.object({
  format: v.literal(FORMAT),
  version: v.literal(1),
  connection: v.string(),
  vendor: v.string(),
  takenAt: v.pipe(v.string(), v.isoTimestamp()),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  // Absent in files written before snapshots were bound to a tenant.
  identity: v.optional(v.object({ vendor: v.string(), host: v.string(), tenant: v.string() })),
  // Absent in files written before stores kept an epoch.
  epoch: v.optional(v.string()),
  // Progress files only: where the listing stands, and the items skipped so far.
  position: v.optional(v.record(v.string(), v.unknown())),
  skipped: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

// One line per account: [id, email, name | null, status, rawHash]. Arrays, not objects: a third
// of the bytes on disk.
const RowSchema = v.tuple([
  v.string(),
  v.string(),
  v.nullable(v.string()),
  v.string(),
  v.pipe(v.string(), v.length(HASH_LENGTH)),
]);

const CHUNK_BYTES = 256 * 1024;

/** File name for a connection: only characters that are safe on every file system. */
function fileName(
  connection: string,
  kind: 'snapshot' | 'progress' | 'status' = 'snapshot',
): string {
  const safe = encodeURIComponent(connection).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}-${safe}.${kind === 'status' ? 'json' : 'jsonl'}`;
}

async function writeAll(fh: import('node:fs/promises').FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** Makes a completed rename durable: without it a power cut can bring back the old directory entry. */
async function syncDirectory(directory: string): Promise<void> {
  let dir: import('node:fs/promises').FileHandle | undefined;
  try {
    dir = await open(directory, 'r');
    await dir.sync();
  } catch (error) {
    // Windows cannot open or fsync a directory; its rename is already durable enough.
    if (process.platform !== 'win32') throw error;
  } finally {
    await dir?.close();
  }
}

/**
 * A {@link StateStore} that keeps one JSON Lines file per connection in `directory`.
 *
 * Saves are atomic: the snapshot is written to a temporary file in the same directory, flushed to
 * disk (`fsync`), renamed over the previous file, and the directory is flushed too. A process
 * killed at any point leaves the previous snapshot loadable; its temporary file is removed by the
 * next save. `lock()` keeps one writer per connection with a lock file beside the snapshot
 * (`snapshot-<name>.lock`, holding pid, host and lease expiry); a lock whose lease lapsed, or whose
 * holder on this host is no longer running, is taken over. File system failures (permissions, a
 * directory where the file should be, a file where a directory should be) reject with a
 * `StoreError` naming the path.
 *
 * `epoch.json` in the directory holds the store's epoch: a directory wiped while a store object
 * knew its epoch gets a new one naming the old as `replaced`, so the poller reports
 * `baseline-lost` instead of a quiet first run.
 *
 * On disk an account costs about 120 bytes (a UUID id, email, name, status and a 16-character hash).
 * Files are created readable by the owner only: they hold email addresses. A file that is not a
 * valid snapshot fails `load` with a `ConfigError` (delete it to start a new baseline).
 */
export function createFileStateStore(options: FileStateStoreOptions): FileStateStore {
  checkOptionKeys('createFileStateStore', options, FILE_STORE_OPTIONS);
  const directory = options.directory;
  if (typeof directory !== 'string' || directory.length === 0) {
    throw new ConfigError('createFileStateStore needs a directory');
  }
  const pathFor = (connection: string) => join(directory, fileName(connection));
  const progressPathFor = (connection: string) => join(directory, fileName(connection, 'progress'));
  const lockPathFor = (connection: string) =>
    join(directory, `${fileName(connection).slice(0, -'.jsonl'.length)}.lock`);
  const clock = options.clock ?? systemClock;
  const locks = createFileLock({ directory, clock, lockPathFor });
  const epochs = createFileEpoch(directory, () => clock.now());

  async function removeStaleTemps(base: string): Promise<void> {
    const prefix = `.${base}.`;
    for (const entry of await readdir(directory)) {
      if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
      const pid = Number(entry.slice(prefix.length).split('.')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
        await unlink(join(directory, entry)).catch(() => undefined);
      }
    }
  }

  async function save(connection: string, snapshot: Snapshot): Promise<void> {
    try {
      await writeSnapshot(pathFor(connection), snapshot);
    } catch (error) {
      throw asStoreError(error, 'save the snapshot', pathFor(connection));
    }
  }

  async function writeSnapshot(
    path: string,
    snapshot: Snapshot,
    progress?: Pick<SyncProgress, 'position' | 'skipped'>,
  ): Promise<void> {
    await makeDirectory(directory);
    const epoch = await epochs.id();
    const base = basename(path);
    await removeStaleTemps(base);
    const temp = join(directory, `.${base}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
    const fh = await open(temp, 'wx', 0o600);
    try {
      const header = {
        format: FORMAT,
        version: 1,
        connection: snapshot.connection,
        vendor: snapshot.vendor,
        takenAt: snapshot.takenAt.toISOString(),
        count: snapshot.accounts.size,
        epoch,
        ...(progress ? { position: { ...progress.position }, skipped: progress.skipped } : {}),
        identity: snapshot.identity && {
          vendor: snapshot.identity.vendor,
          host: snapshot.identity.host,
          tenant: snapshot.identity.tenant,
        },
      } satisfies v.InferOutput<typeof HeaderSchema>;
      let chunk = `${JSON.stringify(header)}\n`;
      for (const [id, fp] of snapshot.accounts) {
        const row: v.InferOutput<typeof RowSchema> = [
          id,
          fp.email,
          fp.name ?? null,
          fp.status,
          fp.rawHash,
        ];
        chunk += `${JSON.stringify(row)}\n`;
        if (chunk.length >= CHUNK_BYTES) {
          await writeAll(fh, chunk);
          chunk = '';
        }
      }
      await writeAll(fh, chunk);
      await fh.sync();
    } catch (error) {
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await fh.close();
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(directory);
  }

  async function load(connection: string): Promise<Snapshot | undefined> {
    try {
      return await readSnapshot(pathFor(connection));
    } catch (error) {
      throw asStoreError(error, 'load the snapshot', pathFor(connection));
    }
  }

  async function readSnapshot(path: string): Promise<SyncProgress | Snapshot | undefined> {
    const invalid = (line: number, why: string) =>
      new ConfigError(
        `State file ${path} is not a valid snapshot (line ${line}: ${why}); delete it to start a new baseline`,
      );
    const stream = createReadStream(path, { encoding: 'utf8' });
    const opened = new Promise<boolean>((resolve, reject) => {
      stream.once('ready', () => resolve(true));
      stream.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') resolve(false);
        else reject(error);
      });
    });
    if (!(await opened)) return undefined;

    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let header: v.InferOutput<typeof HeaderSchema> | undefined;
    const accounts = new Map<string, AccountFingerprint>();
    let lineNo = 0;
    try {
      for await (const line of lines) {
        lineNo++;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          throw invalid(lineNo, 'not JSON');
        }
        if (!header) {
          const result = v.safeParse(HeaderSchema, parsed);
          if (!result.success) throw invalid(lineNo, 'bad header');
          header = result.output;
          continue;
        }
        const result = v.safeParse(RowSchema, parsed);
        if (!result.success) throw invalid(lineNo, 'bad account row');
        const [id, email, name, status, rawHash] = result.output;
        accounts.set(id, { email, name: name ?? undefined, status, rawHash });
      }
    } finally {
      lines.close();
      stream.destroy();
    }
    if (!header) throw invalid(1, 'empty file');
    if (accounts.size !== header.count) {
      throw invalid(lineNo, `${accounts.size} accounts where the header says ${header.count}`);
    }
    return {
      connection: header.connection,
      vendor: header.vendor,
      identity: header.identity,
      ...(header.epoch === undefined ? {} : { epoch: header.epoch }),
      takenAt: new Date(header.takenAt),
      accounts,
      ...(header.position ? { position: header.position, skipped: header.skipped ?? 0 } : {}),
    };
  }

  async function epoch() {
    try {
      return await epochs.current();
    } catch (error) {
      throw asStoreError(error, 'read the epoch', join(directory, 'epoch.json'));
    }
  }

  async function loadProgress(connection: string): Promise<SyncProgress | undefined> {
    try {
      const read = await readSnapshot(progressPathFor(connection));
      return read && 'position' in read ? read : undefined;
    } catch (error) {
      // Progress only saves requests: a damaged file is ignored, and the sync starts over.
      if (error instanceof ConfigError) return undefined;
      throw asStoreError(error, 'load the sync progress', progressPathFor(connection));
    }
  }

  async function loadStatus(connection: string): Promise<ConnectionStatus | undefined> {
    const path = join(directory, fileName(connection, 'status'));
    let text: string | undefined;
    try {
      text = await readTextIfExists(path);
    } catch (error) {
      throw asStoreError(error, 'load the connection status', path);
    }
    try {
      return text === undefined ? undefined : parseStatus(JSON.parse(text));
    } catch {
      return undefined; // damaged: the next run writes it again
    }
  }

  async function saveStatus(connection: string, status: ConnectionStatus): Promise<void> {
    const path = join(directory, fileName(connection, 'status'));
    try {
      await makeDirectory(directory);
      const temp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      await writeFile(temp, `${JSON.stringify(status)}\n`, { mode: 0o600 });
      await rename(temp, path);
    } catch (error) {
      throw asStoreError(error, 'save the connection status', path);
    }
  }

  /** Removes the connection's snapshot, progress, status and lock files. */
  async function remove(connection: string): Promise<string[]> {
    const paths = [
      pathFor(connection),
      progressPathFor(connection),
      join(directory, fileName(connection, 'status')),
      lockPathFor(connection),
    ];
    const removed: string[] = [];
    for (const path of paths) {
      try {
        await unlink(path);
        removed.push(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw asStoreError(error, 'delete the connection', path);
      }
    }
    return removed;
  }

  async function saveProgress(connection: string, progress: SyncProgress | undefined) {
    const path = progressPathFor(connection);
    try {
      if (progress) await writeSnapshot(path, progress, progress);
      else
        await unlink(path).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
    } catch (error) {
      throw asStoreError(error, 'save the sync progress', path);
    }
  }

  return {
    directory,
    pathFor,
    load,
    save,
    lock: locks.lock,
    epoch,
    loadProgress,
    saveProgress,
    loadStatus,
    saveStatus,
    delete: remove,
  };
}
