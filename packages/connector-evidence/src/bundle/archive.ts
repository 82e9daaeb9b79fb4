import { basename, dirname } from 'node:path';
import * as tar from 'tar';
import { EvidenceBundleError } from '../verify/bundle-error.js';
import type { BundleContents, RefusedEntry } from './contents.js';

/**
 * Packs `directory`'s `files` (bundle paths) into a gzipped tar at `archive`, under one top
 * folder named like the directory, with portable headers and one modification time.
 */
export async function writeArchive(
  directory: string,
  files: readonly string[],
  archive: string,
  mtime: Date,
): Promise<void> {
  const top = basename(directory);
  await tar.create(
    {
      gzip: true,
      file: archive,
      cwd: dirname(directory),
      portable: true,
      mtime,
      noDirRecurse: true,
    },
    [...files].sort().map((f) => `${top}/${f}`),
  );
}

const REFUSED: Record<string, RefusedEntry['kind']> = {
  SymbolicLink: 'symbolic link',
  Link: 'hard link',
  FIFO: 'named pipe',
  CharacterDevice: 'device',
  BlockDevice: 'device',
};

/**
 * Every regular file of a bundle archive, by bundle path (the top folder stripped). Links,
 * devices, pipes and paths leaving the bundle (`..`, absolute) are refused, not read.
 *
 * @throws EvidenceBundleError (`corrupt_archive`) when the file is not a complete .tar.gz.
 */
export async function readArchive(archive: string): Promise<BundleContents> {
  const files = new Map<string, Buffer>();
  const refused: RefusedEntry[] = [];
  const pending: Promise<void>[] = [];
  try {
    await tar.list({
      file: archive,
      // Every warning (a bad header, a truncated stream) is an error: half an archive is none.
      strict: true,
      onReadEntry: (entry) => {
        const path = entry.path.split('/').slice(1).join('/');
        const parts = entry.path.split('/');
        if (entry.path.startsWith('/') || parts.includes('..')) {
          refused.push({ path: entry.path, kind: 'unsafe path' });
          entry.resume();
          return;
        }
        const kind = REFUSED[entry.type];
        if (kind) refused.push({ path, kind });
        if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        pending.push(
          new Promise((resolve, reject) => {
            entry.on('data', (c: Buffer) => chunks.push(c));
            entry.on('end', () => {
              files.set(path, Buffer.concat(chunks));
              resolve();
            });
            entry.on('error', reject);
          }),
        );
      },
    });
    await Promise.all(pending);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new EvidenceBundleError(
      'corrupt_archive',
      `${basename(archive)} is not a complete .tar.gz archive (${detail})`,
    );
  }
  return { files, refused };
}
