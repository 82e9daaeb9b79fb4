import type { FaultSpec } from '../control/faults.js';
import type { SandboxClock, SandboxLimits, SandboxQuirks, SandboxSize } from '../options.js';
import type { ScenarioPatches } from '../scenario/scenario.js';
import type { Direction, OrderLog, OrderPolicy } from './order.js';
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
  /** Where each list that applies {@link order} to a requested sort notes it. */
  orders: OrderLog;
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

/** A route a sandbox serves: its method and the request paths it answers. */
export interface SandboxRoute {
  /** `GET` (which answers `HEAD` too) or `POST`. */
  method: string;
  /** The request paths (query excluded) the route answers. */
  pattern: RegExp;
  /** A token endpoint: it issues credentials rather than serving data. */
  token?: boolean | undefined;
}

/** One vendor's API behind a sandbox. */
export interface VendorRuntime<C> {
  readonly credentials: C;
  /** Every route the vendor serves (its token endpoint included). */
  readonly routes: readonly SandboxRoute[];
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

/**
 * How a vendor's users list carries the next page, for faults that must rewrite it:
 *
 * - `body-link`: the next page's URL in a body field (Kandji's `next`); `param` is what in it
 *   moves the listing on (`cursor`).
 * - `link-header`: the next page's URL in the `Link` response header, `rel="next"` (RFC 8288;
 *   Okta), moved on by `param` (`after`).
 * - `cursor`: an opaque cursor in a body field, sent back as `param`.
 * - `offset`: an item offset the client counts (`skip`); pages say nothing.
 * - `page`: a page number the client counts (`page`); `link` names a body field that is null on
 *   the last page (Hexnode's `next`), when there is one.
 *
 * Besides: how a request asks for a page's size (`size`), and where a page states the list's
 * total (`total`), when it does. The hostile-paging faults rewrite pages from these alone.
 */
export type PagingFacts = (
  | { carried: 'body-link'; field: string; param: string }
  | { carried: 'link-header'; param: string }
  | { carried: 'cursor'; field: string; param: string }
  | { carried: 'offset'; param: string }
  | { carried: 'page'; param: string; link?: string | undefined }
) & {
  /** How many items a page holds. */
  size: PageSizeFacts;
  /** Where a page states the list's total; none when the list states none (a cursor list). */
  total?: TotalFacts | undefined;
};

/**
 * A page's size: the query parameter that asks for it (none when the vendor fixes it, as
 * Kandji's users list does) and what the vendor serves when the request names none.
 */
export interface PageSizeFacts {
  /** The query parameter (`per_page`, `limit`); none when the vendor fixes the size. */
  param?: string | undefined;
  /** Items a page holds when the request names no size. */
  default: number;
}

/** Where a page states the list's total: a body field (`count`), or a response header. */
export type TotalFacts = { field: string } | { header: string };

/** Where a credential travels: a header, and the scheme before it (`Bearer`, `SSWS`), if any. */
export interface CredentialCarrier {
  /** Lower-case header name, such as `authorization` or `x-api-key`. */
  header: string;
  /** The scheme before the credential, such as `SSWS`; none for a raw key. */
  scheme?: string | undefined;
}

/**
 * What a sandbox vendor declares about itself, once: the users list (its path, where the items,
 * a user's id and email sit, how the next page is carried), how credentials travel, which
 * permissions lack the users list, and what in a credential is secret. The conformance suite, its
 * faults and its canaries work from this alone.
 */
export interface VendorFacts<C> {
  /** The users list path (faults aim at it). */
  usersPath: RegExp;
  /** Dotted path of the users in a page body; `''` for a bare array. */
  items: string;
  /** Dotted path of a user's id within an item (`id`, `_id`). */
  id: string;
  /** Dotted path of a user's email within an item (`email`, `profile.email`). */
  email: string;
  /** How the next page is carried. */
  paging: PagingFacts;
  /**
   * How the users list takes a sort order, when it takes one: the query parameter (`order_by`,
   * `sort`; a value `-<field>` asks for descending) and the order it comes in when none is asked
   * (`natural`: Hexnode's newest first; none for a storage order, where changed rows move to the
   * end). A list that takes none (a cursor list in the vendor's own order) no `order` policy can
   * change.
   */
  sort?: { param: string; natural?: Direction | undefined } | undefined;
  /** Where credentials travel; every scheme is stripped to find the credential itself. */
  auth: readonly CredentialCarrier[];
  /** Permissions of a credential that works but may not list users. */
  withoutUsers: string[];
  /** The secrets of a credential. */
  secrets(credentials: C): string[];
}

/**
 * A vendor of the sandbox: one folder (`src/vendors/<vendor>/`) whose `index.ts` exports this,
 * registered by one line in `src/vendors/registry.ts`. The vendor union, `startSandbox`'s
 * factories, the credentials types and the `connector-sandbox` command all derive from the
 * registry.
 */
export interface SandboxVendor<C> {
  /** Vendor name as people write it (`Okta`). */
  readonly label: string;
  /** What the conformance suite and the faults need to know. */
  readonly facts: VendorFacts<C>;
  /** Starts the vendor's API behind a sandbox. */
  create(ctx: VendorContext): VendorRuntime<C>;
  /** What the `connector-sandbox` command prints for a running sandbox: settings and a first request. */
  banner(credentials: C, url: string): string[];
  /**
   * The flaws the vendor plants in the `misconfigured` posture scenario (and leaves out of `clean`),
   * by object kind and index, for `MISCONFIGURATIONS`: a vendor that reads `VendorContext.scenario`
   * itself declares them here, in its own folder.
   */
  readonly misconfigurations?: Misconfigurations | undefined;
}

/**
 * A vendor's scenario flaws: by object kind, one sentence per object index or named setting, or one
 * for the whole kind.
 */
export type Misconfigurations = Readonly<
  Record<string, string | Readonly<Record<string | number, string>>>
>;

/**
 * Credentials with a vendor's OAuth client beside them (JumpCloud's service account, Okta's service
 * app) as a non-enumerable `oauthClient`: `sandbox.credentials.oauthClient` reads it, while the
 * credentials still pass straight (or spread) to the vendor's factory, which refuses option names
 * it does not know.
 */
export function withOAuthClient<C extends object, O>(
  credentials: C,
  oauthClient: O,
): C & { readonly oauthClient: O } {
  return Object.defineProperty(credentials, 'oauthClient', {
    value: oauthClient,
    enumerable: false,
  }) as C & { readonly oauthClient: O };
}

/** Declares a sandbox vendor (identity function that fixes the credentials type). */
export function defineSandboxVendor<C>(vendor: SandboxVendor<C>): SandboxVendor<C> {
  return vendor;
}
