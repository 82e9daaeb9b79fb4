// `connector-kit graph`: reads every resource of every connection into one asset graph.
import { resolve } from 'node:path';
import { collect } from '@org/connector-graph';
import type { Outcome } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { outcomeLines } from '../collection/outcomes.js';
import { collectOptions, readConnections } from '../collection/read.js';
import type { ReadOptions } from '../config/reads.js';
import { graphSummary, graphText } from '../output/graph-summary.js';
import { type GraphFormat, printGraph, writeGraphFiles } from './graph-files.js';

/** Options of {@link graph}. */
export interface GraphOptions {
  json: boolean;
  /** Directory to write the exports into. */
  out?: string | undefined;
  /** One export to print on stdout instead of the summary. */
  format?: GraphFormat | undefined;
  /** The opt-in per-device and sign-in reads. */
  reads: ReadOptions;
}

/**
 * Collects the graph (every connection in parallel, each on its own), writes its exports when
 * asked, and prints a summary. A connection or resource that could not be read is reported with
 * the error and what to do; the rest is still written and printed, and the exit code is 6
 * (partial), or 3 when no connection could be read (nothing is written then).
 */
export async function graph(session: Session, io: CliIo, o: GraphOptions): Promise<Outcome> {
  const reading = await readConnections(
    session,
    io.clock,
    (onEvent) =>
      collect(session.connectors, { ...collectOptions(session, io.signal, o.reads), onEvent }),
    (s) => s,
  );
  session.progress.stop();
  const snapshot = reading.result;
  if (!snapshot) {
    if (o.json) {
      const document = {
        complete: false,
        connections: reading.outcomes,
        files: [],
        exitCode: reading.outcome.code,
      };
      await write(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
    } else if (!o.format) {
      await write(
        io.stdout,
        `${['nothing read:', ...outcomeLines(reading.outcomes).map((l) => `  ${l}`)].join('\n')}\n`,
      );
    }
    return reading.outcome;
  }
  const files = o.out ? await writeGraphFiles(snapshot, resolve(io.cwd, o.out)) : [];
  if (o.format) await printGraph(snapshot, o.format, io.stdout);
  else if (o.json) {
    const summary = graphSummary(snapshot, files);
    const document = {
      ...summary,
      connections: summary.connections.map((c, i) => ({ ...c, ...reading.outcomes[i] })),
      exitCode: reading.outcome.code,
    };
    await write(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
  } else {
    const unread = outcomeLines(reading.outcomes);
    await write(
      io.stdout,
      `${graphText(snapshot, files)}${unread.length > 0 ? `\nnot read:\n${unread.map((l) => `  ${l}`).join('\n')}` : ''}\n`,
    );
  }
  return reading.outcome;
}
