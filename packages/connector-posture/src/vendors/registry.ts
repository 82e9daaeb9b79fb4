// Every vendor posture has built-in checks for: one line each (see CONTRIBUTING, "Adding a
// connector"). `defaultChecks` and the evidence's API paths derive from this object.
import { hexnode } from './hexnode.js';
import { jumpcloud } from './jumpcloud.js';
import { kandji } from './kandji.js';
import { okta } from './okta.js';
import type { VendorPosture } from './vendor-posture.js';

/** Posture's vendors, by `connector.vendor`, in the order their checks are listed. */
export const POSTURE_VENDORS: Readonly<Record<string, VendorPosture>> = {
  jumpcloud,
  kandji,
  hexnode,
  okta,
};
