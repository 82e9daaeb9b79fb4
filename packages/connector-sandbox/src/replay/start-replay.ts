import type { SandboxClock, SandboxLatency, SandboxLimits, Vendor } from '../options.js';
import { type Recording, readRecording } from '../record/format.js';
import { type CredentialsByVendor, launch, type Sandbox } from '../sandbox.js';
import type { OrderPolicy } from '../server/order.js';
import type { SandboxVendor } from '../server/vendor.js';
import { SANDBOX_VENDORS } from '../vendors/registry.js';
import { replayRuntime } from './runtime.js';

/** Options of {@link startReplay}. */
export interface ReplayOptions {
  /** Port on 127.0.0.1; default 0 (a random free port). */
  port?: number | undefined;
  /**
   * Seed of what the replay makes itself: its credentials and, for JumpCloud, its organization
   * id (the `orgId` its credentials carry). Default 1; a recording of a sandbox replays with that
   * sandbox's organization id given that sandbox's seed.
   */
  seed?: number | undefined;
  /** Time source of the vendor's limits and tokens; default the system clock. */
  clock?: SandboxClock | undefined;
  /** Delay before every response. */
  latency?: SandboxLatency | undefined;
  /** The vendor's rate limits (see `SandboxLimits`); default `false`: a replay answers at once. */
  limits?: SandboxLimits | false | undefined;
  /** How a requested sort order of the users list is treated (default `honoured`). */
  order?: OrderPolicy | undefined;
  /**
   * At least this many users: when the recording holds fewer, copies of recorded users (new
   * ids and emails) make up the rest, so tests that need several pages get them.
   */
  users?: number | undefined;
}

/**
 * Serves a recording (see `createRecorder` and `connector-kit record`) on 127.0.0.1 as a sandbox
 * of its vendor: the same `Sandbox` (URL, credentials to pass to the vendor's connector, control
 * API, faults, counters), answering with the recorded tenant's data instead of generated data.
 * The users list is served again with the vendor's own paging (any page size, position or
 * cursor, the sort asked for, users added and removed through `control`); every other request
 * gets what was recorded for the same request, links pointing at the replay. The vendor's
 * sandbox checks credentials, permissions and limits in front of it, and shapes faults, so
 * tests, the conformance suite and the CLI run over a real tenant's shapes.
 *
 * @param recording - The recording, its JSON text or its parsed value.
 * @throws TypeError when it is no recording, or of a vendor the sandbox does not have.
 */
export async function startReplay<V extends Vendor = Vendor>(
  recording: Recording | string | unknown,
  o: ReplayOptions = {},
): Promise<Sandbox<V>> {
  const r = readRecording(recording);
  const vendor = r.log._connectorKit.vendor as V;
  if (!Object.hasOwn(SANDBOX_VENDORS, vendor))
    throw new TypeError(`a recording of ${vendor}, which the sandbox cannot replay`);
  const definition = SANDBOX_VENDORS[vendor] as unknown as SandboxVendor<CredentialsByVendor[V]>;
  const sandbox = await launch(
    {
      vendor,
      limits: o.limits ?? false,
      ...(o.port === undefined ? {} : { port: o.port }),
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.latency ? { latency: o.latency } : {}),
      ...(o.order ? { order: o.order } : {}),
    },
    definition,
    (ctx) => replayRuntime(r, definition, ctx),
  );
  const have = sandbox.control.users().length;
  if (o.users !== undefined && have < o.users) sandbox.control.addUsers(o.users - have);
  return sandbox;
}
