// OCSF Compliance Finding (class 2003, OCSF 1.3.0) records, as posture tools feed SIEMs: one per
// result with `status_code` PASS, FAIL or NOT_EVALUATED. A failing entity is FAIL (finding status
// New, or Suppressed with the accepted risk); a check that passed on a connection is PASS; a check
// not evaluated is Informational with the reason as its status detail, never an alert. With
// `perRequirement`, each record is repeated once per framework requirement the check maps to.
import type { GraphSnapshot } from '@org/connector-graph';
import type { PostureReport } from '../evaluate/run-posture.js';
import type { FrameworkRef, Severity } from '../model/check.js';
import { VERSION } from '../version.js';
import {
  type Describer,
  describer,
  type Outcome,
  type OutcomeCode,
  type OutcomeResource,
  outcomesOf,
} from './outcomes.js';

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
  /** Finding status: 1 New, 3 Suppressed (an accepted risk), 99 Other (not evaluated). */
  status_id: 1 | 3 | 99;
  status: 'New' | 'Suppressed' | 'Not Evaluated';
  status_code: OutcomeCode;
  status_detail: string;
  message: string;
  metadata: {
    version: string;
    product: {
      name: string;
      uid: string;
      vendor_name: string;
      version: string;
      feature: { name: string; uid: string };
    };
    event_code: string;
    /** The tenant of the connection (Hexnode portal, Kandji subdomain, JumpCloud organization). */
    tenant_uid?: string;
  };
  finding_info: { uid: string; title: string; desc: string; types: string[]; created_time: number };
  compliance: {
    standards: string[];
    requirements: string[];
    control: string;
    status_id: 1 | 2 | 3;
    status: 'Pass' | 'Warning' | 'Fail';
    status_code: OutcomeCode;
    status_detail?: string;
  };
  remediation: { desc: string; references: string[] };
  resources: OutcomeResource[];
  unmapped: Record<string, unknown>;
}

/** Options of {@link toOcsf}. */
export interface OcsfOptions {
  /**
   * The graph the report was run on: resources get their names and types, records their
   * tenant (`metadata.tenant_uid`). Without it, resources are named by their keys.
   */
  snapshot?: GraphSnapshot | undefined;
  /** The product named in `metadata.product` (default `connector-kit`, this package's version). */
  product?: { name?: string | undefined; version?: string | undefined } | undefined;
  /**
   * One record per framework requirement the check maps to (`compliance.standards` one
   * framework, `compliance.requirements` one control), as compliance tools report, instead of one
   * record per result naming every framework.
   */
  perRequirement?: boolean | undefined;
  /** Leave out PASS records (default: included). */
  failedOnly?: boolean | undefined;
}

const SEVERITY_ID: Record<Severity, { id: number; caption: string }> = {
  informational: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
};

const COMPLIANCE = {
  PASS: { status_id: 1, status: 'Pass' },
  NOT_EVALUATED: { status_id: 2, status: 'Warning' },
  FAIL: { status_id: 3, status: 'Fail' },
} as const;

function record(
  o: Outcome,
  refs: readonly FrameworkRef[],
  time: number,
  d: Describer,
  product: { name: string; version: string },
): OcsfComplianceFinding {
  const severity =
    o.code === 'NOT_EVALUATED' ? SEVERITY_ID.informational : SEVERITY_ID[o.check.severity];
  const tenant = d.tenant(o.connection);
  const status =
    o.code === 'NOT_EVALUATED'
      ? ({ status_id: 99, status: 'Not Evaluated' } as const)
      : o.suppression
        ? ({ status_id: 3, status: 'Suppressed' } as const)
        : ({ status_id: 1, status: 'New' } as const);
  const single = refs.length === 1 ? refs[0] : undefined;
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
    ...status,
    status_code: o.code,
    status_detail: o.detail,
    message: o.message,
    metadata: {
      version: OCSF_VERSION,
      product: {
        name: product.name,
        uid: 'connector-kit',
        vendor_name: 'connector-kit',
        version: product.version,
        feature: { name: o.check.vendor, uid: o.check.id },
      },
      event_code: o.check.id,
      ...(tenant ? { tenant_uid: tenant } : {}),
    },
    finding_info: {
      uid: single ? `${o.uid}#${single.framework} ${single.control}` : o.uid,
      title: single ? `${single.framework} ${single.control}: ${o.check.title}` : o.check.title,
      desc: o.check.rationale,
      types: [o.check.id],
      created_time: time,
    },
    compliance: {
      standards: [...new Set(refs.map((f) => f.framework))],
      requirements: refs.map((f) => (single ? f.control : `${f.framework} ${f.control}`)),
      control: single ? single.control : o.check.id,
      ...COMPLIANCE[o.code],
      status_code: o.code,
      ...(o.code === 'NOT_EVALUATED' ? { status_detail: o.detail } : {}),
    },
    remediation: {
      desc: `${o.check.remediation.text} (${o.check.remediation.console})`,
      references: [o.check.remediation.console],
    },
    resources: o.resources,
    unmapped: {
      connection: o.connection ?? null,
      vendor: o.check.vendor,
      frameworks: o.check.frameworks.map((f) => `${f.framework} ${f.control}`),
      ...o.unmapped,
      ...(o.suppression
        ? {
            suppression: {
              ...(o.suppression.id ? { id: o.suppression.id } : {}),
              reason: o.suppression.reason,
              approver: o.suppression.approver ?? null,
              expires: new Date(o.suppression.expires).toISOString(),
            },
          }
        : {}),
    },
  };
}

/**
 * The report as OCSF Compliance Finding records (class 2003, OCSF {@link OCSF_VERSION}), each with
 * `status_code` PASS, FAIL or NOT_EVALUATED: every failing entity (finding status New, or
 * Suppressed with the accepted risk in `unmapped.suppression`), every check that passed on a
 * connection (its tenant as the resource) and every check not evaluated (severity Informational,
 * finding status Other "Not Evaluated", compliance status Warning, the reason as status detail).
 */
export function toOcsf(report: PostureReport, options: OcsfOptions = {}): OcsfComplianceFinding[] {
  const time = Date.parse(report.collectedAt);
  const d = describer(options.snapshot);
  const product = {
    name: options.product?.name ?? 'connector-kit',
    version: options.product?.version ?? VERSION,
  };
  const outcomes = outcomesOf(report, d).filter((o) => !(options.failedOnly && o.code === 'PASS'));
  return outcomes.flatMap((o) =>
    options.perRequirement && o.check.frameworks.length > 0
      ? o.check.frameworks.map((ref) => record(o, [ref], time, d, product))
      : [record(o, o.check.frameworks, time, d, product)],
  );
}
