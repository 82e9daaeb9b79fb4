import {
  ConfigError,
  type ConnectionIdentity,
  type Connector,
  type StateLock,
} from '@org/connector-core';
import { type CollectOptions, collect } from '../collect/collect.js';
import { carryForward, diffGraphs, type GraphChanges } from '../diff/diff.js';
import type { GraphSnapshot } from '../model/snapshot.js';
import type { GraphStore } from '../store/graph-store.js';

/** The accidental-delete guard: how many entity removals one run may report by itself. */
export interface RemovalGuard {
  /** Share of the previous snapshot's entities (default 0.2). */
  share?: number | undefined;
  /** Removals always allowed, however small the graph (default 10). */
  min?: number | undefined;
}

/** Options of {@link createGraphFeed}. */
export interface GraphFeedOptions {
  /** The connections to read. */
  connections: readonly Connector[];
  /** Where the last snapshot is kept. */
  store: GraphStore;
  /** Key of the snapshot in the store (default `graph`). */
  name?: string | undefined;
  /** Passed to every {@link collect} (its `previous` is the stored snapshot). */
  collect?: Omit<CollectOptions, 'previous'> | undefined;
  /** The accidental-delete guard; `false` turns it off. */
  guard?: RemovalGuard | false | undefined;
  /** Lease of the writer lock, renewed while a run lasts (default 10 minutes). */
  lockTtlMs?: number | undefined;
}

/** What one run of a {@link GraphFeed} found. */
export interface GraphFeedResult {
  /**
   * `baseline`: nothing was stored, this snapshot is now the baseline; `changes`: compared and
   * saved; `held`: more removals than the guard allows, nothing saved (run again with
   * `acceptRemovals` once a person has looked).
   */
  status: 'baseline' | 'changes' | 'held';
  changes: GraphChanges;
  snapshot: GraphSnapshot;
  /** Whether the new baseline was saved. */
  saved: boolean;
}

/** A change feed over the graph of several connections. */
export interface GraphFeed {
  /** Reads the graph, compares it with the stored one and saves it (see {@link GraphFeedResult}). */
  run(options?: { acceptRemovals?: boolean | undefined }): Promise<GraphFeedResult>;
}

function sameIdentity(a: ConnectionIdentity, b: ConnectionIdentity): boolean {
  return a.vendor === b.vendor && a.host === b.host && a.tenant === b.tenant;
}

/** Refuses a stored graph read from another tenant under the same connection name. */
function checkBinding(previous: GraphSnapshot, current: GraphSnapshot, name: string): void {
  for (const c of current.connections) {
    const before = previous.connections.find((p) => p.name === c.name);
    if (!before) continue;
    const mismatch =
      before.vendor !== c.vendor ||
      (before.identity && c.identity && !sameIdentity(before.identity, c.identity));
    if (mismatch) {
      throw new ConfigError(
        `The stored graph "${name}" holds connection "${c.name}" of another tenant (${before.identity?.tenant ?? before.vendor}); use another store name or delete it`,
        { vendor: c.vendor },
      );
    }
  }
}

const EMPTY: GraphChanges = {
  entities: { added: [], changed: [], removed: [] },
  relationships: { added: [], changed: [], removed: [] },
  withheld: [],
};

/**
 * A change feed over the graph, with the account poller's guarantees: one writer at a time
 * (`store.lock`, when the store has it), the snapshot bound to each connection's tenant (a stored
 * graph of another tenant is refused, not diffed), atomic saves, incomplete resources never
 * reported as removals (their previous items are carried into the new baseline), and an
 * accidental-delete guard that holds a run removing too much until a person accepts it.
 *
 * @example
 * ```ts
 * const feed = createGraphFeed({ connections, store: createFileGraphStore({ directory: '.graph' }) });
 * const { status, changes } = await feed.run();
 * for (const c of changes.entities.changed) console.log(c.key, c.fields);
 * ```
 */
export function createGraphFeed(options: GraphFeedOptions): GraphFeed {
  const name = options.name ?? 'graph';
  const store = options.store;
  const ttlMs = options.lockTtlMs ?? 600_000;
  const guard = options.guard === false ? undefined : { share: 0.2, min: 10, ...options.guard };

  async function runLocked(
    acceptRemovals: boolean,
    stillOurs: () => Promise<void>,
  ): Promise<GraphFeedResult> {
    const previous = await store.load(name);
    const snapshot = await collect(options.connections, { ...options.collect, previous });
    if (!previous) {
      await stillOurs();
      await store.save(name, snapshot);
      return { status: 'baseline', changes: EMPTY, snapshot, saved: true };
    }
    checkBinding(previous, snapshot, name);
    const changes = diffGraphs(previous, snapshot);
    if (guard && !acceptRemovals) {
      const allowed = Math.max(guard.min, Math.floor(guard.share * previous.entities.size));
      if (changes.entities.removed.length > allowed) {
        return { status: 'held', changes, snapshot, saved: false };
      }
    }
    await stillOurs();
    await store.save(name, carryForward(previous, snapshot));
    return { status: 'changes', changes, snapshot, saved: true };
  }

  return {
    async run(o = {}) {
      let lock: StateLock | undefined;
      let renewal: NodeJS.Timeout | undefined;
      if (store.lock) {
        lock = await store.lock(name, { ttlMs });
        const held = lock;
        renewal = setInterval(() => void held.renew().catch(() => undefined), ttlMs / 3);
        renewal.unref();
      }
      try {
        // Renewing just before the save fails (StateLockedError) if the lease was lost meanwhile.
        return await runLocked(o.acceptRemovals === true, async () => {
          await lock?.renew();
        });
      } finally {
        clearInterval(renewal);
        await lock?.release();
      }
    },
  };
}
