// `connector-kit graph`: reads every resource of every connection into one asset graph.
import { resolve } from 'node:path';
import { collect, type GraphSnapshot } from '@org/connector-graph';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import { connectionTags, type Session } from '../cli/session.js';
import { graphSummary, graphText } from '../output/graph-summary.js';
import { collectProgress } from '../progress/collect-progress.js';
import { type GraphFormat, printGraph, writeGraphFiles } from './graph-files.js';

/** Options of {@link graph}. */
export interface GraphOptions {
  json: boolean;
  /** Directory to write the exports into. */
  out?: string | undefined;
  /** One export to print on stdout instead of the summary. */
  format?: GraphFormat | undefined;
}

/**
 * Collects the graph (every connection in parallel), writes its exports when asked, and prints a
 * summary. Exits 3 when any resource could not be read completely (the exports still hold what
 * was read, and the summary says what is missing).
 */
export async function graph(session: Session, io: CliIo, o: GraphOptions): Promise<ExitCode> {
  const snapshot: GraphSnapshot = await collect(session.connectors, {
    tags: connectionTags(session),
    signal: io.signal,
    onEvent: collectProgress(session.progress),
  });
  session.progress.stop();
  const files = o.out ? await writeGraphFiles(snapshot, resolve(io.cwd, o.out)) : [];
  if (o.format) await printGraph(snapshot, o.format, io.stdout);
  else if (o.json)
    await write(io.stdout, `${JSON.stringify(graphSummary(snapshot, files), null, 2)}\n`);
  else await write(io.stdout, `${graphText(snapshot, files)}\n`);
  return snapshot.complete ? EXIT_CODES.ok : EXIT_CODES.connection;
}
