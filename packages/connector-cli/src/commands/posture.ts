// `connector-kit posture`: the built-in posture checks over the graph of every connection.
import { collect } from '@org/connector-graph';
import {
  type Finding,
  type PostureReport,
  runPosture,
  SEVERITIES,
  type Severity,
  toOcsf,
} from '@org/connector-posture';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import { connectionTags, type Session } from '../cli/session.js';
import { collectProgress } from '../progress/collect-progress.js';

/** The `--fail-on` choices: a severity, or `none` to never fail on findings. */
export const FAIL_ON = [...SEVERITIES, 'none'] as const;

/** Options of {@link posture}. */
export interface PostureCommandOptions {
  json: boolean;
  /** Print OCSF Compliance Finding records, one per line, instead. */
  ocsf: boolean;
  /** Exit 4 when an open finding is at least this severe. */
  failOn: Severity | 'none';
}

/** Whether `finding` is at least as severe as `threshold`. */
const atLeast = (finding: Finding, threshold: Severity) =>
  SEVERITIES.indexOf(finding.severity) <= SEVERITIES.indexOf(threshold);

function postureText(report: PostureReport, failOn: Severity | 'none'): string {
  const lines: string[] = [];
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${findings.length})`);
    for (const f of findings)
      lines.push(`  ${f.checkId}  ${f.connection ?? 'cross-vendor'}: ${f.message}`);
  }
  if (report.notEvaluated.length > 0) {
    lines.push(`not evaluated (${report.notEvaluated.length}):`);
    for (const n of report.notEvaluated)
      lines.push(`  ${n.checkId}  ${n.connection ?? 'graph'}: ${n.code}: ${n.reason}`);
  }
  const counts = SEVERITIES.map(
    (s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`,
  );
  lines.push(
    `${report.findings.length} findings (${counts.join(', ')}), ${report.suppressed.length} suppressed, ${report.notEvaluated.length} checks not evaluated`,
  );
  if (failOn !== 'none') {
    const failing = report.findings.filter((f) => atLeast(f, failOn)).length;
    lines.push(
      failing > 0
        ? `FAIL: ${failing} findings at ${failOn} or worse`
        : `pass: no finding at ${failOn} or worse`,
    );
  }
  return lines.join('\n');
}

/**
 * Collects the graph, runs the posture checks and prints the findings, worst first. Exits 4 when
 * an open finding is at or above `--fail-on`; otherwise 3 when the graph is incomplete (its
 * checks are listed as not evaluated, never as passed); otherwise 0.
 */
export async function posture(
  session: Session,
  io: CliIo,
  o: PostureCommandOptions,
): Promise<ExitCode> {
  const snapshot = await collect(session.connectors, {
    tags: connectionTags(session),
    signal: io.signal,
    onEvent: collectProgress(session.progress),
  });
  session.progress.stop();
  const report = runPosture(snapshot);
  if (o.ocsf) {
    for (const record of toOcsf(report)) await write(io.stdout, `${JSON.stringify(record)}\n`);
  } else if (o.json) {
    await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
  } else {
    await write(io.stdout, `${postureText(report, o.failOn)}\n`);
  }
  const threshold = o.failOn;
  if (threshold !== 'none' && report.findings.some((f) => atLeast(f, threshold)))
    return EXIT_CODES.findings;
  return snapshot.complete ? EXIT_CODES.ok : EXIT_CODES.connection;
}
