/** Lifecycle state of an account, the same vocabulary for every vendor. */
export type SaasAccountStatus = 'active' | 'suspended' | 'archived' | 'pending';

/**
 * One user account in a connected platform, in the shape every connector produces, so a host app
 * can hold accounts from different vendors in one inventory.
 */
export interface SaasAccount {
  /** Vendor the account lives in, such as `jumpcloud`. */
  vendor: string;
  /** Name of the connection it was read through (several connections may share a vendor). */
  connection: string;
  /** The vendor's id for the account, as a string. */
  id: string;
  /** Email address, lowercased and trimmed. */
  email: string;
  /** Display name, when the vendor has one. */
  name: string | undefined;
  /** Lifecycle state. */
  status: SaasAccountStatus;
  /** When the account was created, when the vendor says. */
  createdAt: Date | undefined;
  /** The vendor object the account was built from, as validated. */
  raw: unknown;
}
