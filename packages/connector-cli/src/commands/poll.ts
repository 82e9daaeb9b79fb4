// `connector-kit poll`: the core poller over each connection, its snapshots in a directory, every
// change set printed as it is committed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ChangeSet,
  type Connector,
  createFileStateStore,
  createPoller,
  type Poller,
  type PollerEvent,
} from '@org/connector-core';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { changeSetJson, changeSetText } from '../output/change-set.js';
import { errorLine, summarizeError } from '../output/error-line.js';
import type { Progress } from '../progress/progress.js';

/** Options of {@link poll}. */
export interface PollOptions {
  json: boolean;
  /** Time from the start of one run to the start of the next. */
  intervalMs: number;
  /** Directory of the snapshots; undefined: `.connector-kit/state`, or a temporary one for the sandboxes. */
  state?: string | undefined;
  /** Run each connection once and exit. */
  once: boolean;
  /** Exit after this many runs of each connection. */
  runs?: number | undefined;
  /** The accidental-delete guard: most removals one run may commit. */
  maxRemovals?: number | undefined;
}

/** Default directory of the snapshots, under the working directory. */
export const DEFAULT_STATE_DIR = '.connector-kit/state';

function eventLine(e: PollerEvent): string | undefined {
  switch (e.type) {
    case 'progress':
      return undefined;
    case 'run-failed':
      return errorLine(
        `${e.connection} run ${e.run} failed, nothing saved`,
        summarizeError(e.error),
      );
    case 'budget-warning':
      return `${e.connection}: budget: ${e.message}`;
    case 'removals-held':
      return `${e.connection}: ${e.removals} removals held back (more than ${e.maxRemovals})`;
    default:
      return undefined;
  }
}

function onEvent(progress: Progress, once: boolean) {
  return (e: PollerEvent) => {
    // A single run's failure is printed by pollOnce, which also sees failures before a run.
    if (e.type === 'progress' || (once && e.type === 'run-failed')) return;
    const line = eventLine(e);
    if (line) (e.type === 'run-failed' ? progress.error : progress.note)(line);
  };
}

/**
 * Polls each connection. With `once`, runs each one now and exits (3 when a run failed); otherwise
 * keeps polling on the interval until Ctrl-C, `runs` runs of each, or a failure that needs a
 * person (exit 3; a refused interval exits 2).
 */
export async function poll(session: Session, io: CliIo, o: PollOptions): Promise<ExitCode> {
  // The sandboxes make up their data, and their port, afresh at each start: a kept snapshot would
  // be another tenant's, so their state lives only as long as the command.
  const temporary =
    o.state === undefined && session.sandbox
      ? await mkdtemp(join(tmpdir(), 'connector-kit-poll-'))
      : undefined;
  const directory = temporary ?? resolve(io.cwd, o.state ?? DEFAULT_STATE_DIR);
  const store = createFileStateStore({ directory, clock: io.clock });
  const print = (set: ChangeSet) =>
    write(io.stdout, `${o.json ? JSON.stringify(changeSetJson(set)) : changeSetText(set)}\n`);
  const make = (connector: Connector): Poller =>
    createPoller({
      connector,
      store,
      intervalMs: o.intervalMs,
      clock: io.clock,
      signal: io.signal,
      maxRemovals: o.maxRemovals,
      firstRun: 'now',
      onEvent: onEvent(session.progress, o.once),
    });
  try {
    if (!o.once)
      session.progress.note(
        `polling ${session.connectors.length} connections every ${o.intervalMs / 1000} s; state in ${directory}; Ctrl-C to stop`,
      );
    return o.once
      ? await pollOnce(session, make, print)
      : await pollEvery(session, io, make, print, o.runs);
  } finally {
    session.progress.stop();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}

async function pollOnce(
  session: Session,
  make: (c: Connector) => Poller,
  print: (set: ChangeSet) => Promise<void>,
): Promise<ExitCode> {
  let failed = false;
  for (const connector of session.connectors) {
    const poller = make(connector);
    try {
      await print(await poller.runOnce());
    } catch (error) {
      if ((error as { code?: unknown }).code === 'aborted') throw error;
      session.progress.error(errorLine(connector.name, summarizeError(error)));
      failed = true;
    } finally {
      await poller.stop();
    }
  }
  return failed ? EXIT_CODES.connection : EXIT_CODES.ok;
}

async function pollEvery(
  session: Session,
  io: CliIo,
  make: (c: Connector) => Poller,
  print: (set: ChangeSet) => Promise<void>,
  runs: number | undefined,
): Promise<ExitCode> {
  const pollers = session.connectors.map(make);
  let exit: ExitCode = EXIT_CODES.ok;
  try {
    await Promise.all(
      pollers.map(async (poller) => {
        // Subscribe before start(), so the first run's change set is not missed.
        const changes = poller.changes();
        try {
          await poller.start();
        } catch (error) {
          // A refused interval: the budget cannot sustain it (the message names one it can).
          const summary = summarizeError(error);
          session.progress.error(errorLine(poller.connection, summary));
          exit = summary.code === 'config' ? EXIT_CODES.usage : EXIT_CODES.connection;
          await poller.stop();
          return;
        }
        let count = 0;
        try {
          for await (const set of changes) {
            await print(set);
            if (runs !== undefined && ++count >= runs) break;
          }
        } catch (error) {
          // The poller stopped for a failure only a person can fix (rejected key, held removals).
          session.progress.error(errorLine(poller.connection, summarizeError(error)));
          exit = EXIT_CODES.connection;
        } finally {
          await poller.stop();
        }
      }),
    );
  } finally {
    await Promise.all(pollers.map((p) => p.stop()));
  }
  io.signal?.throwIfAborted();
  return exit;
}
