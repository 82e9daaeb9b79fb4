// The local sandboxes behind `--sandbox` and `connector-kit sandbox`, one per vendor of the
// registry: one company's people (same seed and email domain, so user i has one email
// everywhere), each sized a little differently (`VendorMapping.sandbox.size`) so the device tools
// know a few people the directory does not.
import { type Sandbox, startSandbox, type Vendor } from '@org/connector-sandbox';
import type { LoadedConnection } from '../connections/load.js';
import { VENDORS } from '../vendors/registry.js';

/** The running sandboxes, in the registry's order. */
export interface Sandboxes {
  /** Each vendor's sandbox on 127.0.0.1. */
  readonly running: ReadonlyArray<{ readonly vendor: string; readonly sandbox: Sandbox<Vendor> }>;
  /** Stops them all. */
  close(): Promise<void>;
}

/** Email domain of the sandboxes' people. */
export const SANDBOX_EMAIL_DOMAIN = 'acme.example';

/** Starts a sandbox of every registered vendor on loopback; `seed` picks their data. */
export async function startSandboxes(seed: number): Promise<Sandboxes> {
  const running: Array<{ vendor: string; sandbox: Sandbox<Vendor> }> = [];
  const close = async () => {
    await Promise.all(running.map((r) => r.sandbox.close()));
  };
  try {
    for (const mapping of Object.values(VENDORS)) {
      const sandbox = await startSandbox({
        vendor: mapping.vendor,
        seed,
        emailDomain: SANDBOX_EMAIL_DOMAIN,
        size: mapping.sandbox.size,
      });
      running.push({ vendor: mapping.vendor, sandbox: sandbox as Sandbox<Vendor> });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { running, close };
}

/** The sandboxes as connections (`<vendor>-sandbox`), with the fields a connections file would give them. */
export function sandboxConnections(s: Sandboxes): LoadedConnection[] {
  return s.running.map(({ vendor, sandbox }) => {
    const name = `${vendor}-sandbox`;
    const entry = VENDORS[vendor]?.sandbox.entry(sandbox.credentials) ?? {};
    return { name, vendor, settings: { name, vendor, ...entry } };
  });
}
