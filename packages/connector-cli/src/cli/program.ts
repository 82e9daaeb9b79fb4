import type { PiiMode } from '@org/connector-evidence';
import { createRequestLog } from '@org/connector-evidence';
import type { Severity } from '@org/connector-posture';
import { Command, InvalidArgumentError, Option } from 'commander';
import { accounts } from '../commands/accounts.js';
import { evidence, PII_MODES, requestHandlers } from '../commands/evidence.js';
import { evidenceVerify } from '../commands/evidence-verify.js';
import { graph } from '../commands/graph.js';
import { GRAPH_FORMATS, type GraphFormat } from '../commands/graph-files.js';
import { DEFAULT_STATE_DIR, poll } from '../commands/poll.js';
import { FAIL_ON, posture } from '../commands/posture.js';
import { addRecordCommand } from '../commands/record.js';
import { sandbox } from '../commands/sandbox.js';
import { verify } from '../commands/verify.js';
import { VERSION } from '../version.js';
import { commonOptions, withConnectionOptions } from './common-options.js';
import { parseDuration } from './duration.js';
import type { ExitCode } from './exit-codes.js';
import { InputError } from './input-error.js';
import type { CliIo } from './io.js';
import { openSession, type Session } from './session.js';

/** Width the help is wrapped at, whatever the terminal: the README quotes it word for word. */
export const HELP_WIDTH = 100;

const EXIT_CODE_HELP = `
Exit codes:
  0    success
  1    unexpected error inside connector-kit (please report it)
  2    bad input: an unknown option, a missing or invalid connections file, an unset variable
  3    a connection failed: credentials, permission, network, or a read left incomplete
  4    posture: a finding at or above --fail-on
  5    evidence verify: a file of the bundle was changed, added or removed
  130  interrupted (Ctrl-C)`;

const positiveInteger = (value: string) => {
  const n = Number(value);
  if (!(Number.isSafeInteger(n) && n >= 1))
    throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
};

/**
 * Builds the `connector-kit` program. Each action stores its exit code with `done`; errors are
 * thrown to {@link runCli}'s caller, which turns them into one line and an exit code.
 */
export function buildProgram(io: CliIo, done: (code: ExitCode) => void): Command {
  const program = new Command('connector-kit')
    .description('Read identity data out of Hexnode, Kandji and JumpCloud from a connections file.')
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
      body: (session: Session, values: Record<string, unknown>) => Promise<ExitCode>,
      extras?: Parameters<typeof openSession>[2],
    ) =>
    async (_: unknown, command: Command) => {
      const values = command.opts();
      const session = await openSession(commonOptions(values), io, extras);
      try {
        done(await body(session, values));
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

  sub('graph', 'collect one asset graph of every connection and summarize or export it')
    .addOption(
      new Option(
        '--out <dir>',
        'write graph.ndjson, graph.jgf.json and graph.graphml into this directory',
      ),
    )
    .addOption(
      new Option('--format <format>', 'print this export on stdout instead of the summary').choices(
        GRAPH_FORMATS,
      ),
    )
    .action(
      withSession((session, values) =>
        graph(session, io, {
          json: values.json === true,
          out: values.out === undefined ? undefined : String(values.out),
          format: values.format as GraphFormat | undefined,
        }),
      ),
    );

  sub('posture', 'check the graph of every connection against the built-in posture checks')
    .addOption(
      new Option('--fail-on <severity>', 'exit 4 when a finding is this severe or worse')
        .choices(FAIL_ON)
        .default('none'),
    )
    .addOption(new Option('--ocsf', 'print OCSF Compliance Finding records, one per line'))
    .action(
      withSession((session, values) =>
        posture(session, io, {
          json: values.json === true,
          ocsf: values.ocsf === true,
          failOn: values.failOn as Severity | 'none',
        }),
      ),
    );

  const requests = createRequestLog();
  const evidenceCommand = sub(
    'evidence',
    'write a hashed, verifiable evidence bundle: records, graph, findings, HTML report',
  )
    .enablePositionalOptions()
    .addOption(new Option('--out <dir>', 'the bundle directory (new or empty); required'))
    .addOption(new Option('--archive <file>', 'the archive to write (default: <dir>.tar.gz)'))
    .addOption(new Option('--no-archive', 'write no archive'))
    .addOption(new Option('--no-posture', 'leave the posture findings out'))
    .addOption(
      new Option('--emails <mode>', 'email addresses in the bundle')
        .choices(PII_MODES)
        .default('keep'),
    )
    .addOption(
      new Option('--names <mode>', "people's names in the bundle")
        .choices(PII_MODES)
        .default('keep'),
    )
    .action(async (arg: unknown, command: Command) => {
      if (command.opts().out === undefined) {
        throw new InputError('evidence needs --out <dir>', 'name a new directory for the bundle');
      }
      await withSession(
        (session, values) =>
          evidence(session, io, requests, {
            json: values.json === true,
            out: String(values.out),
            archive: values.archive === false ? false : (values.archive as string | undefined),
            posture: values.posture !== false,
            emails: values.emails as PiiMode,
            names: values.names as PiiMode,
          }),
        requestHandlers(requests),
      )(arg, command);
    });
  evidenceCommand
    .command('verify')
    .description('recompute every hash of a bundle and list what was changed, added or removed')
    .argument('<path>', 'the bundle directory or its .tar.gz archive')
    .helpOption('-h, --help', 'print help')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addOption(
      new Option('--digest <sha256>', 'the manifest digest recorded when the bundle was made'),
    )
    .addOption(new Option('--json', 'print JSON on stdout instead of text'))
    .action(async (path: string, values: Record<string, unknown>) => {
      done(
        await evidenceVerify(path, io, {
          json: values.json === true,
          digest: values.digest === undefined ? undefined : String(values.digest),
        }),
      );
    });

  addRecordCommand(program, io, done);

  program
    .command('sandbox')
    .description(
      'start the three local sandboxes and print their URLs and credentials until Ctrl-C',
    )
    .helpOption('-h, --help', 'print help')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addOption(
      new Option('--seed <n>', "seed of the sandboxes' data").argParser(positiveInteger).default(7),
    )
    .addOption(new Option('--json', 'print one JSON object instead of text'))
    .action(async (_: unknown, command: Command) => {
      const values = command.opts();
      done(await sandbox(io, { json: values.json === true, seed: Number(values.seed) }));
    });

  return program;
}
