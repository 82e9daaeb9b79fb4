import * as v from 'valibot';
import type { SaasAccount } from '../model/saas-account.js';
import { HASH_LENGTH, stableHash } from './stable-hash.js';

/**
 * Schema of what a snapshot keeps of one account: the projected fields a change can name, plus a
 * hash of the vendor object. `status` is a plain string so that a snapshot written by an older or
 * newer version still loads.
 */
export const AccountFingerprintSchema = v.object({
  // Email address, as the connector normalised it.
  email: v.string(),
  // Display name, when the account has one.
  name: v.optional(v.string()),
  // Lifecycle status (`active`, `suspended`, ...).
  status: v.string(),
  // stableHash of the part of `raw` that counts (all of it by default).
  rawHash: v.pipe(v.string(), v.length(HASH_LENGTH)),
});

/**
 * What a snapshot keeps of one account: `email`, `name` and `status` as the connector gave them,
 * and `rawHash`, a 16-character hash of the vendor object (or the part `selectRaw` picks). Never the
 * vendor object itself: about 275 bytes of heap per account, id included (measured for 100,000).
 */
export type AccountFingerprint = v.InferOutput<typeof AccountFingerprintSchema>;

/** A field whose change {@link ChangedAccount} can name. `raw` means only other vendor fields changed. */
export type ChangedField = 'email' | 'name' | 'status' | 'raw';

/**
 * Picks the part of an account's vendor object whose changes count. Return `undefined` to ignore
 * vendor-only changes entirely; by default the whole `raw` counts.
 */
export type RawSelector = (raw: unknown, account: SaasAccount) => unknown;

/**
 * Reduces an account to its {@link AccountFingerprint}.
 *
 * @param account - The account as the connector produced it.
 * @param selectRaw - Which part of `raw` counts; the whole of it by default.
 */
export function fingerprintAccount(
  account: SaasAccount,
  selectRaw: RawSelector = (raw) => raw,
): AccountFingerprint {
  // Every fingerprint gets all four fields at once, so they share one V8 hidden class.
  return {
    email: account.email,
    name: account.name,
    status: account.status,
    rawHash: stableHash(selectRaw(account.raw, account)),
  };
}

/**
 * Names the fields that differ between two fingerprints of the same account, in a fixed order.
 * `raw` is named only when the vendor object changed and no projected field did (an email change
 * always changes `raw` too, and saying so twice would be noise). Empty when nothing changed.
 */
export function changedFields(
  before: AccountFingerprint,
  after: AccountFingerprint,
): ChangedField[] {
  const fields: ChangedField[] = [];
  if (before.email !== after.email) fields.push('email');
  if (before.name !== after.name) fields.push('name');
  if (before.status !== after.status) fields.push('status');
  if (fields.length === 0 && before.rawHash !== after.rawHash) fields.push('raw');
  return fields;
}
