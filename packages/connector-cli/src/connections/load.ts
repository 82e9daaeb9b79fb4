import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../cli/input-error.js';
import { VENDOR_NAMES, VENDORS } from '../vendors/registry.js';
import { type CliEnv, requireEnvRef, resolveEnvRefs } from './env-ref.js';
import { firstIssue, issueLine } from './issue-line.js';

/**
 * One connection of a connections file, its environment references read: the fields of its
 * vendor's entry (`name`, `vendor`, credentials, location).
 */
export interface LoadedConnection {
  /** Name of the connection, unique in the file. */
  readonly name: string;
  /** Vendor: one of the registry's (`src/vendors/registry.ts`). */
  readonly vendor: string;
  /** The entry's fields, secrets included: keep it in memory only. */
  readonly settings: Readonly<Record<string, unknown>>;
}

const Entry = v.looseObject({
  name: v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty')),
  vendor: v.string('must be a string'),
});

const FileShape = v.strictObject({
  connections: v.pipe(
    v.array(v.record(v.string(), v.unknown(), 'must be an object'), 'must be a list'),
    v.minLength(1, 'must hold at least one connection'),
  ),
});

const FORMAT_FIX = 'see "The connections file" in the connector-kit README';

/**
 * Parses a file the command reads (connections, config, mutelist): JSON when its name ends in
 * `.json`, YAML otherwise.
 *
 * @throws InputError naming the file and the syntax error.
 */
export function parseText(text: string, path: string): unknown {
  const name = basename(path);
  if (extname(path).toLowerCase() === '.json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new InputError(`${name} is not valid JSON (${detail})`, 'fix the syntax');
    }
  }
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InputError(`${name} is not valid YAML (${detail})`, 'fix the syntax');
  }
}

/**
 * Parses the text of a connections file (JSON when `path` ends in `.json`, YAML otherwise), reads
 * its environment references from `env` and checks each entry against its vendor.
 *
 * @throws InputError with a one-line message for anything the person must fix.
 */
export function parseConnections(text: string, path: string, env: CliEnv): LoadedConnection[] {
  const name = basename(path);
  const parsed = parseText(text, path);
  const shape = v.safeParse(FileShape, Array.isArray(parsed) ? null : parsed);
  if (!shape.success) {
    const { field, problem } = issueLine(firstIssue(shape.issues));
    throw new InputError(
      `${name}: ${field === '' ? 'expected an object with a connections list' : problem}`,
      FORMAT_FIX,
    );
  }
  const seen = new Set<string>();
  return shape.output.connections.map((raw, index) => {
    const head = v.safeParse(Entry, raw);
    if (!head.success) {
      const { problem } = issueLine(firstIssue(head.issues));
      throw new InputError(`${name}: connection ${index + 1}: ${problem}`, FORMAT_FIX);
    }
    const where = `${name}: connection "${head.output.name}"`;
    const mapping = VENDORS[head.output.vendor];
    if (!mapping) {
      throw new InputError(
        `${where}: unknown vendor "${head.output.vendor}"`,
        `use one of ${VENDOR_NAMES.join(', ')}`,
      );
    }
    if (seen.has(head.output.name)) {
      throw new InputError(`${where} appears twice`, 'give each connection its own name');
    }
    seen.add(head.output.name);
    for (const secret of mapping.secrets) requireEnvRef(raw, secret, { where });
    const resolved = resolveEnvRefs(raw, env, { where });
    const settings = v.safeParse(mapping.settings, resolved);
    if (!settings.success) {
      const { problem, unknownKey } = issueLine(firstIssue(settings.issues));
      const known = Object.keys((mapping.settings as { entries?: object }).entries ?? {});
      throw new InputError(
        `${where}: ${problem}`,
        unknownKey ? `a ${mapping.vendor} connection has ${known.join(', ')}` : FORMAT_FIX,
      );
    }
    return { name: head.output.name, vendor: mapping.vendor, settings: settings.output };
  });
}

/**
 * Reads a connections file: see {@link parseConnections}.
 *
 * @throws InputError when the file is missing or unreadable, or holds anything to fix.
 */
export async function loadConnections(path: string, env: CliEnv): Promise<LoadedConnection[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      throw new InputError(
        `connections file ${path} not found`,
        'create it (see "The connections file" in the README), pass --connections <file>, or add --sandbox to try the local sandboxes',
      );
    }
    throw new InputError(
      `cannot read connections file ${path} (${String(code ?? error)})`,
      'check the path and its permissions',
    );
  }
  return parseConnections(text, path, env);
}
