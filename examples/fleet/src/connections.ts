import type { RateLimitStore } from '@org/connector-core';
import type { Telemetry } from '@org/connector-core/otel';
import { createHexnodeConnector, type HexnodeConnector } from '@org/connector-hexnode';
import type { RedisRateLimitStore } from '@org/connector-redis';
import type { ConnectionSpec } from './fleet-config.ts';

const HEXNODE_MINUTE = { limit: 30, intervalMs: 60_000 };

/** The shared budget key of a tenant (every worker's limiter for it uses this key). */
const budgetKey = (spec: ConnectionSpec) => `hexnode:${spec.tenant}`;

/**
 * How long a run of `spec` would wait for its tenant's shared budget before its first call: 0
 * while the tenant's window has a slot, else until its oldest call leaves the window. One command.
 */
export async function budgetWait(
  store: Pick<RedisRateLimitStore, 'usage'>,
  spec: ConnectionSpec,
  now = Date.now(),
): Promise<number> {
  const { limit, intervalMs } = spec.perMinute ?? HEXNODE_MINUTE;
  const [usage] = await store.usage([{ key: `${budgetKey(spec)}:minute`, limit, intervalMs }], now);
  return usage && usage.used >= limit ? Math.max(0, usage.resetsAt - now) : 0;
}

/**
 * Connectors of this worker process, one per connection, kept between jobs: each remembers what
 * it learned (user count, daily quota). Each connector's own limiter — Hexnode's windows, the
 * pacing its headers ask for, every 429 pause — keeps its counters in `store` (Redis) under the
 * tenant's key, so every worker polling one tenant shares one budget.
 */
export function createConnections(
  store: RateLimitStore,
  telemetryFor?: (spec: ConnectionSpec) => Pick<Telemetry, 'onConnectorEvent'>,
) {
  // Keyed by the whole spec: a connection whose settings changed gets a new connector.
  const cache = new Map<string, HexnodeConnector>();
  return (spec: ConnectionSpec): HexnodeConnector => {
    const key = JSON.stringify(spec);
    let connector = cache.get(key);
    if (connector) return connector;
    const perMinute = spec.perMinute ?? HEXNODE_MINUTE;
    connector = createHexnodeConnector({
      name: spec.name,
      apiKey: spec.apiKey,
      portal: spec.portal,
      baseUrl: spec.baseUrl,
      managedDevices: spec.managedDevices,
      pageSize: spec.pageSize,
      limits: { perMinute, maxWaitMs: 10 * perMinute.intervalMs },
      rateLimitStore: store,
      // Connections naming one tenant share its budget, whatever their settings.
      rateLimitKey: budgetKey(spec),
      onEvent: telemetryFor?.(spec).onConnectorEvent,
    });
    cache.set(key, connector);
    return connector;
  };
}
