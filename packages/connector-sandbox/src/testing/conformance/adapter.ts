import type { Connector, TransportOptions } from '@org/connector-core';
import type { SandboxOptions, Vendor } from '../../options.js';
import type { Recording } from '../../record/format.js';
import type { CredentialsByVendor } from '../../sandbox.js';

/**
 * The generic options a conformance case builds a connector with: the transport settings every
 * connector accepts, plus the list settings every connector names alike.
 */
export interface ConformanceOptions extends TransportOptions {
  /** Items per list request, where the vendor lets the client choose. */
  pageSize?: number | undefined;
  /** Requests in flight at once. */
  concurrency?: number | undefined;
}

/**
 * What a connector's tests give {@link conformanceCases}: the vendor, and how to build the
 * vendor's connector from a sandbox credential and generic options. A few lines per connector:
 *
 * @example
 * ```ts
 * const adapter: ConformanceAdapter<'kandji'> = {
 *   vendor: 'kandji',
 *   connect: (credentials, options) => createKandjiConnector({ ...credentials, ...options }),
 * };
 * ```
 */
export interface ConformanceAdapter<V extends Vendor = Vendor> {
  /** The vendor whose sandbox the cases start. */
  vendor: V;
  /**
   * Builds a connector from `credentials` (the sandbox's default credential, or one a case issued
   * or revoked) and `options`. Pass every option through: the cases depend on it.
   */
  connect(credentials: CredentialsByVendor[V], options: ConformanceOptions): Connector;
  /**
   * The secrets of a credential, which nothing observable may hold a piece of. Default: the
   * vendor's key, token or client secret. Values the connector sends in `Authorization` or
   * `x-api-key` (OAuth access tokens) count as secrets too, always.
   */
  secrets?(credentials: CredentialsByVendor[V]): string[];
  /** Extra sandbox options (quirks, seed) for every case; sizes and clock are the cases' own. */
  sandbox?: Omit<SandboxOptions<V>, 'vendor' | 'clock' | 'size'> | undefined;
  /**
   * A recording of the vendor (`createRecorder`, `connector-kit record`) to run every case over
   * instead of generated data: each case starts `startReplay(replay)`, with as many users as it
   * needs (copies of recorded ones making up the rest).
   */
  replay?: Recording | undefined;
}
