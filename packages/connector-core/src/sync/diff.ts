import type { SaasAccount } from '../model/saas-account.js';
import {
  type AccountFingerprint,
  type ChangedField,
  changedFields,
  fingerprintAccount,
  type RawSelector,
} from './fingerprint.js';
import type { Snapshot } from './snapshot.js';

/** An account that was not in the previous snapshot. */
export interface AddedAccount {
  /** The vendor's account id. */
  id: string;
  /** The account as read in this run. */
  account: SaasAccount;
}

/** An account whose fingerprint differs from the previous snapshot. */
export interface ChangedAccount {
  /** The vendor's account id. */
  id: string;
  /** What changed, such as `['email']`. */
  fields: ChangedField[];
  /** What the previous snapshot held for it. */
  previous: AccountFingerprint;
  /** The account as read in this run. */
  account: SaasAccount;
}

/** An account that was in the previous snapshot and is gone. */
export interface RemovedAccount {
  /** The vendor's account id. */
  id: string;
  /** What the previous snapshot held for it (email, name, status). */
  previous: AccountFingerprint;
}

/** What a completed run found, compared with the one before. */
export interface Differences {
  /** Accounts new since the previous snapshot. */
  added: AddedAccount[];
  /** Accounts whose email, name, status or vendor object changed. */
  changed: ChangedAccount[];
  /** Accounts no longer listed. */
  removed: RemovedAccount[];
}

/**
 * Compares one run's accounts with the previous snapshot as they stream in. Keeps a fingerprint per
 * account and the full account only for those that changed, so memory grows with the number of
 * accounts times a fingerprint, not with the size of the vendor objects.
 */
export interface Differ {
  /** Accounts seen so far (a repeated id counts once). */
  readonly seen: number;
  /** Fingerprints recorded so far (live: copy it to keep it). */
  readonly accounts: ReadonlyMap<string, AccountFingerprint>;
  /** Feeds one account of the run. */
  observe(account: SaasAccount): void;
  /** Ends the run: the new fingerprints and what changed (all empty on a baseline). */
  finish(): { accounts: Map<string, AccountFingerprint> } & Differences;
}

/**
 * Starts comparing a run with `previous`. Without a previous snapshot the run is a baseline: it
 * records fingerprints and reports nothing as added.
 */
export function createDiffer(
  previous: Snapshot | undefined,
  selectRaw?: RawSelector,
  /** Accounts a resumed baseline read before it was cut off (baseline only). */
  seed?: ReadonlyMap<string, AccountFingerprint>,
): Differ {
  const accounts = new Map<string, AccountFingerprint>(previous ? undefined : seed);
  const added: AddedAccount[] = [];
  const changed: ChangedAccount[] = [];
  return {
    get seen() {
      return accounts.size;
    },
    accounts,
    observe(account) {
      const id = account.id;
      // Paging that shifts under us can repeat an account; the first sighting wins.
      if (accounts.has(id)) return;
      const fp = fingerprintAccount(account, selectRaw);
      accounts.set(id, fp);
      if (!previous) return;
      const before = previous.accounts.get(id);
      if (!before) {
        added.push({ id, account });
        return;
      }
      const fields = changedFields(before, fp);
      if (fields.length > 0) changed.push({ id, fields, previous: before, account });
    },
    finish() {
      const removed: RemovedAccount[] = [];
      if (previous) {
        for (const [id, before] of previous.accounts) {
          if (!accounts.has(id)) removed.push({ id, previous: before });
        }
      }
      return { accounts, added, changed, removed };
    },
  };
}
