import type { GraphSnapshot, GraphValue } from '@org/connector-graph';
import { defaultChecks } from '../checks/index.js';
import { type AnyPostureCheck, type PostureCheck, SEVERITIES } from '../model/check.js';
import type { CheckResult, Finding, NotEvaluated } from '../model/finding.js';
import { type PostureScores, scoreResults } from '../output/scores.js';
import { apiPathOf } from './api-paths.js';
import { blockerOf } from './availability.js';
import { checkInput, indexSnapshot, scopesOf } from './input.js';
import { type Suppression, type SuppressionReport, suppressionSet } from './suppressions.js';

/** Options of {@link runPosture}. */
export interface PostureOptions {
  /**
   * The checks to run (default {@link defaultChecks}). Add a host's own with
   * `[...defaultChecks, myCheck]`; ids must be unique.
   */
  // biome-ignore lint/suspicious/noExplicitAny: checks of any option type run side by side.
  checks?: readonly PostureCheck<any>[] | undefined;
  /** Option overrides by check id, merged over each check's `defaults` (`{ maxAdministrators: 2 }`). */
  checkOptions?: Readonly<Record<string, Record<string, unknown>>> | undefined;
  /**
   * Accepted risks (a mutelist): findings they match are reported as suppressed, with the
   * entry's reason and approver, until it expires.
   */
  suppressions?: readonly Suppression[] | undefined;
  /** The time staleness and suppression expiry are measured against (default: `snapshot.takenAt`). */
  now?: Date | undefined;
}

/** A finding held by a suppression in force. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

/** A check as a report describes it: its data without the function. */
export type CheckInfo = Omit<
  AnyPostureCheck,
  'evaluate' | 'precondition' | 'defaults' | 'subjects'
>;

/** Everything one posture run found. Plain data: `JSON.stringify` gives the JSON output. */
export interface PostureReport {
  /** The checks run, in order. */
  readonly checks: readonly CheckInfo[];
  /** When the graph was collected (ISO 8601). */
  readonly collectedAt: string;
  /** The time the run judged against (ISO 8601). */
  readonly evaluatedAt: string;
  /** Open findings, worst severity first, then by id. */
  readonly findings: readonly Finding[];
  /** Findings held by a suppression in force. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Checks that could not be judged, with why. Never counted as passed. */
  readonly notEvaluated: readonly NotEvaluated[];
  /** One result per check and connection (per check for a cross-vendor one). */
  readonly results: readonly CheckResult[];
  /** Lapsed and unused suppressions. */
  readonly suppressions: SuppressionReport;
  /**
   * The thresholds and baselines each check with options judged by: its defaults with the
   * host's `checkOptions` over them, by check id.
   */
  readonly checkOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly scores: PostureScores;
}

function clean(
  fields: Readonly<Record<string, GraphValue | readonly string[] | undefined>>,
): Record<string, GraphValue | readonly string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v === undefined ? null : v]),
  );
}

/**
 * The API calls behind a finding: for each connection its entities come from, the calls of the
 * resources the check reads (a membership check names the members call, not just the users one).
 */
function evidencePaths(
  check: AnyPostureCheck,
  keys: readonly string[],
  snapshot: GraphSnapshot,
  vendorOf: ReadonlyMap<string, string>,
): string[] {
  const paths = new Set<string>();
  for (const key of keys) {
    const entity = snapshot.entities.get(key);
    const connection = entity?._source.slice(0, entity._source.indexOf('/'));
    const vendor = connection === undefined ? undefined : vendorOf.get(connection);
    if (vendor === undefined || entity === undefined) continue;
    const own = apiPathOf(vendor, entity._source.slice(entity._source.indexOf('/') + 1));
    if (own) paths.add(own);
    for (const read of check.reads) {
      const path = apiPathOf(vendor, read.resource);
      if (path) paths.add(path);
    }
  }
  return [...paths].sort();
}

const severityRank = (f: Finding) => SEVERITIES.indexOf(f.severity);

/**
 * Runs posture checks over a graph snapshot: for every check and every connection of its vendor
 * (once over the graph for a cross-vendor check), the findings with their evidence, or why it
 * could not be judged. Suppressions in force move findings to `suppressed`; lapsed ones are
 * reported. Pure: the same snapshot and options give the same report.
 */
export function runPosture(snapshot: GraphSnapshot, options: PostureOptions = {}): PostureReport {
  const checks = options.checks ?? defaultChecks;
  const registry = new Map<string, AnyPostureCheck>();
  for (const c of checks) {
    if (registry.has(c.id)) throw new TypeError(`two checks have the id "${c.id}"`);
    registry.set(c.id, c as AnyPostureCheck);
  }
  const now = options.now ?? snapshot.takenAt;
  const collectedAt = snapshot.takenAt.toISOString();
  const accepted = suppressionSet(options.suppressions ?? [], now);
  const index = indexSnapshot(snapshot);
  const vendorOf = new Map(snapshot.connections.map((c) => [c.name, c.vendor]));

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const results: CheckResult[] = [];

  for (const check of checks) {
    const scopes = scopesOf(check as AnyPostureCheck, snapshot);
    if (scopes.length === 0) {
      const reason = `no ${check.vendor} connection in the graph`;
      notEvaluated.push({
        checkId: check.id,
        connection: undefined,
        code: 'no_connection',
        reason,
      });
      results.push({
        checkId: check.id,
        connection: undefined,
        status: 'not_evaluated',
        findings: 0,
        suppressed: 0,
      });
      continue;
    }
    for (const connection of scopes) {
      const input = checkInput(
        index,
        check as AnyPostureCheck,
        connection,
        now,
        options.checkOptions?.[check.id],
      );
      const unmet = check.precondition?.(snapshot);
      const blocked = unmet
        ? ({ code: 'no_connection', reason: unmet } as const)
        : blockerOf(check as AnyPostureCheck, snapshot, connection, input.entities);
      let inits: ReturnType<PostureCheck['evaluate']> | undefined;
      let failure: NotEvaluated | undefined;
      if (blocked) failure = { checkId: check.id, connection, ...blocked };
      else {
        try {
          inits = check.evaluate(input);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failure = {
            checkId: check.id,
            connection,
            code: 'error',
            reason: `the check failed: ${message}`,
          };
        }
      }
      if (failure || !inits) {
        if (failure) notEvaluated.push(failure);
        results.push({
          checkId: check.id,
          connection,
          status: 'not_evaluated',
          findings: 0,
          suppressed: 0,
        });
        continue;
      }
      let open = 0;
      let held = 0;
      const seen = new Set<string>();
      for (const init of inits) {
        const id = `${check.id}:${init.entity}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const subject = snapshot.entities.get(init.entity);
        const subjectConnection =
          connection ??
          snapshot.connections.find((c) => init.entity.startsWith(`${c.name}:`))?.name;
        const keys = [init.entity, ...(init.related ?? [])];
        const apiPaths = evidencePaths(check, keys, snapshot, vendorOf);
        const finding: Finding = {
          id,
          checkId: check.id,
          title: check.title,
          severity: check.severity,
          connection: subject?._kind === 'person' ? undefined : subjectConnection,
          vendor: check.vendor,
          message: init.message,
          evidence: { entities: keys, fields: clean(init.fields), apiPaths, collectedAt },
          frameworks: check.frameworks,
          remediation: check.remediation,
        };
        const suppression = accepted.holding(finding, subject);
        if (suppression) {
          suppressed.push({ finding, suppression });
          held++;
        } else {
          findings.push(finding);
          open++;
        }
      }
      results.push({
        checkId: check.id,
        connection,
        status: open > 0 ? 'fail' : 'pass',
        findings: open,
        suppressed: held,
      });
    }
  }

  findings.sort(
    (a, b) => severityRank(a) - severityRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    checks: checks.map(
      ({ id, title, severity, vendor, rationale, remediation, frameworks, reads, metric }) => ({
        id,
        title,
        severity,
        vendor,
        rationale,
        remediation,
        frameworks,
        reads,
        ...(metric ? { metric } : {}),
      }),
    ),
    collectedAt,
    evaluatedAt: now.toISOString(),
    findings,
    suppressed,
    notEvaluated,
    results,
    suppressions: accepted.report(),
    checkOptions: Object.fromEntries(
      checks
        .filter((c) => c.defaults !== undefined)
        .map((c) => [c.id, { ...c.defaults, ...options.checkOptions?.[c.id] }]),
    ),
    scores: scoreResults(results, registry),
  };
}
