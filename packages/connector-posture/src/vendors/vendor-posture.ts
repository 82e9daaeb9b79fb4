import type { AnyPostureCheck } from '../model/check.js';

/**
 * What posture knows of one vendor: its built-in checks and the API call behind each resource the
 * graph reads for it (`users` → `GET /api/v1/users`), for a finding's evidence. One file per
 * vendor (`src/vendors/<vendor>.ts`), registered by one line in `src/vendors/registry.ts`.
 */
export interface VendorPosture {
  /** The vendor's checks, each with `vendor` set to the connector's `vendor`. */
  readonly checks: readonly AnyPostureCheck[];
  /** The API call of each resource, by the graph's resource name. */
  readonly apiPaths: Readonly<Record<string, string>>;
}
