import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from './input-error.js';

/**
 * Reads a key file an option names (`--sign`, `--public-key`), as PEM text.
 *
 * @throws InputError naming the option, the path and what to give instead.
 */
export async function readKeyFile(
  option: string,
  path: string | undefined,
  cwd: string,
  fix: string,
): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new InputError(
      `${option} ${path}: cannot read the key (${String((error as { code?: unknown }).code ?? error)})`,
      fix,
    );
  }
}
