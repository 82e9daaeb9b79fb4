import type { GraphValue } from '@org/connector-graph';
import type { FrameworkRef, Remediation, Severity } from './check.js';

/** What a finding rests on: the entities, failing values, API paths and collection time. */
export interface Evidence {
  /** Keys of the entities involved, the subject first. */
  readonly entities: readonly string[];
  /** The failing fields and their values (`null` where the vendor sent nothing). */
  readonly fields: Readonly<Record<string, GraphValue | readonly string[]>>;
  /** Vendor API paths the data came from (`GET /api/systemusers`). */
  readonly apiPaths: readonly string[];
  /** When the graph was collected (ISO 8601). */
  readonly collectedAt: string;
}

/** One failing entity of one check. */
export interface Finding {
  /** Stable across runs: `<check id>:<entity key>`. Suppressions and diffs use it. */
  readonly id: string;
  readonly checkId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The connection the subject belongs to (undefined for a person). */
  readonly connection: string | undefined;
  /** The check's vendor (`cross-vendor` for cross-vendor checks). */
  readonly vendor: string;
  readonly message: string;
  readonly evidence: Evidence;
  readonly frameworks: readonly FrameworkRef[];
  readonly remediation: Remediation;
}

/** A check that could not be judged for a connection: never counted as a pass. */
export interface NotEvaluated {
  readonly checkId: string;
  /** The connection, or undefined for a cross-vendor check or a vendor with no connection. */
  readonly connection: string | undefined;
  /**
   * `not_collected` (the resource was not read), `incomplete` (read failed or partly: the
   * graph's error code is in `reason`), `field_unavailable` (the connector does not read the
   * field), `no_connection` (no connection of the check's vendor), `error` (the check threw).
   */
  readonly code: 'not_collected' | 'incomplete' | 'field_unavailable' | 'no_connection' | 'error';
  readonly reason: string;
}

/** The outcome of one check for one connection (or the graph). */
export interface CheckResult {
  readonly checkId: string;
  readonly connection: string | undefined;
  readonly status: 'pass' | 'fail' | 'not_evaluated';
  /** Open findings (suppressed ones excluded). */
  readonly findings: number;
  /** Findings a suppression holds. */
  readonly suppressed: number;
}
