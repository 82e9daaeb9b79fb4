import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { defaultConnectionName } from '@org/connector-core';
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
  /** Tags (`AccountName`, `Description`, ...), carried onto the connection's graph entities. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

const Tags = v.record(
  v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'tag names must be letters, digits and _')),
  v.pipe(v.string('tag values must be strings'), v.maxLength(200)),
);

const Entry = v.looseObject({
  // Optional: a connection without one is named after its vendor, numbered (Hexnode 1, 2, ...).
  name: v.optional(v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty'))),
  vendor: v.string('must be a string'),
  tags: v.optional(Tags),
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
  const heads = shape.output.connections.map((raw, index) => {
    const head = v.safeParse(Entry, raw);
    if (!head.success) {
      const { problem } = issueLine(firstIssue(head.issues));
      throw new InputError(`${name}: connection ${index + 1}: ${problem}`, FORMAT_FIX);
    }
    return head.output;
  });
  // Names given in the file first, so a default never takes one of them.
  const taken = heads.flatMap((h) => (h.name === undefined ? [] : [h.name]));
  return shape.output.connections.map((entry, index) => {
    const head = heads[index] as (typeof heads)[number];
    const label = VENDORS[head.vendor]?.label ?? head.vendor;
    const connectionName = head.name ?? defaultConnectionName(label, taken);
    if (head.name === undefined) taken.push(connectionName);
    // Tags are the CLI's, not the connector's: they go to the graph, not to the vendor's schema.
    const raw: Record<string, unknown> = {
      ...(entry as Record<string, unknown>),
      name: connectionName,
    };
    delete raw.tags;
    const where = `${name}: connection "${connectionName}"`;
    const mapping = VENDORS[head.vendor];
    if (!mapping) {
      throw new InputError(
        `${where}: unknown vendor "${head.vendor}"`,
        `use one of ${VENDOR_NAMES.join(', ')}`,
      );
    }
    if (seen.has(connectionName)) {
      throw new InputError(`${where} appears twice`, 'give each connection its own name');
    }
    seen.add(connectionName);
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
    return {
      name: connectionName,
      vendor: mapping.vendor,
      settings: settings.output,
      ...(head.tags ? { tags: head.tags } : {}),
    };
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
