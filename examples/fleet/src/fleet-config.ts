import { readFile } from 'node:fs/promises';
import * as v from 'valibot';

/**
 * One connection of the fleet. Credentials stay in this file (or your secret store): jobs in
 * Redis carry only the connection's name.
 */
const ConnectionSchema = v.object({
  /** Unique name: the key of its snapshot, lock and schedule. */
  name: v.pipe(v.string(), v.minLength(1)),
  /** Budget key: connections to one vendor tenant share its rate limit, across every worker. */
  tenant: v.pipe(v.string(), v.minLength(1)),
  /** Hexnode API key, portal and (for the sandbox) base URL. */
  apiKey: v.string(),
  portal: v.string(),
  baseUrl: v.optional(v.string()),
  /** Managed devices, so the connector knows its daily quota without a call. */
  managedDevices: v.optional(v.number()),
  /** Polling interval. */
  intervalMs: v.pipe(v.number(), v.minValue(1)),
  /** The tenant's short window (default Hexnode's 30 per minute); scaled down in tests. */
  perMinute: v.optional(v.object({ limit: v.number(), intervalMs: v.number() })),
  /** Users per request (default 100). */
  pageSize: v.optional(v.number()),
});

const FleetSchema = v.object({ connections: v.array(ConnectionSchema) });

/** One connection of the fleet. */
export type ConnectionSpec = v.InferOutput<typeof ConnectionSchema>;

/** Reads and validates the fleet file (`FLEET_CONFIG`). */
export async function loadFleet(path: string): Promise<Map<string, ConnectionSpec>> {
  const fleet = v.parse(FleetSchema, JSON.parse(await readFile(path, 'utf8')));
  return new Map(fleet.connections.map((c) => [c.name, c]));
}
