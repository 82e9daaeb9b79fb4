import type { Vendor } from '../../options.js';
import type { CredentialsByVendor } from '../../sandbox.js';

/** What the cases need to know of each vendor's sandbox: no connector option names. */
export interface VendorFacts<V extends Vendor> {
  /** The users list path (faults aim at it). */
  usersPath: RegExp;
  /** Permissions of a credential that works but may not list users. */
  withoutUsers: string[];
  /** The secrets of a credential. */
  secrets(credentials: CredentialsByVendor[V]): string[];
}

/** The users list, and a credential without it, as each sandbox models them. */
export const VENDOR_FACTS: { [V in Vendor]: VendorFacts<V> } = {
  hexnode: {
    usersPath: /^\/api\/v1\/users\/$/,
    withoutUsers: ['Read Devices', 'Read Device Groups'],
    secrets: (c) => [c.apiKey],
  },
  kandji: {
    usersPath: /^\/api\/v1\/users\/?$/,
    withoutUsers: ['Devices › List devices', 'Devices › Device details'],
    secrets: (c) => [c.apiToken],
  },
  jumpcloud: {
    usersPath: /^\/api\/systemusers\/?$/,
    withoutUsers: ['systems'],
    secrets: (c) => [c.apiKey, c.oauthClient.clientSecret],
  },
};
