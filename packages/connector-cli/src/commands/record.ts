// `connector-kit record`: runs each connection against its tenant and writes what it sent and
// received as a recording (HAR 1.2), credentials removed and personal data pseudonymised, for
// `startReplay` from @org/connector-sandbox to serve again.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { collect } from '@org/connector-graph';
import { createRecorder, type Recorder } from '@org/connector-sandbox';
import { type Command, Option } from 'commander';
import { commonOptions, withConnectionOptions } from '../cli/common-options.js';
import { EXIT_CODES, type Outcome } from '../cli/exit-codes.js';
import { InputError } from '../cli/input-error.js';
import { type CliIo, write } from '../cli/io.js';
import { openSession, type Session } from '../cli/session.js';
import type { LoadedConnection } from '../connections/load.js';
import { errorLine, summarizeError } from '../output/error-line.js';
import { VENDORS } from '../vendors/registry.js';
import { VERSION } from '../version.js';

/** Options of {@link record}. */
export interface RecordOptions {
  json: boolean;
  /** Directory the recordings are written into, one `<connection>.har.json` each. */
  out: string;
  /** Keep emails, names, phone numbers and serials as the vendor sent them. */
  keepPersonalData: boolean;
}

/** The values of a connection's secret fields (dotted paths its vendor's mapping names). */
function secretsOf(connection: LoadedConnection): string[] {
  const paths = VENDORS[connection.vendor]?.secrets ?? [];
  return paths
    .map((path) =>
      path
        .split('.')
        .reduce<unknown>(
          (at, key) =>
            at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
          connection.settings,
        ),
    )
    .filter((s): s is string => typeof s === 'string' && s !== '');
}

/** A connection name as a file name: what is not a letter, digit, `.`, `_` or `-` becomes `_`. */
const fileName = (name: string) => `${name.replace(/[^\w.-]/g, '_')}.har.json`;

/**
 * Reads each connection as `verify`, `accounts` and `graph` would (its check, its accounts, then
 * every resource the graph collects), recording every request, and writes one recording per connection. A
 * connection that fails is reported and its recording still written (it shows how far it got);
 * the exit code is then "partial" (6), or 3 when every connection failed.
 */
export async function record(
  session: Session,
  io: CliIo,
  recorders: ReadonlyMap<string, Recorder>,
  o: RecordOptions,
): Promise<Outcome> {
  const out = resolve(io.cwd, o.out);
  await mkdir(out, { recursive: true });
  const failed: string[] = [];
  const written: Array<{ connection: string; file: string; requests: number }> = [];
  for (const connector of session.connectors) {
    const task = session.progress.task(connector.name);
    try {
      await connector.verify({ signal: io.signal });
      let count = 0;
      for await (const _ of connector.accounts({ signal: io.signal })) count += 1;
      task.update(count, 'accounts');
      const graph = await collect([connector], { signal: io.signal });
      if (!graph.complete) failed.push(connector.name);
      task.done(`${count} accounts, graph ${graph.complete ? 'complete' : 'incomplete'}`);
    } catch (error) {
      io.signal?.throwIfAborted();
      failed.push(connector.name);
      task.done('failed');
      session.progress.error(errorLine(connector.name, summarizeError(error)));
    }
    const recorder = recorders.get(connector.name) as Recorder;
    const file = join(out, fileName(connector.name));
    await writeFile(file, `${JSON.stringify(recorder.recording(), null, 2)}\n`, { mode: 0o600 });
    written.push({ connection: connector.name, file, requests: recorder.size });
  }
  session.progress.stop();
  const personalData = o.keepPersonalData ? 'kept' : 'pseudonymised';
  await write(
    io.stdout,
    o.json
      ? `${JSON.stringify({ personalData, recordings: written }, null, 2)}\n`
      : written
          .map(
            (w) =>
              `${w.connection}: ${w.requests} requests recorded, credentials removed, personal data ${personalData} → ${w.file}\n`,
          )
          .join(''),
  );
  if (failed.length === 0) return { code: EXIT_CODES.ok };
  const reason = `${failed.join(', ')} failed or read short; ${written.length - failed.length} of ${written.length} connections recorded in full`;
  return failed.length === written.length
    ? { code: EXIT_CODES.connection, reason }
    : { code: EXIT_CODES.partial, reason: `partial: ${reason}` };
}

/**
 * Adds `connector-kit record` to the program: its options, and a session whose connectors send
 * every request through a recorder (one per connection, sharing one salt, so a person has one
 * fake email across the connections of a run).
 */
export function addRecordCommand(
  program: Command,
  io: CliIo,
  done: (outcome: Outcome) => void,
): void {
  withConnectionOptions(
    program
      .command('record')
      .description('record each connection for a replay: credentials removed, personal data faked')
      .helpOption('-h, --help', 'print help'),
  )
    .addOption(
      new Option('--out <dir>', 'write one <connection>.har.json into this directory; required'),
    )
    .addOption(new Option('--keep-personal-data', 'keep emails, names, phone numbers and serials'))
    .addOption(
      new Option(
        '--salt <text>',
        'key of the fakes: the same salt gives the same fakes in another run (default: random)',
      ).env('CONNECTOR_KIT_RECORD_SALT'),
    )
    .action(async (_: unknown, command: Command) => {
      const values = command.opts();
      if (values.out === undefined)
        throw new InputError('record needs --out <dir>', 'name a directory for the recordings');
      const keepPersonalData = values.keepPersonalData === true;
      const salt =
        values.salt === undefined ? randomBytes(32).toString('hex') : String(values.salt);
      const recorders = new Map<string, Recorder>();
      // The connectors are made before their recorders (which need each connection's vendor and
      // secrets), and send nothing until the command runs: each looks its recorder up then.
      const session = await openSession(commonOptions(values), io, (name) => ({
        fetch: (input, init) => {
          const recorder = recorders.get(name);
          if (!recorder) throw new Error(`no recorder for connection ${name}`);
          return recorder.fetch(input, init);
        },
      }));
      for (const c of session.connections) {
        recorders.set(
          c.name,
          createRecorder({
            vendor: c.vendor,
            connection: c.name,
            secrets: secretsOf(c),
            personalData: keepPersonalData ? 'keep' : 'pseudonymise',
            salt,
            creator: { name: 'connector-kit', version: VERSION },
          }),
        );
      }
      try {
        done(
          await record(session, io, recorders, {
            json: values.json === true,
            out: String(values.out),
            keepPersonalData,
          }),
        );
      } finally {
        await session.close();
      }
    });
}
