// `--mutelist <file>`: accepted risks as a file a reviewer signs off. Each entry names what it
// holds (a finding, checks, connections, entity keys or patterns, tags), why, who approved it and
// until when. Read once, checked against the known checks, handed to the posture run.
import { type AnyPostureCheck, type Suppression, selectChecks } from '@org/connector-posture';
import * as v from 'valibot';
import { InputError } from '../cli/input-error.js';
import { readSettingsFile } from './read-file.js';

const text = (what: string) =>
  v.pipe(v.string(`must be ${what}`), v.trim(), v.nonEmpty('must not be empty'));

/** One name or pattern, or a list of them. */
const Patterns = v.union(
  [text('a string'), v.pipe(v.array(text('a string')), v.minLength(1, 'must not be empty'))],
  'must be a name or pattern, or a list of them',
);

/** A date (`2026-09-01`) or a time (`2026-09-01T12:00:00Z`). */
const Expiry = v.pipe(
  v.union([v.string(), v.date()], 'must be a date such as 2026-09-01'),
  v.transform((d) => (d instanceof Date ? d.toISOString() : d)),
  v.regex(
    /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be a date such as 2026-09-01',
  ),
  v.check((d) => !Number.isNaN(Date.parse(d)), 'must be a real date'),
);

const Entry = v.strictObject({
  id: v.optional(text('a short name')),
  findingId: v.optional(text('a finding id (<check id>:<entity key>)')),
  check: v.optional(Patterns),
  connection: v.optional(Patterns),
  entity: v.optional(Patterns),
  tags: v.optional(
    v.record(
      v.string(),
      v.union([v.string(), v.literal(true)], 'must be a value, or true for any value'),
      'must map tag names to values',
    ),
  ),
  reason: text('a reason'),
  approver: text('who approved it'),
  expires: Expiry,
});

const MutelistFile = v.strictObject({
  mutelist: v.array(Entry, 'must be a list of entries'),
});

/**
 * Reads a mutelist file (`--mutelist`). Every entry needs a reason, an approver and an expiry, and
 * names at least a finding id, a check, an entity or tags; check names and patterns must match
 * a known check (a typo would hold nothing and say nothing).
 *
 * @throws InputError naming the file, the entry and the problem.
 */
export async function loadMutelist(
  path: string,
  cwd: string,
  checks: readonly AnyPostureCheck[],
): Promise<Suppression[]> {
  const { value, path: absolute } = await readSettingsFile(path, cwd, '--mutelist', MutelistFile);
  const name = absolute.split(/[\\/]/).pop() ?? path;
  return value.mutelist.map((entry, i) => {
    const where = `${name}: entry ${i + 1}${entry.id ? ` (${entry.id})` : ''}`;
    if (!entry.findingId && !entry.check && !entry.entity && !entry.tags) {
      throw new InputError(
        `${where} names no finding, check, entity or tag`,
        'add findingId, check, entity or tags: an entry without one would hold every finding',
      );
    }
    const patterns = [entry.check ?? [], entry.findingId?.split(':')[0] ?? []].flat();
    try {
      if (patterns.length > 0) selectChecks(checks, { include: patterns });
    } catch (error) {
      throw new InputError(
        `${where}: ${(error as Error).message}`,
        'use a check id from connector-kit list-checks, or a pattern such as jumpcloud.user.*',
      );
    }
    return entry;
  });
}
