// `posture` as text: findings worst first, each with its check, connection, a stable id of its
// subject and the message; findings held by accepted risks with who approved them and until when;
// what the mutelist did; checks not evaluated and why; connections not read; scores per
// framework; the counts and the verdict of `--fail-on`.
import type { GraphSnapshot } from '@org/connector-graph';
import {
  type Finding,
  type PostureReport,
  SEVERITIES,
  type Severity,
  type Suppression,
  suppressionLabel,
} from '@org/connector-posture';
import { type ConnectionOutcome, outcomeLines } from '../collection/outcomes.js';
import { stableId } from './stable-id.js';

const DAY = 86_400_000;
/** An accepted risk this close to its expiry is called out. */
export const EXPIRING_DAYS = 30;

/** Whether `finding` is at least as severe as `threshold`. */
export const atLeast = (finding: Finding, threshold: Severity) =>
  SEVERITIES.indexOf(finding.severity) <= SEVERITIES.indexOf(threshold);

const date = (s: Suppression) => new Date(s.expires).toISOString().slice(0, 10);
const daysLeft = (s: Suppression, now: Date) =>
  Math.ceil((new Date(s.expires).getTime() - now.getTime()) / DAY);

/** The mutelist's state: expiring, lapsed and unused entries, one line each. */
export function mutelistLines(report: PostureReport, given: readonly Suppression[]): string[] {
  if (given.length === 0) return [];
  const now = new Date(report.evaluatedAt);
  const holding = new Set(report.suppressed.map((s) => s.suppression));
  const lines = [
    `mutelist: ${given.length} entries, ${holding.size} holding ${report.suppressed.length} findings, ${report.suppressions.expired.length} expired, ${report.suppressions.unmatched.length} matching nothing`,
  ];
  for (const s of holding) {
    const left = daysLeft(s, now);
    if (left <= EXPIRING_DAYS) {
      lines.push(
        `  expiring: ${suppressionLabel(s)} expires ${date(s)} (in ${left} days): renew or fix it`,
      );
    }
  }
  for (const s of report.suppressions.expired) {
    lines.push(`  expired: ${suppressionLabel(s)} (${date(s)}): its findings are open again`);
  }
  for (const s of report.suppressions.unmatched) {
    lines.push(
      `  unmatched: ${suppressionLabel(s)} holds no finding: remove it if the risk is gone`,
    );
  }
  return lines;
}

/** The whole text output of `posture`. */
export function postureText(
  report: PostureReport,
  snapshot: GraphSnapshot,
  o: {
    failOn: Severity | 'none';
    suppressions: readonly Suppression[];
    outcomes: readonly ConnectionOutcome[];
  },
): string {
  const lines: string[] = [];
  const row = (f: Finding) =>
    `  ${f.checkId}  ${f.connection ?? 'cross-vendor'}  [${stableId(f.evidence.entities[0], snapshot)}]  ${f.message}`;
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${findings.length})`);
    for (const f of findings) lines.push(row(f));
  }
  if (report.suppressed.length > 0) {
    lines.push(
      `SUPPRESSED (${report.suppressed.length}): accepted risks, not counted against --fail-on`,
    );
    for (const { finding, suppression } of report.suppressed) {
      lines.push(row(finding));
      lines.push(
        `      accepted: ${suppression.reason} (${suppressionLabel(suppression)}, approved by ${suppression.approver ?? 'nobody named'}, expires ${date(suppression)})`,
      );
    }
  }
  lines.push(...mutelistLines(report, o.suppressions));
  if (report.notEvaluated.length > 0) {
    lines.push(`not evaluated (${report.notEvaluated.length}):`);
    for (const n of report.notEvaluated)
      lines.push(`  ${n.checkId}  ${n.connection ?? 'graph'}: ${n.code}: ${n.reason}`);
  }
  const unread = outcomeLines(o.outcomes);
  if (unread.length > 0) {
    lines.push('not read:');
    for (const line of unread) lines.push(`  ${line}`);
  }
  for (const [framework, s] of Object.entries(report.scores.frameworks)) {
    lines.push(
      `${framework}: ${s.failed > 0 ? 'FAIL' : s.passed > 0 ? 'PASS' : 'NOT EVALUATED'} ${s.score === null ? '' : `${s.score}% `}(${s.passed} passed, ${s.failed} failed, ${s.notEvaluated} not evaluated)`,
    );
  }
  const counts = SEVERITIES.map(
    (s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`,
  );
  lines.push(
    `${report.findings.length} findings (${counts.join(', ')}), ${report.suppressed.length} suppressed, ${report.notEvaluated.length} checks not evaluated`,
  );
  const threshold = o.failOn;
  if (threshold !== 'none') {
    const failing = report.findings.filter((f) => atLeast(f, threshold)).length;
    lines.push(
      failing > 0
        ? `FAIL: ${failing} findings at ${threshold} or worse`
        : `pass: no finding at ${threshold} or worse`,
    );
  }
  return lines.join('\n');
}
