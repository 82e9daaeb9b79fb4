import { type Connector, RateLimitError } from '@org/connector-core';
import type { CollectEvent } from './events.js';

/**
 * Checks one connection's estimated cost against its budget and reports the estimate. Windows of
 * at least `longWindowMs` (daily quotas) must hold the whole read: the rate limiter paces short
 * windows, but a quota that runs out part way leaves the snapshot incomplete for hours.
 */
export function checkBudget(o: {
  connector: Connector;
  costs: Record<string, number>;
  policy: 'refuse' | 'warn' | 'ignore';
  longWindowMs: number;
  now: number;
  emit: (event: CollectEvent) => void;
}): void {
  const { connector } = o;
  const cost = Object.values(o.costs).reduce((a, b) => a + b, 0);
  const budget = connector.budget?.();
  o.emit({
    type: 'estimate',
    connection: connector.name,
    cost,
    resources: o.costs,
    windows: (budget?.windows ?? []).map((w) => ({
      name: w.name,
      limit: w.limit,
      remaining: w.remaining,
    })),
  });
  if (o.policy === 'ignore' || !budget) return;
  for (const w of budget.windows) {
    const long = (w.intervalMs ?? Number.POSITIVE_INFINITY) >= o.longWindowMs;
    if (!long || w.remaining >= cost) continue;
    if (o.policy === 'warn') {
      o.emit({
        type: 'budget-warning',
        connection: connector.name,
        window: w.name,
        remaining: w.remaining,
        cost,
        resetsAt: w.resetsAt,
      });
      continue;
    }
    throw new RateLimitError(
      `${connector.name}: reading the graph needs about ${cost} calls but the ${w.name} budget has ${w.remaining} left`,
      {
        vendor: connector.vendor,
        scope: 'quota',
        retryAfterMs: Math.max(0, w.resetsAt.getTime() - o.now),
      },
    );
  }
}
