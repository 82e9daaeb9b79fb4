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
  /**
   * Last sign-in the vendor recorded, when it records one. `undefined` means the vendor does not
   * say (not "never signed in"); each connector's README says where the value comes from.
   */
  lastLoginAt?: Date | undefined;
  /** Multi-factor state, when the vendor reports it; `undefined` when it does not. */
  mfa?: SaasAccountMfa | undefined;
  /** Whether the account administers the platform, when the vendor says. */
  isAdmin?: boolean | undefined;
  /** Department, as the directory holds it. */
  department?: string | undefined;
  /** Job title, as the directory holds it. */
  title?: string | undefined;
  /** The id of the account in the directory it was synced from (an HR or IdP id), when known. */
  externalId?: string | undefined;
  /** The vendor object the account was built from, as validated. */
  raw: unknown;
}

/** Multi-factor state of an account, as the vendor reports it. Never guessed. */
export interface SaasAccountMfa {
  /** `enrolled`: a second factor is set up; `not_enrolled`: none is; `unknown`: the vendor cannot tell. */
  status: 'enrolled' | 'not_enrolled' | 'unknown';
  /** Whether the vendor requires a second factor for this account, when it says. */
  enforced?: boolean | undefined;
}
