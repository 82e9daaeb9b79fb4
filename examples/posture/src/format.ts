// Plain-text rendering of a posture report: findings grouped by severity, worst first.
import { type PostureReport, SEVERITIES } from '@org/connector-posture';

/** The report as lines: findings by severity, checks not evaluated, scores. */
export function formatReport(report: PostureReport): string[] {
  const lines: string[] = [];
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${findings.length})`);
    for (const f of findings) {
      lines.push(`  ${f.checkId}  ${f.message}`);
      lines.push(`    fix: ${f.remediation.console}`);
    }
  }
  if (report.findings.length === 0) lines.push('No open findings.');
  if (report.notEvaluated.length > 0) {
    lines.push(`NOT EVALUATED (${report.notEvaluated.length})`);
    for (const n of report.notEvaluated) {
      lines.push(`  ${n.checkId} on ${n.connection ?? 'the graph'}: ${n.reason}`);
    }
  }
  lines.push('SCORES');
  for (const [name, s] of Object.entries(report.scores.connections)) {
    lines.push(
      `  ${name}: ${s.score ?? '-'}% (${s.passed} passed, ${s.failed} failed, ${s.notEvaluated} not evaluated)`,
    );
  }
  for (const [name, s] of Object.entries(report.scores.frameworks)) {
    lines.push(`  ${name}: ${s.score ?? '-'}%`);
  }
  return lines;
}
