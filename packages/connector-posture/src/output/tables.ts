// The report as flat rows for CSV: every outcome (as the OCSF records list them), and per framework
// every control with the result of each check supporting it. Any CSV writer takes them (the
// evidence package's `toCsv` does); the columns are documented in the README.
import type { GraphSnapshot } from '@org/connector-graph';
import type { PostureReport } from '../evaluate/run-posture.js';
import type { Framework } from '../model/check.js';
import { describer, type OutcomeCode, outcomesOf } from './outcomes.js';

/** Options of {@link findingsTable} and {@link complianceTable}. */
export interface TableOptions {
  /** The graph the report was run on: resource names and types, tenants. */
  snapshot?: GraphSnapshot | undefined;
}

/** One row of {@link findingsTable}. */
export interface FindingRow extends Record<string, string | number | boolean | null> {
  collected_at: string;
  connection: string | null;
  vendor: string;
  tenant: string | null;
  check_id: string;
  check_title: string;
  severity: string;
  status: OutcomeCode;
  /** True when an accepted risk holds the finding. */
  muted: boolean;
  mute_id: string | null;
  mute_reason: string | null;
  mute_approver: string | null;
  mute_expires: string | null;
  finding_uid: string;
  resource_uid: string | null;
  resource_name: string | null;
  resource_type: string | null;
  message: string;
  frameworks: string;
  remediation: string;
  remediation_console: string;
  api_paths: string;
}

/**
 * Every outcome of the report, one row each (the same ones `toOcsf` emits): failing entities
 * (`status` FAIL, `muted` with the accepted risk's id, reason, approver and expiry), checks passed
 * per connection (PASS) and checks not evaluated (NOT_EVALUATED, the reason in `message`).
 */
export function findingsTable(report: PostureReport, options: TableOptions = {}): FindingRow[] {
  const d = describer(options.snapshot);
  return outcomesOf(report, d).map((o) => {
    const subject = o.resources[0];
    const s = o.suppression;
    const paths = o.unmapped.api_paths;
    return {
      collected_at: report.collectedAt,
      connection: o.connection ?? null,
      vendor: o.check.vendor,
      tenant: d.tenant(o.connection) ?? null,
      check_id: o.check.id,
      check_title: o.check.title,
      severity: o.check.severity,
      status: o.code,
      muted: s !== undefined,
      mute_id: s?.id ?? null,
      mute_reason: s?.reason ?? null,
      mute_approver: s?.approver ?? null,
      mute_expires: s ? new Date(s.expires).toISOString() : null,
      finding_uid: o.uid,
      resource_uid: subject?.uid ?? null,
      resource_name: subject?.name ?? null,
      resource_type: subject?.type ?? null,
      message: o.code === 'NOT_EVALUATED' ? o.detail : o.message,
      frameworks: o.check.frameworks.map((f) => `${f.framework} ${f.control}`).join('; '),
      remediation: o.check.remediation.text,
      remediation_console: o.check.remediation.console,
      api_paths: Array.isArray(paths) ? paths.join('; ') : '',
    };
  });
}

/** One row of {@link complianceTable}: one check's result on one connection, under one control. */
export interface ComplianceRow extends Record<string, string | number | null> {
  framework: string;
  control: string;
  /** The control as a whole: FAIL when a check of it failed, PASS when all judged passed. */
  control_status: OutcomeCode;
  /** `round(100 × passed / judged)` of the control's results; null when none was judged. */
  control_score: number | null;
  check_id: string;
  check_title: string;
  severity: string;
  connection: string | null;
  tenant: string | null;
  status: OutcomeCode;
  /** Open findings of the check there. */
  findings: number;
  /** Findings an accepted risk holds. */
  suppressed: number;
  /** Why the check was not evaluated. */
  reason: string | null;
  collected_at: string;
}

/**
 * Every control of `framework` the checks support, with each supporting check's result on each
 * connection, sorted by control: the per-framework compliance report an auditor reads.
 */
export function complianceTable(
  report: PostureReport,
  framework: Framework,
  options: TableOptions = {},
): ComplianceRow[] {
  const d = describer(options.snapshot);
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  const controls = report.scores.frameworks[framework]?.controls ?? {};
  const reasons = new Map(
    report.notEvaluated.map((n) => [`${n.checkId}@${n.connection ?? ''}`, n.reason]),
  );
  const rows: ComplianceRow[] = [];
  for (const [control, score] of Object.entries(controls)) {
    const controlStatus: OutcomeCode =
      score.failed > 0 ? 'FAIL' : score.passed > 0 ? 'PASS' : 'NOT_EVALUATED';
    for (const r of report.results) {
      const check = checks.get(r.checkId);
      if (!check?.frameworks.some((f) => f.framework === framework && f.control === control)) {
        continue;
      }
      rows.push({
        framework,
        control,
        control_status: controlStatus,
        control_score: score.score,
        check_id: check.id,
        check_title: check.title,
        severity: check.severity,
        connection: r.connection ?? null,
        tenant: d.tenant(r.connection) ?? null,
        status: r.status === 'pass' ? 'PASS' : r.status === 'fail' ? 'FAIL' : 'NOT_EVALUATED',
        findings: r.findings,
        suppressed: r.suppressed,
        reason: reasons.get(`${r.checkId}@${r.connection ?? ''}`) ?? null,
        collected_at: report.collectedAt,
      });
    }
  }
  return rows;
}
