import { basename, dirname } from 'node:path';
import * as tar from 'tar';

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

/** Every regular file of a bundle archive, by bundle path (the top folder stripped). */
export async function readArchive(archive: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  await tar.list({
    file: archive,
    onReadEntry: (entry) => {
      if (entry.type !== 'File') {
        entry.resume();
        return;
      }
      const path = entry.path.split('/').slice(1).join('/');
      const chunks: Buffer[] = [];
      pending.push(
        new Promise((resolve, reject) => {
          entry.on('data', (c: Buffer) => chunks.push(c));
          entry.on('end', () => {
            out.set(path, Buffer.concat(chunks));
            resolve();
          });
          entry.on('error', reject);
        }),
      );
    },
  });
  await Promise.all(pending);
  return out;
}
