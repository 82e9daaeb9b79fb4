import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { ConfigError } from '@org/connector-core';

/**
 * The bundle's directory, created only when there is something to write into it: a collection
 * that fails leaves no empty folder behind, and a write that fails removes what it wrote.
 */
export interface OutputDirectory {
  /** Creates the directory (owner-only) for writing. */
  create(): Promise<void>;
  /** Undoes `create` and everything written since: removes it, or empties the one that was given. */
  discard(): Promise<void>;
}

/**
 * Checks that `path` is free for a bundle: absent, or an empty directory.
 *
 * @throws ConfigError when it holds files or is not a directory.
 */
export async function outputDirectory(path: string): Promise<OutputDirectory> {
  const existed = await stat(path).then(
    (s) => {
      if (!s.isDirectory()) throw new ConfigError(`collectEvidence: ${path} is not a directory`);
      return true;
    },
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (existed && (await readdir(path)).length > 0) {
    throw new ConfigError(`collectEvidence: ${path} is not empty; give a new directory`);
  }
  return {
    create: async () => {
      await mkdir(path, { recursive: true, mode: 0o700 });
    },
    discard: async () => {
      if (!existed) {
        await rm(path, { recursive: true, force: true });
        return;
      }
      for (const entry of await readdir(path)) {
        await rm(`${path}/${entry}`, { recursive: true, force: true });
      }
    },
  };
}
