import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that always settles. Node's recursive `mkdir` loops for ever where a parent exists
 * but refuses children with `ENOENT` (anywhere under `/proc`); here the second `ENOENT` is thrown.
 */
export async function makeDirectory(directory: string, depth = 0): Promise<void> {
  try {
    await mkdir(directory);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // a file in the way fails the next open with ENOTDIR
    const parent = dirname(directory);
    if (code !== 'ENOENT' || parent === directory || depth >= 256) throw error;
  }
  await makeDirectory(dirname(directory), depth + 1);
  try {
    await mkdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
