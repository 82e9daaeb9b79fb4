import type { OrderPolicy } from './server/order.js';
import type { SANDBOX_VENDORS } from './vendors/registry.js';

/** Which vendor API a sandbox imitates: a name of the registry (`src/vendors/registry.ts`). */
export type Vendor = keyof typeof SANDBOX_VENDORS;

/** How many objects of each kind the generator derives. Users scale to 1,000,000 and beyond. */
export interface SandboxSize {
  /** Users (Hexnode: including the "Default User"). Default 250. */
  users?: number;
  /** User groups. Default 12. */
  groups?: number;
  /** Devices / systems. Default 100 (Hexnode's daily quota is 10 × this). */
  devices?: number;
  /** JumpCloud policies. Default 8. */
  policies?: number;
  /** JumpCloud SSO applications. Default 6. */
  apps?: number;
  /** JumpCloud administrators. Default 4. */
  admins?: number;
  /** JumpCloud Directory Insights events in the 30 days before the sandbox's epoch. Default 1500. */
  events?: number;
  /** JumpCloud organizations (more than 1 makes sense for multi-tenant credentials). Default 1. */
  orgs?: number;
}

/** One rate-limit window: at most `limit` requests per `intervalMs`. */
export interface LimitWindow {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds (scale it down for tests: 30 per 300 ms). */
  intervalMs: number;
}

/**
 * Rate limits, by window name. Each vendor reads its own names (its folder documents which); a
 * window set to `false` is off, a window left out keeps the vendor's documented default.
 *
 * - Hexnode: `perMinute` (default 30 / 60 s, sliding) and `daily` (default 10 × devices / 24 h).
 * - Kandji: `perSecond` (default 50 / 1 s) and `perHour` (default 10,000 / 1 h), fixed windows (Kong).
 * - JumpCloud: `perMinute` (no published numbers: off unless given), fixed window.
 */
export interface SandboxLimits {
  /** Hexnode (default 30 / 60 s) and JumpCloud (off by default). */
  perMinute?: LimitWindow | false;
  /** Hexnode's daily quota (default 10 × devices / 24 h). */
  daily?: LimitWindow | false;
  /** Kandji / Kong (default 50 / 1 s). */
  perSecond?: LimitWindow | false;
  /** Kandji / Kong (default 10,000 / 1 h). */
  perHour?: LimitWindow | false;
}

/** Delay added before every response: `fixedMs` plus a uniform random `[0, jitterMs)`. */
export interface SandboxLatency {
  /** Added to every response. */
  fixedMs?: number;
  /** Upper bound of a seeded random extra delay. */
  jitterMs?: number;
}

/** Time source for rate limits, tokens and latency; inject one to test without sleeping. */
export interface SandboxClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` (used for latency). */
  sleep(ms: number): Promise<void>;
}

/** Vendor quirks, all on by default. Turn one off to see a connector's behaviour without it. */
export interface SandboxQuirks {
  /** Hexnode: user id 1 is "Default User" with a null email and null phoneno. */
  defaultUser?: boolean;
  /** Hexnode: a path without its trailing slash answers 301 to the slashed path (Django APPEND_SLASH). */
  appendSlashRedirect?: boolean;
  /**
   * Hexnode: a 429 carries `Retry-After` (likely, but no source confirms it). With false, the wait
   * is only in the body's "Expected available in N seconds" sentence.
   */
  retryAfterHeader?: boolean;
  /** Kandji: the host name the users `next` link names, or false to use the API's own host. */
  nextHost?: string | false;
  /** JumpCloud: about one user in seven has no `mfa` / `mfaEnrollment` object. */
  missingMfa?: boolean;
  /** JumpCloud: without `sort`, rows come in storage order (changed rows move to the end). */
  naturalOrder?: boolean;
}

/**
 * A posture scenario: a tenant whose security settings are known exactly. `clean` has every
 * setting a posture check reads set to a compliant value; `misconfigured` is the clean tenant with
 * a documented list of flaws (`MISCONFIGURATIONS`). Both default to a small tenant (12 users).
 */
export type SandboxScenario = 'clean' | 'misconfigured';

/** Options of {@link startSandbox}. */
export interface SandboxOptions<V extends Vendor = Vendor> {
  /** Which API to imitate. */
  vendor: V;
  /** Same seed → same data. Default 1. */
  seed?: number;
  /**
   * Email domain of the generated people (JumpCloud: of the primary organization). Default: one
   * derived from the seed, different per vendor. Sandboxes of different vendors given the same
   * seed and domain model one company whose people are in several tools: user index `i` is the
   * same person, with the same email, everywhere.
   */
  emailDomain?: string;
  /** How much data to derive (see {@link SandboxSize} for the defaults). */
  size?: SandboxSize;
  /** Rate limits (see {@link SandboxLimits}); `false` turns every limit off. */
  limits?: SandboxLimits | false;
  /** Delay before every response; change it later with `control.setLatency`. */
  latency?: SandboxLatency;
  /** Port on 127.0.0.1; default 0 (a random free port). */
  port?: number;
  /** Vendor quirks to turn off (all on by default). */
  quirks?: SandboxQuirks;
  /** Time source; default the system clock. */
  clock?: SandboxClock;
  /**
   * Reference time (epoch ms) for time-relative data (Directory Insights events end here).
   * Default: the start of the current UTC hour.
   */
  epochMs?: number;
  /**
   * How the vendor treats a requested sort order (`order_by`, `sort`, `sort_by`): `honoured`
   * (default), `ignored` (the vendor's own default order whatever is asked: Hexnode's users
   * newest first, JumpCloud's storage order) or `reversed` (the opposite of what was asked).
   */
  order?: OrderPolicy;
  /**
   * A posture scenario (see {@link SandboxScenario}); default none: the generated data as is.
   * Its times (last contact, check-in, certificate expiry) are relative to `epochMs`.
   */
  scenario?: SandboxScenario;
}
