import type { BudgetSnapshot } from '../../model/connector.js';

/**
 * How long `requests` more calls take under a budget: for each window, the calls beyond what is
 * left in it wait for it to refill, `limit` per `intervalMs`, from its reset; the slowest window
 * decides. 0 when every window holds them; `undefined` when no window tells its length.
 */
export function etaOf(requests: number, budget: BudgetSnapshot, now: number): number | undefined {
  let eta: number | undefined;
  for (const w of budget.windows) {
    if (!(w.intervalMs && w.intervalMs > 0 && w.limit > 0)) continue;
    const beyond = requests - w.remaining;
    const wait =
      beyond <= 0
        ? 0
        : Math.max(0, w.resetsAt.getTime() - now) +
          (Math.ceil(beyond / w.limit) - 1) * w.intervalMs;
    eta = Math.max(eta ?? 0, wait);
  }
  return eta;
}
