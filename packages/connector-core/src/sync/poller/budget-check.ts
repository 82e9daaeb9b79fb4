import { ConfigError } from '../../errors/errors.js';
import { formatDuration } from '../../internal/format-duration.js';
import type { Connector } from '../../model/connector.js';
import { assessPollingBudget, type BudgetAssessment, budgetReadyAt } from '../budget.js';
import type { PollerEvent } from '../events.js';

/** The poller's view of whether its interval fits the connector's rate budget. */
export interface BudgetCheck {
  /** The latest assessment, once the connector could be assessed. */
  readonly assessment: BudgetAssessment | undefined;
  /**
   * Assesses the interval. Returns the `ConfigError` to refuse with (policy `refuse`); sends a
   * `budget-warning` when the level worsens (policy `warn`, or near the limit), not on every run.
   */
  check(): Promise<ConfigError | undefined>;
  /** When a run due at `at` should wait for a budget window to reset instead; `undefined` if not. */
  deferUntil(at: number): number | undefined;
}

/** Options of {@link createBudgetCheck}. */
export interface BudgetCheckOptions {
  connector: Connector;
  connection: string;
  intervalMs: number;
  policy: 'refuse' | 'warn' | 'ignore';
  warnAt: number;
  signal: AbortSignal;
  emit: (event: PollerEvent) => void;
}

/** Creates the {@link BudgetCheck} of one poller. */
export function createBudgetCheck(o: BudgetCheckOptions): BudgetCheck {
  const { connector, connection, intervalMs } = o;
  let costPerRun: number | undefined;
  let assessment: BudgetAssessment | undefined;
  let warned: 'none' | 'high' | 'over' = 'none';

  return {
    get assessment() {
      return assessment;
    },
    async check() {
      if (o.policy === 'ignore' || !connector.estimateSyncCost || !connector.budget)
        return undefined;
      // Estimate first: it may be the call that teaches the connector its real limits.
      const cost = await connector.estimateSyncCost({ signal: o.signal });
      if (cost === undefined || !(cost > 0)) return undefined;
      costPerRun = cost;
      const a = assessPollingBudget({ costPerRun: cost, intervalMs, budget: connector.budget() });
      assessment = a;
      const worst = a.windows.reduce<(typeof a.windows)[number] | undefined>(
        (w, x) => (w && w.utilization >= x.utilization ? w : x),
        undefined,
      );
      if (!worst) return undefined;
      const needs = `a run costs about ${cost} call${cost === 1 ? '' : 's'}, so polling ${connection} every ${formatDuration(intervalMs)} needs ${Math.ceil(worst.callsPerWindow)} calls per ${worst.name} window where the budget allows ${worst.limit}`;
      if (!a.sustainable) {
        const message = `${needs}; poll at most every ${formatDuration(a.minIntervalMs)}`;
        if (o.policy === 'refuse') {
          return new ConfigError(`${message[0]?.toUpperCase()}${message.slice(1)}`, {
            vendor: connector.vendor,
          });
        }
        if (warned !== 'over')
          o.emit({ type: 'budget-warning', connection, message, assessment: a });
        warned = 'over';
      } else if (a.utilization > o.warnAt) {
        const message = `${needs} (${Math.round(a.utilization * 100)}%), leaving little for other calls`;
        if (warned === 'none')
          o.emit({ type: 'budget-warning', connection, message, assessment: a });
        warned = 'high';
      } else {
        warned = 'none';
      }
      return undefined;
    },
    deferUntil(at) {
      if (costPerRun === undefined || !connector.budget) return undefined;
      try {
        const ready = budgetReadyAt(connector.budget(), costPerRun);
        return ready !== undefined && ready > at ? ready : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
