import { Counters, type SandboxCounters } from './control/counters.js';
import { type FaultReport, type FaultSpec, Faults } from './control/faults.js';
import { Stream, sequence } from './data/random.js';
import type {
  SandboxClock,
  SandboxLatency,
  SandboxLimits,
  SandboxOptions,
  SandboxSize,
  Vendor,
} from './options.js';
import { SCENARIO_SIZE, scenarioPatches } from './scenario/scenario.js';
import { listen } from './server/http-server.js';
import { OrderLog, type OrderReport } from './server/order.js';
import type {
  AddCredentialOptions,
  SandboxRoute,
  SandboxVendor,
  UserRef,
  VendorContext,
  VendorRuntime,
} from './server/vendor.js';
import { type CredentialsOf, SANDBOX_VENDORS } from './vendors/registry.js';

/**
 * The credentials type of each vendor's sandbox, as its folder declares it: they pass straight to
 * the vendor's `create<Vendor>Connector`.
 */
export type CredentialsByVendor = {
  [V in Vendor]: CredentialsOf<(typeof SANDBOX_VENDORS)[V]>;
};

/** Every vendor the sandbox imitates, in registry order. */
export const SANDBOX_VENDOR_NAMES = Object.keys(SANDBOX_VENDORS) as Vendor[];

/** Drives a running sandbox from a test, demo or benchmark. */
export interface SandboxControl<C = CredentialsByVendor[Vendor]> {
  /** Issues another credential, limited to `permissions` (vendor names; default all). */
  addCredential(o?: AddCredentialOptions): C;
  /** Revokes an API key / token / client secret: later requests with it get 401. */
  revokeCredential(secret: string): void;
  /** Appends `n` derived users (ids after the base ones); returns their ids and emails. */
  addUsers(n: number): UserRef[];
  /**
   * Every current user's id and email, in the vendor's id order, mutations included: the truth a
   * test compares a listing with. It derives every user, so keep it to small tenants.
   */
  users(): UserRef[];
  /** Removes users by id (unknown ids are ignored). */
  removeUsers(ids: Array<string | number>): void;
  /** Changes fields of one user; throws when the id does not exist. */
  updateUser(id: string | number, patch: Record<string, unknown>): void;
  /** Schedules a fault (see {@link FaultSpec}). */
  fault(f: FaultSpec): void;
  /** Drops every pending fault. */
  clearFaults(): void;
  /** Replaces the latency added to every response. */
  setLatency(l: SandboxLatency): void;
  /** Replaces the rate limits (unnamed windows return to the vendor's defaults; `false` = off). */
  setLimits(l: SandboxLimits | false): void;
  /** Invalidates every OAuth access token issued so far (clients must fetch a new one). */
  expireTokens(): void;
  /**
   * Every fault scheduled since the last `clearFaults`, with how many requests it was taken for
   * and how many it could be applied to: a fault taken but never applied (a `drift` renaming a
   * field no item has, an `endless-pages` on a list that says nothing about a next page) tested
   * nothing.
   */
  faultReport(): FaultReport[];
  /**
   * Every path a request asked to sort, with how many such requests the `order` policy served in
   * another order than asked: an `ignored` or `reversed` policy that overrode nothing tested
   * nothing.
   */
  orderReport(): OrderReport[];
  /** Every route the sandbox serves, its token endpoint included: what a spec check must cover. */
  routes(): SandboxRoute[];
  /** What the sandbox has served. */
  counters(): SandboxCounters;
  /** Zeroes the counters. */
  resetCounters(): void;
}

/** A running sandbox. */
export interface Sandbox<V extends Vendor = Vendor> {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** The vendor this sandbox imitates. */
  vendor: V;
  /** The default credential: every permission, single tenant. */
  credentials: CredentialsByVendor[V];
  /** Test-side controls: credentials, mutations, faults, latency, limits, counters. */
  control: SandboxControl<CredentialsByVendor[V]>;
  /** Stops the server, ending hung requests and open connections. */
  close(): Promise<void>;
}

const DEFAULT_SIZE: Required<SandboxSize> = {
  users: 250,
  groups: 12,
  devices: 100,
  policies: 8,
  apps: 6,
  admins: 4,
  events: 1500,
  orgs: 1,
};

const systemClock: SandboxClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Starts a local imitation of a vendor API on 127.0.0.1 (a random port unless `port` is given).
 * Several sandboxes can run in one process; each has its own data, limits, faults and counters.
 *
 * @example
 * ```ts
 * const sb = await startSandbox({ vendor: 'jumpcloud', size: { users: 5000 } });
 * const res = await fetch(`${sb.url}/api/systemusers?limit=100&sort=_id`, {
 *   headers: { 'x-api-key': sb.credentials.apiKey },
 * });
 * await sb.close();
 * ```
 */
export async function startSandbox<V extends Vendor>(o: SandboxOptions<V>): Promise<Sandbox<V>> {
  if (!Object.hasOwn(SANDBOX_VENDORS, o.vendor))
    throw new TypeError(`unknown vendor: ${String(o.vendor)}`);
  const definition = SANDBOX_VENDORS[o.vendor] as unknown as SandboxVendor<CredentialsByVendor[V]>;
  return launch(o, definition, (ctx) => definition.create(ctx));
}

/**
 * Serves a vendor runtime `create` makes (the vendor's own, or a replay of a recording) behind
 * the sandbox's HTTP pipeline: faults, latency, counters and the control API.
 */
export async function launch<V extends Vendor>(
  o: SandboxOptions<V>,
  definition: SandboxVendor<CredentialsByVendor[V]>,
  create: (ctx: VendorContext) => VendorRuntime<CredentialsByVendor[V]>,
): Promise<Sandbox<V>> {
  const seed = o.seed ?? 1;
  if (o.scenario !== undefined && !Object.hasOwn(SCENARIO_SIZE, o.scenario))
    throw new TypeError(`unknown scenario: ${String(o.scenario)}`);
  if (o.order !== undefined && !['honoured', 'ignored', 'reversed'].includes(o.order))
    throw new TypeError(`unknown order policy: ${String(o.order)}`);
  const size: Required<SandboxSize> = {
    ...DEFAULT_SIZE,
    ...(o.scenario ? SCENARIO_SIZE[o.scenario] : {}),
    ...o.size,
  };
  for (const [k, v] of Object.entries(size)) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`size.${k} must be a non-negative integer`);
  }
  const clock = o.clock ?? systemClock;
  const counters = new Counters();
  const faults = new Faults(sequence(seed, Stream.fault));
  let latency: SandboxLatency = { ...o.latency };
  let vendor: VendorRuntime<CredentialsByVendor[V]> | undefined;
  const notReady = () => {
    throw new Error('sandbox is starting');
  };

  const server = await listen(o.port ?? 0, {
    counters,
    faults,
    clock,
    latency: () => latency,
    random: sequence(seed, Stream.latency),
    handle: (req) => (vendor ?? notReady()).handle(req),
    faultReply: (spec, req) => (vendor ?? notReady()).faultReply(spec, req),
    facts: definition.facts,
  });
  const url = `http://127.0.0.1:${server.port}`;
  const orders = new OrderLog(o.order ?? 'honoured');
  const hour = 3_600_000;
  const epochMs = o.epochMs ?? Math.floor(clock.now() / hour) * hour;
  const ctx: VendorContext = {
    seed,
    emailDomain: o.emailDomain,
    size,
    limits: o.limits ?? {},
    quirks: o.quirks ?? {},
    order: orders.policy,
    orders,
    clock,
    epochMs,
    scenario: o.scenario ? scenarioPatches(o.scenario, epochMs) : undefined,
    url,
    port: server.port,
  };
  const runtime = create(ctx);
  vendor = runtime;

  return {
    url,
    vendor: o.vendor,
    credentials: runtime.credentials,
    control: {
      addCredential: (c) => runtime.addCredential(c ?? {}),
      revokeCredential: (s) => runtime.revokeCredential(s),
      addUsers: (n) => {
        if (!Number.isInteger(n) || n < 0)
          throw new RangeError('addUsers: n must be a non-negative integer');
        return runtime.addUsers(n);
      },
      users: () => runtime.users(),
      removeUsers: (ids) => runtime.removeUsers(ids),
      updateUser: (id, patch) => runtime.updateUser(id, patch),
      fault: (f) => faults.add(f),
      clearFaults: () => faults.clear(),
      faultReport: () => faults.report(),
      orderReport: () => orders.report(),
      routes: () => [...runtime.routes],
      setLatency: (l) => {
        latency = { ...l };
      },
      setLimits: (l) => runtime.setLimits(l),
      expireTokens: () => runtime.expireTokens?.(),
      counters: () => counters.snapshot(),
      resetCounters: () => counters.reset(),
    },
    close: () => server.close(),
  };
}
