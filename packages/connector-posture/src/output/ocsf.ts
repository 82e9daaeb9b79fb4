// OCSF Compliance Finding (class 2003, OCSF 1.3.0) records: one per finding (compliance status
// Fail; finding status New, or Suppressed) and one per check not evaluated (compliance status
// Warning: "did not yield a result due to missing information").
import type { CheckInfo, PostureReport } from '../evaluate/run-posture.js';
import type { Severity } from '../model/check.js';
import type { Finding, NotEvaluated } from '../model/finding.js';

/** The OCSF schema version the records follow. */
export const OCSF_VERSION = '1.3.0';

/** One OCSF Compliance Finding record (the attributes this package sets). */
export interface OcsfComplianceFinding {
  activity_id: 1;
  activity_name: 'Create';
  category_uid: 2;
  category_name: 'Findings';
  class_uid: 2003;
  class_name: 'Compliance Finding';
  type_uid: 200301;
  type_name: 'Compliance Finding: Create';
  severity_id: number;
  severity: string;
  /** When the graph was collected, epoch milliseconds. */
  time: number;
  status_id: 1 | 3;
  status: 'New' | 'Suppressed';
  message: string;
  metadata: {
    version: string;
    product: { name: string; vendor_name: string; feature: { name: string } };
    event_code: string;
  };
  finding_info: { uid: string; title: string; desc: string; types: string[]; created_time: number };
  compliance: {
    standards: string[];
    requirements: string[];
    control: string;
    status_id: 1 | 2 | 3;
    status: 'Pass' | 'Warning' | 'Fail';
    status_detail?: string;
  };
  remediation: { desc: string; references: string[] };
  resources: Array<{ uid: string; type: string; name?: string }>;
  unmapped: Record<string, unknown>;
}

const SEVERITY_ID: Record<Severity, { id: number; caption: string }> = {
  informational: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
};

/** `<connection>:<kind>:<id>` → `<kind>`; `person:<email>` → `person`. */
const typeOfKey = (key: string) =>
  key.startsWith('person:') ? 'person' : (key.split(':')[1] ?? 'unknown');

type Base = Omit<
  OcsfComplianceFinding,
  'status_id' | 'status' | 'message' | 'finding_info' | 'compliance' | 'resources' | 'unmapped'
>;

function base(check: CheckInfo, time: number): Base {
  const severity = SEVERITY_ID[check.severity];
  return {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2003,
    class_name: 'Compliance Finding',
    type_uid: 200301,
    type_name: 'Compliance Finding: Create',
    severity_id: severity.id,
    severity: severity.caption,
    time,
    metadata: {
      version: OCSF_VERSION,
      product: {
        name: 'connector-kit posture',
        vendor_name: 'connector-kit',
        feature: { name: check.vendor },
      },
      event_code: check.id,
    },
    remediation: {
      desc: `${check.remediation.text} (${check.remediation.console})`,
      references: [check.remediation.console],
    },
  };
}

function compliance(check: CheckInfo) {
  return {
    standards: [...new Set(check.frameworks.map((f) => f.framework))],
    requirements: check.frameworks.map((f) => `${f.framework} ${f.control}`),
    control: check.id,
  };
}

function fromFinding(
  check: CheckInfo,
  f: Finding,
  suppressed: boolean,
  time: number,
): OcsfComplianceFinding {
  return {
    ...base(check, time),
    status_id: suppressed ? 3 : 1,
    status: suppressed ? 'Suppressed' : 'New',
    message: f.message,
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: check.rationale,
      types: [check.id],
      created_time: time,
    },
    compliance: { ...compliance(check), status_id: 3, status: 'Fail' },
    resources: f.evidence.entities.map((uid) => ({ uid, type: typeOfKey(uid) })),
    unmapped: {
      connection: f.connection ?? null,
      evidence_fields: f.evidence.fields,
      api_paths: f.evidence.apiPaths,
      collected_at: f.evidence.collectedAt,
    },
  };
}

function fromNotEvaluated(check: CheckInfo, n: NotEvaluated, time: number): OcsfComplianceFinding {
  const scope = n.connection ?? 'graph';
  return {
    ...base(check, time),
    status_id: 1,
    status: 'New',
    message: `${check.title}: not evaluated on ${scope}: ${n.reason}`,
    finding_info: {
      uid: `${check.id}:${scope}:not-evaluated`,
      title: check.title,
      desc: check.rationale,
      types: [check.id],
      created_time: time,
    },
    compliance: { ...compliance(check), status_id: 2, status: 'Warning', status_detail: n.reason },
    resources: n.connection ? [{ uid: n.connection, type: 'connection' }] : [],
    unmapped: { connection: n.connection ?? null, not_evaluated: n.code },
  };
}

/**
 * The report as OCSF Compliance Finding records (class 2003, OCSF {@link OCSF_VERSION}): each open
 * finding (status New), each suppressed one (status Suppressed, the suppression's reason in
 * `unmapped`) and each check not evaluated (compliance status Warning, with the reason).
 */
export function toOcsf(report: PostureReport): OcsfComplianceFinding[] {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  const time = Date.parse(report.collectedAt);
  const out: OcsfComplianceFinding[] = [];
  const checkOf = (id: string) => {
    const c = checks.get(id);
    if (!c) throw new TypeError(`report holds a result of unknown check "${id}"`);
    return c;
  };
  for (const f of report.findings) out.push(fromFinding(checkOf(f.checkId), f, false, time));
  for (const s of report.suppressed) {
    const record = fromFinding(checkOf(s.finding.checkId), s.finding, true, time);
    record.unmapped.suppression = {
      reason: s.suppression.reason,
      expires: new Date(s.suppression.expires).toISOString(),
    };
    out.push(record);
  }
  for (const n of report.notEvaluated) out.push(fromNotEvaluated(checkOf(n.checkId), n, time));
  return out;
}
