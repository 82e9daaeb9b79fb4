import type { RateLimitStore } from '@org/connector-core';
import { createRateLimiter } from '@org/connector-core/kit';
import { createHexnodeConnector, type HexnodeConnector } from '@org/connector-hexnode';
import type { ConnectionSpec } from './fleet-config.ts';
import { budgetedFetch } from './shared-budget.ts';

const HEXNODE_MINUTE = { limit: 30, intervalMs: 60_000 };

/**
 * Connectors of this worker process, one per connection, kept between jobs: each remembers what
 * it learned (user count, daily quota) and keeps its budget shared through `store`.
 */
export function createConnections(store: RateLimitStore) {
  // Keyed by the whole spec: a connection whose settings changed gets a new connector.
  const cache = new Map<string, HexnodeConnector>();
  return (spec: ConnectionSpec): HexnodeConnector => {
    const key = JSON.stringify(spec);
    let connector = cache.get(key);
    if (connector) return connector;
    const perMinute = spec.perMinute ?? HEXNODE_MINUTE;
    const shared = createRateLimiter({
      store,
      key: `hexnode:${spec.tenant}`,
      windows: [{ name: 'minute', ...perMinute }],
      maxWaitMs: 10 * perMinute.intervalMs,
    });
    connector = createHexnodeConnector({
      name: spec.name,
      apiKey: spec.apiKey,
      portal: spec.portal,
      baseUrl: spec.baseUrl,
      managedDevices: spec.managedDevices,
      pageSize: spec.pageSize,
      limits: { perMinute },
      // The wait for the shared budget happens inside fetch, so an attempt may wait that long.
      timeout: { perAttemptMs: 30_000 + 10 * perMinute.intervalMs },
      fetch: budgetedFetch(shared),
    });
    cache.set(key, connector);
    return connector;
  };
}
