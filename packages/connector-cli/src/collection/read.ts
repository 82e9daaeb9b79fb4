// Reads every connection of a session, each on its own: one that fails is reported with its name,
// the error and what to do, the others complete. Returns what was read (nothing when no
// connection could be), each connection's outcome and the exit code they make.
import { AbortError, type Clock } from '@org/connector-core';
import type { CollectEvent, CollectOptions, GraphSnapshot } from '@org/connector-graph';
import type { Outcome } from '../cli/exit-codes.js';
import { connectionTags, type Session } from '../cli/session.js';
import { type ReadOptions, readAdapters } from '../config/reads.js';
import { summarizeError } from '../output/error-line.js';
import { collectProgress } from '../progress/collect-progress.js';
import {
  type ConnectionOutcome,
  collectionOutcome,
  connectionOutcomes,
  type Refusals,
} from './outcomes.js';

/**
 * What `collect` is given for a session's connections, by `graph`, `posture` and `evidence` alike:
 * their tags (onto each of their entities), the command's signal, and the vendor readers `reads`
 * opts in to.
 */
export function collectOptions(
  session: Session,
  signal: AbortSignal | undefined,
  reads: ReadOptions,
): Pick<CollectOptions, 'tags' | 'signal' | 'adapters'> {
  return { tags: connectionTags(session), signal, adapters: readAdapters(reads) };
}

/** What {@link readConnections} gives back. */
export interface Reading<T> {
  /** The read's result; undefined when no connection could be read at all. */
  readonly result: T | undefined;
  readonly outcomes: readonly ConnectionOutcome[];
  /** 0, partial (6) or none read (3), with why. */
  readonly outcome: Outcome;
}

/**
 * Runs `read` (a graph collect, an evidence bundle) with progress and failure tracking. A read that
 * rejects because every connection was refused is a result (nothing read, exit 3); an abort or a
 * configuration error is thrown on.
 */
export async function readConnections<T>(
  session: Session,
  clock: Clock | undefined,
  read: (onEvent: (event: CollectEvent) => void) => Promise<T>,
  snapshotOf: (result: T) => GraphSnapshot,
): Promise<Reading<T>> {
  const refused = new Map<string, ReturnType<typeof summarizeError>>();
  const progress = collectProgress(session.progress);
  const onEvent = (event: CollectEvent) => {
    if (event.type === 'connection-failed')
      refused.set(event.connection, summarizeError(event.cause));
    progress(event);
  };
  const startedAt = clock?.now() ?? Date.now();
  let result: T | undefined;
  // The graph as attempted when a read rejects for having read nothing (an evidence bundle).
  let attempted: GraphSnapshot | undefined;
  try {
    result = await read(onEvent);
  } catch (error) {
    const e = error as { code?: unknown; snapshot?: GraphSnapshot } | null;
    const everyoneRefused =
      refused.size > 0 && session.connectors.every((c) => refused.has(c.name));
    if (e?.code === 'nothing_read' && e.snapshot) attempted = e.snapshot;
    else if (e?.code === 'aborted' || error instanceof AbortError || !everyoneRefused) throw error;
  }
  const outcomes = connectionOutcomes(
    session.connectors,
    result === undefined ? attempted : snapshotOf(result),
    refused as Refusals,
  );
  const seconds = ((clock?.now() ?? Date.now()) - startedAt) / 1000;
  const counts = (['complete', 'partial', 'failed'] as const)
    .map((s) => [s, outcomes.filter((o) => o.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  session.progress.note(
    `read ${outcomes.length} connections in ${seconds.toFixed(1)} s: ${counts.join(', ')}`,
  );
  return { result, outcomes, outcome: collectionOutcome(outcomes) };
}
