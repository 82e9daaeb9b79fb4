import type { Vendor } from '../../options.js';
import type { CredentialsByVendor } from '../../sandbox.js';
import type { VendorFacts } from '../../server/vendor.js';
import { SANDBOX_VENDORS } from '../../vendors/registry.js';

/** The facts a vendor's sandbox folder declares: all the suite knows of a vendor. */
export function factsOf<V extends Vendor>(vendor: V): VendorFacts<CredentialsByVendor[V]> {
  const found = SANDBOX_VENDORS[vendor] as
    | { facts: VendorFacts<CredentialsByVendor[V]> }
    | undefined;
  if (!found) throw new TypeError(`the sandbox has no vendor named ${String(vendor)}`);
  return found.facts;
}

/** Where a user's email sits renamed: the last segment of its path becomes `mail`. */
export function renamedEmail(email: string): string {
  const at = email.lastIndexOf('.');
  return `${email.slice(0, at + 1)}${email.slice(at + 1) === 'mail' ? 'email_' : 'mail'}`;
}
