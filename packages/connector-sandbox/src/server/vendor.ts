import type { FaultSpec } from '../control/faults.js';
import type { SandboxClock, SandboxLimits, SandboxQuirks, SandboxSize } from '../options.js';
import type { ScenarioPatches } from '../scenario/scenario.js';
import type { OrderPolicy } from './order.js';
import type { Reply, SandboxRequest } from './types.js';

/** Everything a vendor implementation needs to know about its sandbox. */
export interface VendorContext {
  seed: number;
  /** The people's email domain, when the caller chose one. */
  emailDomain: string | undefined;
  size: Required<SandboxSize>;
  limits: SandboxLimits | false;
  quirks: SandboxQuirks;
  /** How the vendor treats a requested sort order. */
  order: OrderPolicy;
  clock: SandboxClock;
  epochMs: number;
  /** The posture scenario's patches, when one was chosen. */
  scenario?: ScenarioPatches | undefined;
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
}

/** Options of `control.addCredential`. */
export interface AddCredentialOptions {
  /** Vendor permission names (JumpCloud: admin role names or scopes); `['*']` or omitted = all. */
  permissions?: string[];
  /** JumpCloud: a multi-tenant (MSP) administrator, who must send `x-org-id`. */
  multiTenant?: boolean;
}

/** A user reference returned by `control.addUsers`. */
export interface UserRef {
  /** Vendor id: Hexnode integer, Kandji UUID, JumpCloud ObjectId. */
  id: string | number;
  /** The user's email (Hexnode's may be null). */
  email: string | null;
}

/** One vendor's API behind a sandbox. */
export interface VendorRuntime<C> {
  readonly credentials: C;
  handle(req: SandboxRequest): Reply | Promise<Reply>;
  /** The vendor-shaped reply for an injected 429 / 5xx / HTML fault. */
  faultReply(spec: FaultSpec, req: SandboxRequest): Reply;
  addCredential(o: AddCredentialOptions): C;
  revokeCredential(secret: string): void;
  addUsers(n: number): UserRef[];
  /** Every current user, in index order. */
  users(): UserRef[];
  removeUsers(ids: ReadonlyArray<string | number>): void;
  updateUser(id: string | number, patch: Record<string, unknown>): void;
  setLimits(limits: SandboxLimits | false): void;
  /** JumpCloud: forget every OAuth token issued so far (as if they expired). */
  expireTokens?(): void;
}
