import type {
  SandboxLimits,
  SandboxOptions,
  SandboxScenario,
  SandboxSize,
  Vendor,
} from '../options.js';
import {
  type CredentialsByVendor,
  SANDBOX_VENDOR_NAMES,
  type Sandbox,
  startSandbox,
} from '../sandbox.js';
import type { SandboxVendor } from '../server/vendor.js';
import { SANDBOX_VENDORS } from '../vendors/registry.js';

/** Options of {@link startSandboxes}: one company across the vendors. */
export interface StartSandboxesOptions<V extends Vendor = Vendor> {
  /** The vendors to start (default every vendor of the sandbox's registry). */
  vendors?: readonly V[] | undefined;
  /** Same seed → same data; user `i` is the same person in every vendor. Default 1. */
  seed?: number | undefined;
  /** The company's email domain, shared by all. Default `acme.example`. */
  emailDomain?: string | undefined;
  /** Rate limits of all (default `false`: off, so tests never wait them out). */
  limits?: SandboxLimits | false | undefined;
  /** Reference time of time-relative data. */
  epochMs?: number | undefined;
  /** A posture scenario for all. */
  scenario?: SandboxScenario | undefined;
  /** Sizes per vendor (each defaults to the sandbox's, or the scenario's). */
  size?: { [K in Vendor]?: SandboxSize } | undefined;
}

/** Running sandboxes of one company, by vendor. */
export type Sandboxes<V extends Vendor = Vendor> = { [K in V]: Sandbox<K> } & {
  /** Every default credential's secrets: what nothing a test writes may hold. */
  secrets: string[];
  /** Stops them all. */
  close(): Promise<void>;
};

/**
 * Starts a sandbox of every vendor (or of `vendors`) for one company (same seed and email domain:
 * user `i` is the same person everywhere), with rate limits off unless given.
 *
 * @example
 * ```ts
 * const tenant = await startSandboxes({ seed: 11, size: { kandji: { users: 4 } } });
 * await tenant.close();
 * ```
 *
 * @param o - Vendors, seed, domain, limits, scenario and sizes.
 */
export async function startSandboxes<V extends Vendor = Vendor>(
  o: StartSandboxesOptions<V> = {},
): Promise<Sandboxes<V>> {
  const common = {
    seed: o.seed ?? 1,
    emailDomain: o.emailDomain ?? 'acme.example',
    limits: o.limits ?? false,
    ...(o.epochMs === undefined ? {} : { epochMs: o.epochMs }),
    ...(o.scenario === undefined ? {} : { scenario: o.scenario }),
  };
  const vendors = (o.vendors ?? SANDBOX_VENDOR_NAMES) as readonly V[];
  const started = await Promise.allSettled(
    vendors.map((vendor) => {
      const size = o.size?.[vendor];
      return startSandbox({ vendor, ...common, ...(size ? { size } : {}) } as SandboxOptions<V>);
    }),
  );
  const running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const close = async () => {
    await Promise.all(running.map((s) => s.close()));
  };
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const out: Record<string, unknown> = { close };
  const secrets: string[] = [];
  for (const sandbox of running) {
    out[sandbox.vendor] = sandbox;
    const facts = (SANDBOX_VENDORS[sandbox.vendor] as SandboxVendor<CredentialsByVendor[V]>).facts;
    secrets.push(...facts.secrets(sandbox.credentials as CredentialsByVendor[V]));
  }
  out.secrets = secrets;
  return out as Sandboxes<V>;
}
