// Every vendor the sandbox imitates: one line each. The vendor union, `startSandbox`'s factories,
// the credentials types, the `connector-sandbox` command and the conformance suite's facts all
// derive from this object (see CONTRIBUTING, "Adding a connector").
import type { SandboxVendor } from '../server/vendor.js';
import { hexnode } from './hexnode/index.js';
import { jumpcloud } from './jumpcloud/index.js';
import { kandji } from './kandji/index.js';
import { okta } from './okta/index.js';

/** The sandbox's vendors, by name. */
export const SANDBOX_VENDORS = {
  hexnode,
  kandji,
  jumpcloud,
  okta,
};

/** The credentials type of a registered vendor. */
export type CredentialsOf<S> = S extends SandboxVendor<infer C> ? C : never;
