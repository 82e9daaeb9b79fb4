import type { AnyPostureCheck, Framework } from '../model/check.js';
import type { CheckResult } from '../model/finding.js';

/** Check results tallied: `score` is the percentage passed of those evaluated (null if none). */
export interface Score {
  readonly passed: number;
  readonly failed: number;
  readonly notEvaluated: number;
  /** `round(100 × passed / (passed + failed))`; null when nothing was evaluated. */
  readonly score: number | null;
}

/** Scores of one framework, overall and per control. */
export interface FrameworkScore extends Score {
  readonly controls: Readonly<Record<string, Score>>;
}

/** Scores per connection (cross-vendor checks under `cross-vendor`), per framework, overall. */
export interface PostureScores {
  readonly overall: Score;
  readonly connections: Readonly<Record<string, Score>>;
  readonly frameworks: Readonly<Partial<Record<Framework, FrameworkScore>>>;
}

function tally(results: readonly CheckResult[]): Score {
  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.filter((r) => r.status === 'fail').length;
  const notEvaluated = results.length - passed - failed;
  const judged = passed + failed;
  return {
    passed,
    failed,
    notEvaluated,
    score: judged === 0 ? null : Math.round((100 * passed) / judged),
  };
}

function groupBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const list = out.get(key);
      if (list) list.push(item);
      else out.set(key, [item]);
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Tallies check results per connection, per framework (and control) and overall. */
export function scoreResults(
  results: readonly CheckResult[],
  checks: ReadonlyMap<string, AnyPostureCheck>,
): PostureScores {
  const byConnection = groupBy(results, (r) => [r.connection ?? 'cross-vendor']);
  const refs = (r: CheckResult) => checks.get(r.checkId)?.frameworks ?? [];
  const byFramework = groupBy(results, (r) => [...new Set(refs(r).map((f) => f.framework))]);
  const frameworks: Partial<Record<Framework, FrameworkScore>> = {};
  for (const [framework, list] of byFramework) {
    const byControl = groupBy(list, (r) =>
      refs(r)
        .filter((f) => f.framework === framework)
        .map((f) => f.control),
    );
    frameworks[framework as Framework] = {
      ...tally(list),
      controls: Object.fromEntries([...byControl].map(([c, l]) => [c, tally(l)])),
    };
  }
  return {
    overall: tally(results),
    connections: Object.fromEntries([...byConnection].map(([c, l]) => [c, tally(l)])),
    frameworks,
  };
}
