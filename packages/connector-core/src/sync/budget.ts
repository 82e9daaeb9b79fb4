import type { BudgetSnapshot } from '../model/connector.js';

const NAMED_WINDOWS: Array<[RegExp, number]> = [
  [/^(s|sec|second|seconds|per[-_ ]?second)$/i, 1_000],
  [/^(m|min|minute|minutes|per[-_ ]?minute)$/i, 60_000],
  [/^(h|hr|hour|hours|hourly|per[-_ ]?hour)$/i, 3_600_000],
  [/^(d|day|days|daily|per[-_ ]?day)$/i, 86_400_000],
];

/** Length of a budget window: its `intervalMs` when the snapshot carries one, else from its name. */
function windowLength(window: BudgetSnapshot['windows'][number]): number | undefined {
  const declared = (window as { intervalMs?: unknown }).intervalMs;
  if (typeof declared === 'number' && declared > 0) return declared;
  for (const [pattern, ms] of NAMED_WINDOWS) if (pattern.test(window.name.trim())) return ms;
  return undefined;
}

/** How one budget window fares under a polling plan. */
export interface WindowAssessment {
  /** Name of the window, such as `day`. */
  name: string;
  /** Calls the window allows. */
  limit: number;
  /** Length of the window. */
  windowMs: number;
  /** Calls polling would make per window on average. */
  callsPerWindow: number;
  /** `callsPerWindow / limit`: above 1 the window cannot sustain the plan. */
  utilization: number;
  /** Shortest interval this window sustains. */
  minIntervalMs: number;
}

/** Whether a connection's rate budget can sustain polling at an interval. */
export interface BudgetAssessment {
  /** True when every window can sustain one run per interval. */
  sustainable: boolean;
  /** Calls one full run costs (the connector's estimate). */
  costPerRun: number;
  /** The interval assessed. */
  intervalMs: number;
  /** Shortest interval every known window sustains. */
  minIntervalMs: number;
  /** Highest utilization over the windows (0 when no window is known). */
  utilization: number;
  /** One entry per window whose length is known; windows of unknown length are left out. */
  windows: WindowAssessment[];
}

/**
 * Checks whether polling every `intervalMs`, each run costing `costPerRun` calls, fits a budget.
 *
 * A window of `limit` calls per `windowMs` sustains at most `limit / windowMs` calls per
 * millisecond; polling needs `costPerRun / intervalMs`. The same rule covers both cases that
 * matter: a daily quota (Hexnode's 10 calls per device per day) that runs every interval would
 * exhaust, and a per-minute limit that stretches one run beyond the interval.
 *
 * A window's length comes from its `intervalMs` when the budget carries one, else from its name
 * (`second`, `minute`, `hour`, `day`).
 */
export function assessPollingBudget(o: {
  costPerRun: number;
  intervalMs: number;
  budget: BudgetSnapshot;
}): BudgetAssessment {
  const windows: WindowAssessment[] = [];
  for (const w of o.budget.windows) {
    const windowMs = windowLength(w);
    if (windowMs === undefined || !(w.limit > 0)) continue;
    const callsPerWindow = (o.costPerRun * windowMs) / o.intervalMs;
    windows.push({
      name: w.name,
      limit: w.limit,
      windowMs,
      callsPerWindow,
      utilization: callsPerWindow / w.limit,
      minIntervalMs: Math.ceil((o.costPerRun * windowMs) / w.limit),
    });
  }
  const utilization = Math.max(0, ...windows.map((w) => w.utilization));
  return {
    sustainable: utilization <= 1,
    costPerRun: o.costPerRun,
    intervalMs: o.intervalMs,
    minIntervalMs: Math.max(0, ...windows.map((w) => w.minIntervalMs)),
    utilization,
    windows,
  };
}

/**
 * When a run of `costPerRun` calls should wait for a budget window to reset first: the latest
 * `resetsAt` among windows that could hold a whole run but have fewer calls left. `undefined` when
 * no window is in the way.
 */
export function budgetReadyAt(budget: BudgetSnapshot, costPerRun: number): number | undefined {
  let ready: number | undefined;
  for (const w of budget.windows) {
    if (w.limit >= costPerRun && w.remaining < costPerRun) {
      const at = w.resetsAt.getTime();
      if (ready === undefined || at > ready) ready = at;
    }
  }
  const paused = budget.pausedUntil?.getTime();
  if (paused !== undefined && (ready === undefined || paused > ready)) ready = paused;
  return ready;
}
