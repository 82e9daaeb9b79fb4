import { type Command, InvalidArgumentError, Option } from 'commander';

/** The options every command that reads connections takes. */
export interface CommonOptions {
  /** Path of the connections file. */
  connections: string;
  /** Names of the connections to use (all when empty). */
  only: string[];
  /** Run against the local sandboxes (one per vendor) instead of the connections file. */
  sandbox: boolean;
  /** Seed of the sandboxes' data. */
  seed: number;
  /** JSON on stdout instead of text. */
  json: boolean;
  /** No progress on stderr. */
  quiet: boolean;
}

/** Default path of the connections file. */
export const DEFAULT_CONNECTIONS_FILE = 'connections.yaml';

/** A comma-separated, repeatable option's values: `--only a,b --only c` → `[a, b, c]`. */
export const commaList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

const seed = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
};

/** Adds the connection options (file, selection, sandbox, output) to a command. */
export function withConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-c, --connections <file>',
        'connections file (YAML, or JSON if it ends in .json)',
      ).default(DEFAULT_CONNECTIONS_FILE),
    )
    .addOption(
      new Option('--only <names>', 'use only these connections (comma-separated, repeatable)')
        .argParser(commaList)
        .default([], 'all'),
    )
    .addOption(
      new Option('--sandbox', 'use the local sandboxes (one per vendor) instead of the file'),
    )
    .addOption(new Option('--seed <n>', "seed of the sandboxes' data").argParser(seed).default(7))
    .addOption(new Option('--json', 'print JSON on stdout instead of text'))
    .addOption(new Option('-q, --quiet', 'print no progress on stderr'));
}

/** The common options out of commander's parsed values. */
export function commonOptions(values: Record<string, unknown>): CommonOptions {
  return {
    connections: String(values.connections ?? DEFAULT_CONNECTIONS_FILE),
    only: Array.isArray(values.only) ? values.only.map(String) : [],
    sandbox: values.sandbox === true,
    seed: typeof values.seed === 'number' ? values.seed : 7,
    json: values.json === true,
    quiet: values.quiet === true,
  };
}
