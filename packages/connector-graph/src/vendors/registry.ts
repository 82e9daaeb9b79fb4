// Every vendor the graph reads without a host's adapter: one line each (see CONTRIBUTING, "Adding
// a connector"). `collect()`, the people join's directories and the posture checks' directories
// derive from this object.
import type { VendorAdapter } from '../collect/adapter.js';
import { hexnodeAdapter } from './hexnode.js';
import { jumpcloudAdapter } from './jumpcloud.js';
import { kandjiAdapter } from './kandji.js';
import { oktaAdapter } from './okta.js';

/** The adapters `collect()` knows, by `connector.vendor`. */
export const BUILT_IN_ADAPTERS: Readonly<Record<string, VendorAdapter>> = {
  hexnode: hexnodeAdapter,
  kandji: kandjiAdapter,
  jumpcloud: jumpcloudAdapter,
  okta: oktaAdapter,
};

/** The vendors among `adapters` that are identity directories (`VendorAdapter.directory`). */
export function directoriesOf(adapters: Readonly<Record<string, VendorAdapter>>): string[] {
  return Object.entries(adapters)
    .filter(([, adapter]) => adapter.directory === true)
    .map(([vendor]) => vendor);
}

/** The built-in vendors that are identity directories: the people join's default. */
export const DIRECTORY_VENDORS: readonly string[] = directoriesOf(BUILT_IN_ADAPTERS);
