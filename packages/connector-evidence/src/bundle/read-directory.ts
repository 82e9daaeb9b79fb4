import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BundleContents, RefusedEntry } from './contents.js';

/** What an entry that is neither a regular file nor a directory is, for messages. */
function kindOf(entry: {
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): RefusedEntry['kind'] {
  if (entry.isSymbolicLink()) return 'symbolic link';
  if (entry.isFIFO()) return 'named pipe';
  if (entry.isSocket()) return 'socket';
  return 'device';
}

/**
 * Every regular file under `directory`, by bundle path (`/`-separated). Symbolic links (never
 * followed) and special files are refused, not read: a bundle is regular files only.
 */
export async function readDirectory(directory: string): Promise<BundleContents> {
  const files = new Map<string, Buffer>();
  const refused: RefusedEntry[] = [];
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(directory, full).split(sep).join('/');
    if (entry.isFile()) files.set(path, await readFile(full));
    else refused.push({ path, kind: kindOf(entry) });
  }
  return { files, refused };
}
