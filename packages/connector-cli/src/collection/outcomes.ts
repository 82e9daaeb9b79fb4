// How each connection's read went, from the graph's resource statuses and the connections the
// graph could not read at all: complete, partial or failed, with the error and what to do. The
// exit code follows: 0 when all were read, 6 (partial) when some were, 3 when none could be.
import type { GraphSnapshot } from '@org/connector-graph';
import { EXIT_CODES, type Outcome } from '../cli/exit-codes.js';
import { actionFor, type ErrorSummary } from '../output/error-line.js';

/** One connection's read, as text and `--json` report it. */
export interface ConnectionOutcome {
  readonly name: string;
  readonly vendor: string;
  /** `complete`: every resource read; `partial`: some; `failed`: none. */
  readonly status: 'complete' | 'partial' | 'failed';
  /** Resources left incomplete. */
  readonly incomplete: readonly string[];
  /** Why (the first failure), with what to do when known. */
  readonly error?: (ErrorSummary & { action?: string | undefined }) | undefined;
}

/** A connection the graph refused before reading (`connection-failed`), by name. */
export type Refusals = ReadonlyMap<string, ErrorSummary>;

/** Each connection's outcome, in the order given. */
export function connectionOutcomes(
  connections: readonly { name: string; vendor: string }[],
  snapshot: GraphSnapshot | undefined,
  refused: Refusals,
): ConnectionOutcome[] {
  return connections.map(({ name, vendor }) => {
    const statuses = snapshot?.resources.filter((r) => r.connection === name) ?? [];
    const incomplete = statuses.filter((r) => !r.complete);
    const read = statuses.length - incomplete.length;
    const status =
      read === statuses.length && statuses.length > 0
        ? 'complete'
        : read === 0
          ? 'failed'
          : 'partial';
    // A dependency's error only repeats another's: report the cause.
    const first =
      refused.get(name) ?? incomplete.find((r) => r.error?.code !== 'dependency')?.error;
    const error = first
      ? { ...first, code: first.code, message: first.message, action: actionFor(first) }
      : undefined;
    return {
      name,
      vendor,
      status,
      incomplete: incomplete.map((r) => r.resource),
      ...(status !== 'complete' && error ? { error } : {}),
    };
  });
}

const why = (o: ConnectionOutcome) => (o.error ? `${o.error.code}` : o.incomplete.join(', '));

/** The exit code and reason of a read: 0, partial (6) or none read (3). */
export function collectionOutcome(outcomes: readonly ConnectionOutcome[]): Outcome {
  const failed = outcomes.filter((o) => o.status === 'failed');
  const partial = outcomes.filter((o) => o.status === 'partial');
  if (failed.length === 0 && partial.length === 0) return { code: EXIT_CODES.ok };
  if (failed.length === outcomes.length) {
    return {
      code: EXIT_CODES.connection,
      reason: `no connection could be read: ${failed.map((o) => `${o.name} (${why(o)})`).join(', ')}`,
    };
  }
  const parts = [
    ...failed.map((o) => `${o.name} failed (${why(o)})`),
    ...partial.map((o) => `${o.name} incomplete (${o.incomplete.join(', ')})`),
  ];
  const read = outcomes.length - failed.length;
  return {
    code: EXIT_CODES.partial,
    reason: `partial: ${parts.join('; ')}; ${read} of ${outcomes.length} connections read`,
  };
}

/** One line per connection that was not read completely: name, status, error, what to do. */
export function outcomeLines(outcomes: readonly ConnectionOutcome[]): string[] {
  return outcomes
    .filter((o) => o.status !== 'complete')
    .map((o) => {
      const head = `${o.name} (${o.vendor}): ${o.status === 'failed' ? 'FAILED' : `INCOMPLETE (${o.incomplete.join(', ')})`}`;
      if (!o.error) return head;
      const message = o.error.message.replace(/\s+/g, ' ').trim();
      return `${head}: ${o.error.code}: ${message}${o.error.action ? ` (${o.error.action})` : ''}`;
    });
}
