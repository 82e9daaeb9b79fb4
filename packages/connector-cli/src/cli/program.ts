import type { PiiMode } from '@org/connector-evidence';
import { createRequestLog } from '@org/connector-evidence';
import { Command, InvalidArgumentError, Option } from 'commander';
import { accounts } from '../commands/accounts.js';
import { evidence, PII_MODES, requestHandlers } from '../commands/evidence.js';
import { evidenceVerify } from '../commands/evidence-verify.js';
import { graph } from '../commands/graph.js';
import { GRAPH_FORMATS, type GraphFormat } from '../commands/graph-files.js';
import { listChecks } from '../commands/list-checks.js';
import { DEFAULT_STATE_DIR, poll } from '../commands/poll.js';
import { type PostureFormat, posture } from '../commands/posture.js';
import { addRecordCommand } from '../commands/record.js';
import { sandbox } from '../commands/sandbox.js';
import { remove, status } from '../commands/status.js';
import { verify } from '../commands/verify.js';
import { type PostureSettings, postureSettings } from '../config/posture-config.js';
import { type ReadOptions, readOptions } from '../config/reads.js';
import type { ConnectExtras } from '../vendors/mapping.js';
import { VERSION } from '../version.js';
import { commaList, commonOptions, withConnectionOptions } from './common-options.js';
import { parseDuration } from './duration.js';
import { type ExitCode, type Outcome, outcomeOf } from './exit-codes.js';
import { InputError } from './input-error.js';
import type { CliIo } from './io.js';
import {
  postureFlags,
  severities,
  withFailOn,
  withPostureOptions,
  withReadOptions,
} from './posture-options.js';
import { openSession, type Session } from './session.js';

/** Width the help is wrapped at, whatever the terminal: the README quotes it word for word. */
export const HELP_WIDTH = 100;

const EXIT_CODE_HELP = `
Exit codes:
  0    success
  1    unexpected error inside connector-kit (please report it)
  2    bad input: an unknown option, a missing or invalid connections, config or mutelist file
  3    a connection failed (verify); no connection could be read (graph, posture, evidence)
  4    posture: an open finding at or above --fail-on
  5    evidence verify: a file was changed, added, removed or refused, or a signature fails
  6    partial: some connections or resources could not be read; the output has the rest
  7    evidence verify: the archive is truncated or corrupt
  8    evidence verify: the manifest is missing or invalid
  130  interrupted (Ctrl-C)`;

const positiveInteger = (value: string) => {
  const n = Number(value);
  if (!(Number.isSafeInteger(n) && n >= 1))
    throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
};

/** The command line as typed, for the evidence manifest: arguments with spaces quoted. */
const commandLine = (argv: readonly string[]) =>
  [
    'connector-kit',
    ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)),
  ].join(' ');

/** The extras each connector gets: the evidence request log's handler, the opt-in sign-ins. */
function extrasOf(
  reads: ReadOptions,
  more: (connection: string) => ConnectExtras = () => ({}),
): (connection: string) => ConnectExtras {
  return (connection) => ({ ...more(connection), lastLoginDays: reads.lastLoginDays });
}

/**
 * Builds the `connector-kit` program. Each action stores its outcome with `done`; errors are
 * thrown to {@link runCli}'s caller, which turns them into one line and an exit code.
 */
export function buildProgram(
  io: CliIo,
  done: (outcome: Outcome) => void,
  argv: readonly string[] = [],
): Command {
  const program = new Command('connector-kit')
    .description('Read identity data out of the vendors of a connections file.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .helpCommand(false)
    .addHelpText('after', EXIT_CODE_HELP)
    .exitOverride()
    // Options after a subcommand are the subcommand's: `evidence verify DIR --json` is verify's.
    .enablePositionalOptions()
    .configureHelp({ helpWidth: HELP_WIDTH, sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) =>
        write(`connector-kit: ${text.replace(/^error: /, '').trim()} (see connector-kit --help)\n`),
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });

  /** Runs `body` with the command's connections open, closing them after. */
  const withSession =
    (
      body: (session: Session, values: Record<string, unknown>) => Promise<ExitCode | Outcome>,
      extras?: Parameters<typeof openSession>[2],
    ) =>
    async (_: unknown, command: Command) => {
      const values = command.opts();
      const session = await openSession(commonOptions(values), io, extras);
      try {
        done(outcomeOf(await body(session, values)));
      } finally {
        await session.close();
      }
    };

  const sub = (name: string, description: string) =>
    withConnectionOptions(
      program
        .command(name)
        .description(description)
        .helpOption('-h, --help', 'print help')
        .configureHelp({ helpWidth: HELP_WIDTH }),
    );

  sub('verify', "check each connection's credentials and permission with one cheap call").action(
    withSession((session, values) => verify(session, io, values.json === true)),
  );

  sub('accounts', 'list every account of every connection, one per line (NDJSON with --json)')
    .addOption(new Option('--raw', "with --json, include the vendor's own object of each account"))
    .action(
      withSession((session, values) =>
        accounts(session, io, { json: values.json === true, raw: values.raw === true }),
      ),
    );

  sub('poll', 'poll each connection for added, changed and removed accounts')
    .addOption(
      new Option('--interval <duration>', 'time between runs: 90s, 15m, 6h').default('15m'),
    )
    .addOption(
      new Option(
        '--state <dir>',
        `snapshot directory (default: ${DEFAULT_STATE_DIR}; a temporary one with --sandbox)`,
      ),
    )
    .addOption(new Option('--once', 'run each connection once, print its change set and exit'))
    .addOption(
      new Option('--runs <n>', 'exit after this many runs of each connection').argParser(
        positiveInteger,
      ),
    )
    .addOption(
      new Option(
        '--max-removals <n>',
        'most removals one run may commit (default: 10 % of the accounts, at least 25)',
      ).argParser(positiveInteger),
    )
    .action(
      withSession((session, values) =>
        poll(session, io, {
          json: values.json === true,
          intervalMs: parseDuration(String(values.interval), '--interval'),
          state: values.state === undefined ? undefined : String(values.state),
          once: values.once === true,
          runs: values.runs as number | undefined,
          maxRemovals: values.maxRemovals as number | undefined,
        }),
      ),
    );

  const stateOption = () =>
    new Option('--state <dir>', `snapshot directory of poll (default: ${DEFAULT_STATE_DIR})`);
  sub('status', 'print how each connection stands: health, last success, last error, next run')
    .addOption(stateOption())
    .action(
      withSession((session, values) =>
        status(session, io, {
          json: values.json === true,
          state: values.state === undefined ? undefined : String(values.state),
        }),
      ),
    );

  sub('delete', 'delete the connections named with --only from the state directory')
    .addOption(stateOption())
    .action(
      withSession((session, values) =>
        remove(session, io, {
          json: values.json === true,
          state: values.state === undefined ? undefined : String(values.state),
          only: commonOptions(values).only,
        }),
      ),
    );

  withReadOptions(
    sub('graph', 'collect one asset graph of every connection and summarize or export it')
      .addOption(
        new Option(
          '--out <dir>',
          'write graph.ndjson, graph.jgf.json and graph.graphml into this directory',
        ),
      )
      .addOption(
        new Option(
          '--format <format>',
          'print this export on stdout instead of the summary',
        ).choices(GRAPH_FORMATS),
      ),
  ).action(async (arg: unknown, command: Command) => {
    const reads = readOptions(undefined, postureFlags(command.opts()));
    await withSession(
      (session, values) =>
        graph(session, io, {
          json: values.json === true,
          out: values.out === undefined ? undefined : String(values.out),
          format: values.format as GraphFormat | undefined,
          reads,
        }),
      extrasOf(reads),
    )(arg, command);
  });

  withFailOn(
    withPostureOptions(
      sub('posture', 'check the graph of every connection against the built-in posture checks'),
    ),
  )
    .addOption(new Option('--ocsf', 'print OCSF Compliance Finding records, one per line'))
    .addOption(
      new Option(
        '--ocsf-requirements',
        'print OCSF Compliance Finding records, one per framework requirement',
      ),
    )
    .addOption(new Option('--csv', 'print the findings as CSV: one row per check result'))
    .addOption(
      new Option(
        '--out <dir>',
        'also write posture.json, OCSF, findings.csv and a compliance CSV per framework here',
      ),
    )
    .action(async (arg: unknown, command: Command) => {
      const values = command.opts();
      const format = postureFormat(values);
      const settings = await postureSettings(postureFlags(values), io.cwd);
      await withSession(
        (session) =>
          posture(session, io, {
            format,
            out: values.out === undefined ? undefined : String(values.out),
            settings,
          }),
        extrasOf(settings.reads),
      )(arg, command);
    });

  program
    .command('list-checks')
    .description('list the posture checks: id, severity, frameworks and what each reads')
    .helpOption('-h, --help', 'print help')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addOption(
      new Option('--checks <ids>', 'only these ids or patterns (comma-separated)').argParser(
        commaList,
      ),
    )
    .addOption(
      new Option('--severity <levels>', 'only these severities (comma-separated)').argParser(
        severities,
      ),
    )
    .addOption(new Option('--compliance <framework>', 'only checks mapped to this framework'))
    .addOption(new Option('--json', 'print JSON on stdout instead of text'))
    .action(async (values: Record<string, unknown>) => {
      const settings = await postureSettings(postureFlags(values), io.cwd);
      done(outcomeOf(await listChecks(io, settings.checks, values.json === true)));
    });

  const requests = createRequestLog();
  const evidenceCommand = withPostureOptions(
    sub(
      'evidence',
      'write a hashed, verifiable evidence bundle: records, graph, findings, HTML report',
    ),
  )
    .enablePositionalOptions()
    .addOption(new Option('--out <dir>', 'the bundle directory (new or empty); required'))
    .addOption(new Option('--archive <file>', 'the archive to write (default: <dir>.tar.gz)'))
    .addOption(new Option('--no-archive', 'write no archive'))
    .addOption(new Option('--no-posture', 'leave the posture findings out'))
    .addOption(
      new Option(
        '--pii <mode>',
        'emails, names and identifiers (employee ids, serials, UDIDs, phones, addresses) in the bundle (default: keep)',
      ).choices(PII_MODES),
    )
    .addOption(
      new Option('--emails <mode>', 'email addresses in the bundle (default: --pii)').choices(
        PII_MODES,
      ),
    )
    .addOption(
      new Option('--names <mode>', "people's names in the bundle (default: --pii)").choices(
        PII_MODES,
      ),
    )
    .addOption(
      new Option(
        '--sign <key>',
        'sign the manifest digest with this Ed25519 private key (PEM file)',
      ),
    )
    .addOption(
      new Option('--operator <name>', 'who collects, for the manifest (default: the system user)'),
    )
    .action(async (arg: unknown, command: Command) => {
      const values = command.opts();
      if (values.out === undefined) {
        throw new InputError('evidence needs --out <dir>', 'name a new directory for the bundle');
      }
      const settings: PostureSettings = await postureSettings(postureFlags(values), io.cwd);
      const pii = (values.pii as PiiMode | undefined) ?? undefined;
      await withSession(
        (session) =>
          evidence(session, io, requests, {
            json: values.json === true,
            out: String(values.out),
            archive: values.archive === false ? false : (values.archive as string | undefined),
            posture: values.posture !== false,
            pii: {
              emails:
                (values.emails as PiiMode | undefined) ?? pii ?? settings.pii?.emails ?? 'keep',
              names: (values.names as PiiMode | undefined) ?? pii ?? settings.pii?.names ?? 'keep',
              identifiers: pii ?? settings.pii?.identifiers ?? 'keep',
              identifierFields: settings.pii?.identifierFields,
            },
            settings,
            sign: values.sign === undefined ? undefined : String(values.sign),
            operator: values.operator === undefined ? undefined : String(values.operator),
            commandLine: commandLine(argv),
            options: { ...values },
          }),
        extrasOf(settings.reads, requestHandlers(requests)),
      )(arg, command);
    });
  evidenceCommand
    .command('verify')
    .description(
      'recompute every hash of a bundle, check its signature, and list what was changed, added, removed or refused',
    )
    .argument('<path>', 'the bundle directory or its .tar.gz archive')
    .helpOption('-h, --help', 'print help')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addOption(
      new Option('--digest <sha256>', 'the manifest digest recorded when the bundle was made'),
    )
    .addOption(
      new Option('--public-key <file>', 'check the signature with this Ed25519 public key (PEM)'),
    )
    .addOption(new Option('--json', 'print JSON on stdout instead of text'))
    .action(async (path: string, values: Record<string, unknown>) => {
      done(
        await evidenceVerify(path, io, {
          json: values.json === true,
          digest: values.digest === undefined ? undefined : String(values.digest),
          publicKey: values.publicKey === undefined ? undefined : String(values.publicKey),
        }),
      );
    });

  addRecordCommand(program, io, done);

  program
    .command('sandbox')
    .description(
      'start a local sandbox of every vendor and print their URLs and credentials until Ctrl-C',
    )
    .helpOption('-h, --help', 'print help')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addOption(
      new Option('--seed <n>', "seed of the sandboxes' data").argParser(positiveInteger).default(7),
    )
    .addOption(new Option('--json', 'print one JSON object instead of text'))
    .action(async (_: unknown, command: Command) => {
      const values = command.opts();
      done(outcomeOf(await sandbox(io, { json: values.json === true, seed: Number(values.seed) })));
    });

  return program;
}

/** What `posture` prints on stdout: at most one of --json, --ocsf, --ocsf-requirements, --csv. */
function postureFormat(values: Record<string, unknown>): PostureFormat {
  const chosen = (
    [
      ['json', '--json'],
      ['ocsf', '--ocsf'],
      ['ocsf-requirements', '--ocsf-requirements'],
      ['csv', '--csv'],
    ] as const
  ).filter(([key]) => values[key === 'ocsf-requirements' ? 'ocsfRequirements' : key] === true);
  const [first, second] = chosen;
  if (first && second) {
    throw new InputError(
      `${first[1]} and ${second[1]} both print on stdout`,
      'pick one (--out <dir> writes every format into a folder)',
    );
  }
  return first?.[0] ?? 'text';
}
