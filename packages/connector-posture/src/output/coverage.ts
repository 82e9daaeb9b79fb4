import type { GraphSnapshot } from '@org/connector-graph';
import { defaultChecks } from '../checks/index.js';
import { checkInput, indexSnapshot, scopesOf } from '../evaluate/input.js';
import { type PostureOptions, runPosture } from '../evaluate/run-posture.js';
import type { AnyPostureCheck } from '../model/check.js';

/** How one check judged one connection's subjects: how many pass, how many fail. */
export interface CoverageRow {
  /** The coverage measured (`mfa`, `encryption`, `stale`). */
  readonly metric: string;
  readonly checkId: string;
  readonly connection: string;
  /** What the row counts: `users`, `administrators`, `devices`... (the subjects' kind). */
  readonly subjects: string;
  /** Subjects the check passes. */
  readonly passed: number;
  /** Subjects with a finding, suppressed ones included (an accepted risk is still a fact). */
  readonly failed: number;
}

/** What the checks of each metric found, for charts and tables. */
export interface PostureCoverage {
  /** One row per check and connection the check could judge. */
  readonly rows: readonly CoverageRow[];
  /** Per metric, the verdict on each subject (`_key` → pass or fail). */
  readonly verdicts: Readonly<Record<string, ReadonlyMap<string, 'pass' | 'fail'>>>;
  /** Checks of a metric that could not be judged on a connection, with why. */
  readonly notEvaluated: readonly { checkId: string; connection?: string; reason: string }[];
}

const plural = (kind: string) => (kind === 'administrator' ? 'administrators' : `${kind}s`);

/**
 * Coverage counted by the checks themselves: for each check that has a `metric` and `subjects`
 * (MFA of users and administrators, disk encryption, stale devices), the subjects it passes and
 * the ones it has a finding on, per connection. Charts and tables drawn from it agree with the
 * findings by construction: one evaluation, not a second reading of vendor fields. Takes the
 * options a posture run takes (`checks`, `checkOptions`, `now`).
 */
export function postureCoverage(
  snapshot: GraphSnapshot,
  options: PostureOptions = {},
): PostureCoverage {
  const checks = (options.checks ?? defaultChecks).filter(
    (c): c is AnyPostureCheck => c.metric !== undefined && c.subjects !== undefined,
  );
  const report = runPosture(snapshot, { ...options, checks, suppressions: [] });
  const now = options.now ?? snapshot.takenAt;
  const failing = new Set(report.findings.map((f) => f.id));
  const blocked = new Set(report.notEvaluated.map((n) => `${n.checkId}@${n.connection ?? ''}`));
  const index = indexSnapshot(snapshot);
  const rows: CoverageRow[] = [];
  const verdicts: Record<string, Map<string, 'pass' | 'fail'>> = {};
  for (const check of checks) {
    const metric = check.metric as string;
    const verdict = verdicts[metric] ?? new Map<string, 'pass' | 'fail'>();
    verdicts[metric] = verdict;
    for (const connection of scopesOf(check, snapshot)) {
      if (connection === undefined || blocked.has(`${check.id}@${connection}`)) continue;
      const input = checkInput(index, check, connection, now, options.checkOptions?.[check.id]);
      const subjects = check.subjects?.(input) ?? [];
      let failed = 0;
      for (const s of subjects) {
        const fails = failing.has(`${check.id}:${s._key}`);
        if (fails) failed++;
        verdict.set(s._key, fails ? 'fail' : 'pass');
      }
      rows.push({
        metric,
        checkId: check.id,
        connection,
        subjects: plural(subjects[0]?._kind ?? check.reads.find((r) => r.kind)?.kind ?? 'item'),
        passed: subjects.length - failed,
        failed,
      });
    }
  }
  return {
    rows,
    verdicts,
    notEvaluated: report.notEvaluated.map((n) => ({
      checkId: n.checkId,
      ...(n.connection === undefined ? {} : { connection: n.connection }),
      reason: n.reason,
    })),
  };
}
