import type { UnprovenListing } from '../paginate/continuity.js';
import type { Differences } from './diff.js';
import type { AccountFingerprint } from './fingerprint.js';

/** Removals a run did not report, because its listing could not prove it missed nothing. */
export interface WithheldRemovals {
  /** Accounts of the previous snapshot the run did not see, kept in the new one unreported. */
  removals: number;
  /** Why: the unproven listings, in words. */
  reason: string;
  /** The listings that could not prove they missed nothing. */
  listings: UnprovenListing[];
}

/**
 * Takes back the removals of a run whose listing was unproven: an account it did not see may have
 * been missed rather than removed. Those accounts stay in the new snapshot as the previous one
 * had them (so a later, proven run reports them if they are really gone, and a later sighting is
 * no "added"), and the run reports no removal.
 *
 * @param found - What the run found: its fingerprints and differences.
 * @param listings - The unproven listings the connector reported (at least one).
 */
export function withholdRemovals<
  F extends { accounts: Map<string, AccountFingerprint> } & Differences,
>(found: F, listings: UnprovenListing[]): { found: F; withheld: WithheldRemovals } {
  for (const removed of found.removed) found.accounts.set(removed.id, removed.previous);
  const reason = [...new Set(listings.map((l) => `${l.vendor} ${l.endpoint}: ${l.reason}`))].join(
    '; ',
  );
  return {
    found: { ...found, removed: [] },
    withheld: { removals: found.removed.length, reason, listings },
  };
}
