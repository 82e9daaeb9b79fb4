import type { RateLimitStore } from '@org/connector-core';
import { createHexnodeConnector, type HexnodeConnector } from '@org/connector-hexnode';
import type { ConnectionSpec } from './fleet-config.ts';

const HEXNODE_MINUTE = { limit: 30, intervalMs: 60_000 };

/**
 * Connectors of this worker process, one per connection, kept between jobs: each remembers what
 * it learned (user count, daily quota). Each connector's own limiter — Hexnode's windows, the
 * pacing its headers ask for, every 429 pause — keeps its counters in `store` (Redis) under the
 * tenant's key, so every worker polling one tenant shares one budget.
 */
export function createConnections(store: RateLimitStore) {
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
      rateLimitKey: `hexnode:${spec.tenant}`,
    });
    cache.set(key, connector);
    return connector;
  };
}
