import type { GraphSnapshot } from '@org/connector-graph';

/**
 * No connection could be read at all (every resource of every connection failed): there is
 * nothing to put in a bundle, so none is written. The graph that was attempted says why, resource
 * by resource (`snapshot.resources[].error`).
 */
export class NothingReadError extends Error {
  readonly code = 'nothing_read';
  /** The graph as attempted: its connections and their failed resources. */
  readonly snapshot: GraphSnapshot;
  constructor(snapshot: GraphSnapshot) {
    const first = snapshot.resources.find((r) => r.error);
    super(
      `no connection could be read${first?.error ? ` (${first.source}: ${first.error.code}: ${first.error.message})` : ''}`,
    );
    this.name = 'NothingReadError';
    this.snapshot = snapshot;
  }
}
