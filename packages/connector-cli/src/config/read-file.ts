import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import * as v from 'valibot';
import { InputError } from '../cli/input-error.js';
import { firstIssue, issueLine } from '../connections/issue-line.js';
import { parseText } from '../connections/load.js';

/**
 * Reads a YAML or JSON file an option names (`--config`, `--mutelist`) and checks it against
 * `schema`; every problem is one line naming the file and the field.
 *
 * @throws InputError for a missing or unreadable file, bad syntax or a field that does not fit.
 */
export async function readSettingsFile<S extends v.GenericSchema>(
  path: string,
  cwd: string,
  option: string,
  schema: S,
): Promise<{ value: v.InferOutput<S>; path: string }> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${option} ${path}: no such file`
        : `${option} ${path}: cannot read it (${String(code)})`,
      code === 'ENOENT' ? 'check the path' : 'check the path and its permissions',
    );
  }
  const parsed = parseText(text, absolute);
  const result = v.safeParse(schema, parsed ?? {});
  if (!result.success) {
    const { field, problem, unknownKey } = issueLine(firstIssue(result.issues));
    throw new InputError(
      `${basename(absolute)}: ${field === '' ? result.issues[0].message : problem}`,
      unknownKey ? `see the ${option} format in the connector-kit README` : 'correct that field',
    );
  }
  return { value: result.output, path: absolute };
}
