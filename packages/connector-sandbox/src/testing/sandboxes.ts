import type {
  SandboxLimits,
  SandboxOptions,
  SandboxScenario,
  SandboxSize,
  Vendor,
} from '../options.js';
import { type Sandbox, startSandbox } from '../sandbox.js';

/** Options of {@link startSandboxes}: one company across the three vendors. */
export interface StartSandboxesOptions {
  /** Same seed → same data; user `i` is the same person in every vendor. Default 1. */
  seed?: number | undefined;
  /** The company's email domain, shared by the three. Default `acme.example`. */
  emailDomain?: string | undefined;
  /** Rate limits of all three (default `false`: off, so tests never wait them out). */
  limits?: SandboxLimits | false | undefined;
  /** Reference time of time-relative data. */
  epochMs?: number | undefined;
  /** A posture scenario for all three. */
  scenario?: SandboxScenario | undefined;
  /** Sizes per vendor (each defaults to the sandbox's, or the scenario's). */
  size?: { [V in Vendor]?: SandboxSize } | undefined;
}

/** Three running sandboxes of one company. */
export interface Sandboxes {
  /** The Hexnode sandbox. */
  hexnode: Sandbox<'hexnode'>;
  /** The Kandji sandbox. */
  kandji: Sandbox<'kandji'>;
  /** The JumpCloud sandbox. */
  jumpcloud: Sandbox<'jumpcloud'>;
  /** Every default credential's secrets: what nothing a test writes may hold. */
  secrets: string[];
  /** Stops all three. */
  close(): Promise<void>;
}

/**
 * Starts a Hexnode, a Kandji and a JumpCloud sandbox of one company (same seed and email domain:
 * user `i` is the same person everywhere), with rate limits off unless given.
 *
 * @example
 * ```ts
 * const tenant = await startSandboxes({ seed: 11, size: { kandji: { users: 4 } } });
 * await tenant.close();
 * ```
 *
 * @param o - Seed, domain, limits, scenario and sizes.
 */
export async function startSandboxes(o: StartSandboxesOptions = {}): Promise<Sandboxes> {
  const common = {
    seed: o.seed ?? 1,
    emailDomain: o.emailDomain ?? 'acme.example',
    limits: o.limits ?? false,
    ...(o.epochMs === undefined ? {} : { epochMs: o.epochMs }),
    ...(o.scenario === undefined ? {} : { scenario: o.scenario }),
  };
  const start = <V extends Vendor>(vendor: V) => {
    const size = o.size?.[vendor];
    return startSandbox({ vendor, ...common, ...(size ? { size } : {}) } as SandboxOptions<V>);
  };
  const [hexnode, kandji, jumpcloud] = await Promise.all([
    start('hexnode'),
    start('kandji'),
    start('jumpcloud'),
  ]);
  return {
    hexnode,
    kandji,
    jumpcloud,
    secrets: [
      hexnode.credentials.apiKey,
      kandji.credentials.apiToken,
      jumpcloud.credentials.apiKey,
      jumpcloud.credentials.oauthClient.clientSecret,
    ],
    close: async () => {
      await Promise.all([hexnode.close(), kandji.close(), jumpcloud.close()]);
    },
  };
}
