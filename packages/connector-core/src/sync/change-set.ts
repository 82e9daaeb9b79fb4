import type { Differences } from './diff.js';

/**
 * What one completed run found. The first run of a connection is a `baseline`: it records every
 * account and reports none as added. Every later run is a `delta`, possibly empty. A
 * `baseline-lost` is a baseline taken because the store lost the previous snapshot (its epoch was
 * replaced): changes between the last run and this one were never reported, so hosts should alert
 * and resynchronise from the new baseline.
 */
export interface ChangeSet extends Differences {
  /** `baseline` for the first run of a connection, `delta` after, `baseline-lost` when the store lost the previous snapshot. */
  kind: 'baseline' | 'delta' | 'baseline-lost';
  /** Connection polled. */
  connection: string;
  /** Vendor of the connection. */
  vendor: string;
  /** Number of the run within this poller, from 1. */
  run: number;
  /** When the run started (the new snapshot's `takenAt`). */
  startedAt: Date;
  /** When the run's snapshot was saved. */
  finishedAt: Date;
  /** Accounts in the new snapshot. */
  total: number;
  /** Accounts in the previous snapshot (`undefined` on a baseline). */
  previousTotal: number | undefined;
  /**
   * Items the connector listed but could not map and left out (each also sent as an
   * `item-skipped` event). Only items that were not in the previous snapshot are ever skipped in
   * a committed run; otherwise the run fails with `SchemaDriftError`.
   */
  skipped: number;
  /**
   * Accounts of the previous snapshot this run did not see but did not report as removed either,
   * because the vendor's listing could not prove it missed nothing (pages in no order by id, or a
   * newest-first list that shrank while it was read; a `removals-withheld` event says which). They
   * stay in the snapshot; a later run that proves its listing reports them if they are gone.
   * Absent when the run's listing was proven.
   */
  withheldRemovals?: number | undefined;
}
