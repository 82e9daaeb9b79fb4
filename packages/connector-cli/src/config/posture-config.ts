// `--config <file>` of `posture` and `evidence`: which checks run, their thresholds, the OS and
// agent baselines, the opt-in per-device reads, the mutelist, `--fail-on` and personal data.
// Command-line options win over the file; the file over the built-in defaults.
import { dirname } from 'node:path';
import {
  AGENT_BASELINE,
  type AnyPostureCheck,
  defaultChecks,
  OS_BASELINE,
  SEVERITIES,
  type Severity,
  type Suppression,
  selectChecks,
} from '@org/connector-posture';
import * as v from 'valibot';
import { InputError } from '../cli/input-error.js';
import { loadMutelist } from './mutelist.js';
import { readSettingsFile } from './read-file.js';
import { type ReadOptions, ReadsSchema, readOptions } from './reads.js';

/** The `--fail-on` choices: a severity, or `none` to never fail on findings. */
export const FAIL_ON = [...SEVERITIES, 'none'] as const;

const text = () => v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty'));
const Patterns = v.union(
  [text(), v.array(text())],
  'must be a check id or pattern, or a list of them',
);
const IsoDate = v.pipe(
  v.string('must be a date such as 2027-01-10 (quoted)'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2027-01-10'),
);
const Version = v.string('must be a version in quotes, such as "15.10"');
const OS_FAMILIES = ['macOS', 'iOS', 'iPadOS', 'tvOS', 'Windows', 'Android', 'Ubuntu'] as const;
const PiiMode = v.picklist(['keep', 'hash', 'drop'], 'must be keep, hash or drop');

const ConfigFile = v.strictObject({
  checks: v.optional(
    v.strictObject({ include: v.optional(Patterns), exclude: v.optional(Patterns) }),
  ),
  severity: v.optional(
    v.array(v.picklist(SEVERITIES, `must be one of ${SEVERITIES.join(', ')}`), 'must be a list'),
  ),
  compliance: v.optional(text()),
  failOn: v.optional(v.picklist(FAIL_ON, `must be one of ${FAIL_ON.join(', ')}`)),
  thresholds: v.optional(
    v.record(v.string(), v.record(v.string(), v.unknown()), 'must map check ids to options'),
  ),
  baselines: v.optional(
    v.strictObject({
      os: v.optional(
        v.strictObject({
          updated: IsoDate,
          source: v.optional(text()),
          minimum: v.record(
            v.picklist(OS_FAMILIES, `must be one of ${OS_FAMILIES.join(', ')}`),
            Version,
          ),
        }),
      ),
      agent: v.optional(
        v.strictObject({
          updated: IsoDate,
          source: v.optional(text()),
          minimum: v.record(
            v.picklist(['jumpcloud', 'kandji'], 'must be jumpcloud or kandji'),
            Version,
          ),
        }),
      ),
    }),
  ),
  reads: v.optional(ReadsSchema),
  mutelist: v.optional(text()),
  pii: v.optional(
    v.strictObject({
      emails: v.optional(PiiMode),
      names: v.optional(PiiMode),
      identifiers: v.optional(PiiMode),
      identifierFields: v.optional(v.array(text())),
    }),
  ),
});

/** The file's contents, checked. */
export type PostureConfigFile = v.InferOutput<typeof ConfigFile>;

/** What the command line says about posture; it wins over the config file. */
export interface PostureFlags {
  config?: string | undefined;
  mutelist?: string | undefined;
  checks?: readonly string[] | undefined;
  severity?: readonly Severity[] | undefined;
  compliance?: string | undefined;
  failOn?: Severity | 'none' | undefined;
  deviceDetails?: number | undefined;
  lastLogins?: number | undefined;
}

/** Everything a posture run and an evidence bundle need from the options and the files. */
export interface PostureSettings {
  /** The checks to run, selected. */
  readonly checks: readonly AnyPostureCheck[];
  /** Thresholds and baselines by check id. */
  readonly checkOptions: Readonly<Record<string, Record<string, unknown>>>;
  /** The mutelist's entries. */
  readonly suppressions: readonly Suppression[];
  readonly failOn: Severity | 'none';
  /** The opt-in reads: per-device details, sign-ins. */
  readonly reads: ReadOptions;
  /** Personal-data handling from the file (evidence). */
  readonly pii: PostureConfigFile['pii'];
  /** The files read, for the record (manifest, report). */
  readonly files: { readonly config?: string | undefined; readonly mutelist?: string | undefined };
}

const list = (p: string | readonly string[] | undefined) =>
  p === undefined ? undefined : typeof p === 'string' ? [p] : p;

/** Thresholds checked against each check's defaults: known check, known option, same type. */
function thresholds(
  given: Record<string, Record<string, unknown>>,
  where: string,
): Record<string, Record<string, unknown>> {
  for (const [id, options] of Object.entries(given)) {
    const check = defaultChecks.find((c) => c.id === id);
    if (!check) {
      throw new InputError(
        `${where}: thresholds: no check is named ${id}`,
        'use an id from connector-kit list-checks',
      );
    }
    const defaults = (check.defaults ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(options)) {
      if (!(key in defaults)) {
        const known = Object.keys(defaults);
        throw new InputError(
          `${where}: thresholds: ${id} has no option ${key}`,
          known.length > 0 ? `its options are ${known.join(', ')}` : 'this check takes no options',
        );
      }
      const want = typeof defaults[key];
      if (typeof value !== want) {
        throw new InputError(
          `${where}: thresholds: ${id}.${key} must be a ${want}`,
          `write it like ${JSON.stringify(defaults[key])}`,
        );
      }
    }
  }
  return given;
}

/**
 * Reads `--config` (when given) and `--mutelist` (the option, else the file's `mutelist`,
 * relative to it) and merges the command line over them.
 *
 * @throws InputError for anything to fix in either file or in the selection.
 */
export async function postureSettings(flags: PostureFlags, cwd: string): Promise<PostureSettings> {
  const file = flags.config
    ? await readSettingsFile(flags.config, cwd, '--config', ConfigFile)
    : undefined;
  const config: PostureConfigFile = file?.value ?? {};
  const where = flags.config ?? '';
  let checks: AnyPostureCheck[];
  const framework = flags.compliance ?? config.compliance;
  try {
    checks = selectChecks(defaultChecks, {
      include:
        flags.checks && flags.checks.length > 0 ? flags.checks : list(config.checks?.include),
      exclude: list(config.checks?.exclude),
      severities: flags.severity && flags.severity.length > 0 ? flags.severity : config.severity,
      framework,
    });
  } catch (error) {
    throw new InputError(
      `${flags.config && !flags.checks ? `${where}: ` : ''}${(error as Error).message}`,
      'see connector-kit list-checks for the checks, their severities and frameworks',
    );
  }
  if (checks.length === 0) {
    throw new InputError(
      'the selected options leave no check to run',
      'widen --checks, --severity or --compliance',
    );
  }
  const checkOptions: Record<string, Record<string, unknown>> = {
    ...thresholds(config.thresholds ?? {}, where),
  };
  // A baseline applies to every check that judges by it (the OS checks, the agent checks); the
  // systems it lists replace the shipped minimums, the others keep them.
  for (const check of defaultChecks) {
    const shipped =
      check.defaults === OS_BASELINE
        ? OS_BASELINE
        : check.defaults === AGENT_BASELINE
          ? AGENT_BASELINE
          : undefined;
    const baseline =
      shipped === OS_BASELINE
        ? config.baselines?.os
        : shipped
          ? config.baselines?.agent
          : undefined;
    if (!shipped || !baseline) continue;
    checkOptions[check.id] = {
      ...checkOptions[check.id],
      updated: baseline.updated,
      source: baseline.source ?? `${where} (baselines)`,
      minimum: { ...shipped.minimum, ...baseline.minimum },
    };
  }
  const mutelistPath = flags.mutelist ?? (config.mutelist && file ? config.mutelist : undefined);
  const mutelistBase = flags.mutelist || !file ? cwd : dirname(file.path);
  const suppressions = mutelistPath
    ? await loadMutelist(mutelistPath, mutelistBase, defaultChecks)
    : [];
  return {
    checks,
    checkOptions,
    suppressions,
    failOn: flags.failOn ?? config.failOn ?? 'none',
    reads: readOptions(config.reads, flags),
    pii: config.pii,
    files: { config: file?.path, mutelist: mutelistPath },
  };
}
