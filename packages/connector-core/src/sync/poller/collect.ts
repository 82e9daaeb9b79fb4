import { SchemaDriftError } from '../../errors/errors.js';
import { raceAbort, throwIfAborted } from '../../internal/abort.js';
import type { Connector, InvalidItem } from '../../model/connector.js';
import type { UnprovenListing } from '../../paginate/continuity.js';
import type { ListingPosition } from '../../paginate/listing-position.js';
import { createDiffer, type Differences } from '../diff.js';
import type { PollerEvent } from '../events.js';
import type { AccountFingerprint, RawSelector } from '../fingerprint.js';
import type { Snapshot, SyncProgress } from '../snapshot.js';
import { withholdRemovals } from '../withheld-removals.js';
import { etaOf } from './eta.js';

/** What one run read, compared with the previous snapshot. */
export interface Collected extends Differences {
  /** Fingerprint of every account read. */
  accounts: Map<string, AccountFingerprint>;
  /** Items the connector listed but could not map. */
  skipped: number;
  /**
   * Accounts of the previous snapshot the run did not see and, its listing being unproven, did
   * not report as removed (they stay in `accounts`); absent when the listing was proven.
   */
  withheldRemovals?: number | undefined;
}

/** Options of {@link collectAccounts}. */
export interface CollectOptions {
  connector: Connector;
  connection: string;
  run: number;
  previous: Snapshot | undefined;
  signal: AbortSignal;
  selectRaw: RawSelector | undefined;
  progressEvery: number;
  emit: (event: PollerEvent) => void;
  /** The time, for a progress ETA. */
  now: () => number;
  /** A first sync cut off earlier: its accounts are kept and the listing goes on from its position. */
  resume?: SyncProgress | undefined;
  /** Told the listing's position, with the accounts and skipped items it covers, after each page. */
  onPosition?:
    | ((
        position: ListingPosition,
        accounts: ReadonlyMap<string, AccountFingerprint>,
        skipped: number,
      ) => void)
    | undefined;
}

/**
 * Streams `connector.accounts()` into a differ against `previous`, sending `progress` every
 * `progressEvery` accounts and once at the end, and `item-skipped` for each item the connector
 * could not map. When the connector says a listing could not prove it missed nothing, the run's
 * removals are withheld (see {@link withholdRemovals}) and a `removals-withheld` event says so.
 *
 * @throws SchemaDriftError when items the previous snapshot holds can no longer be mapped (left
 *   out, they would be reported as removed); whatever the listing threw; `AbortError` once
 *   `signal` aborts, even from a connector that ignores it.
 */
export async function collectAccounts(o: CollectOptions): Promise<Collected> {
  const { connector, connection, run, previous, signal, emit } = o;
  const baseline = previous === undefined;
  const resume = previous ? undefined : o.resume;
  const differ = createDiffer(previous, o.selectRaw, resume?.accounts);
  let reported = differ.seen;
  let skipped = resume?.skipped ?? 0;
  let remaining: number | undefined;
  /** Progress, with what is left and how long it should take when the listing says. */
  const progress = (seen: number) => {
    let etaMs: number | undefined;
    if (remaining !== undefined && connector.budget) {
      try {
        etaMs = etaOf(remaining, connector.budget(), o.now());
      } catch {
        etaMs = undefined; // a budget that cannot be read gives no ETA, not a failed run
      }
    }
    emit({
      type: 'progress',
      connection,
      run,
      baseline,
      seen,
      ...(remaining === undefined ? {} : { remainingRequests: remaining }),
      ...(etaMs === undefined ? {} : { etaMs }),
    });
  };
  let drifted: { first: InvalidItem; count: number } | undefined;
  const onSkippedItem = (item: InvalidItem) => {
    skipped++;
    emit({ type: 'item-skipped', connection, run, item: { ...item } });
    // An item that mapped last time (or whose id cannot be read) now fails to: drift. Left
    // out, it would be reported as removed.
    if (previous && (item.itemId === undefined || previous.accounts.has(item.itemId))) {
      drifted = { first: drifted?.first ?? item, count: (drifted?.count ?? 0) + 1 };
    }
  };
  const unproven: UnprovenListing[] = [];
  const accounts = connector
    .accounts({
      signal,
      onInvalidItem: 'skip',
      onSkippedItem,
      onUnprovenListing: (listing) => unproven.push({ ...listing }),
      resume: resume?.position,
      onPosition: (p) => {
        if (typeof p.remaining === 'number') remaining = p.remaining;
        o.onPosition?.(p, differ.accounts, skipped);
      },
    })
    [Symbol.asyncIterator]();
  try {
    for (;;) {
      // Raced with the signal: a connector that ignores it still cannot hold up stop().
      const step = await raceAbort(accounts.next(), signal);
      if (step.done) break;
      differ.observe(step.value);
      if (differ.seen - reported >= o.progressEvery) {
        reported = differ.seen;
        progress(reported);
      }
    }
  } catch (error) {
    // Let the connector release its resources; do not wait for it.
    void Promise.resolve(accounts.return?.()).catch(() => undefined);
    throw error;
  }
  throwIfAborted(signal);
  if (drifted) {
    const { first, count } = drifted;
    throw new SchemaDriftError(
      `${count} ${first.resource} item${count === 1 ? '' : 's'} of ${connection} that the previous snapshot holds can no longer be mapped: field "${first.field}" at ${first.path} (${first.reason}); the ${first.vendor} schema may have changed. Nothing was saved`,
      {
        vendor: first.vendor,
        field: first.field,
        itemPath: first.path,
        resource: first.resource,
        unmappable: count,
        issues: [{ path: first.path, expected: first.field, received: first.reason }],
      },
    );
  }
  let found = differ.finish();
  // A listing that could not prove it missed nothing: what it did not see is not "removed".
  const withheld = previous && unproven.length > 0 ? withholdRemovals(found, unproven) : undefined;
  if (withheld) found = withheld.found;
  if (found.accounts.size !== reported) {
    progress(found.accounts.size);
  }
  if (!withheld) return { ...found, skipped };
  emit({ type: 'removals-withheld', connection, run, ...withheld.withheld });
  return { ...found, skipped, withheldRemovals: withheld.withheld.removals };
}
