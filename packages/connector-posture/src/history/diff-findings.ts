// Findings between two runs, through the graph's own diff: each finding becomes an item keyed by
// its id whose source is its check and connection, and each check result a resource that is
// complete when the check was judged. So a finding whose check could not be judged this time is
// withheld, never reported as resolved, exactly as an incomplete resource never yields removals.
import {
  diffGraphs,
  type GraphEntity,
  type GraphSnapshot,
  type ResourceStatus,
} from '@org/connector-graph';
import type { PostureReport } from '../evaluate/run-posture.js';
import type { Finding } from '../model/finding.js';

/** What changed between two posture runs. */
export interface FindingsDiff {
  /** Open now, absent before (suppressed findings are left out: they are accepted). */
  readonly new: readonly Finding[];
  /** Failing before, and their check passed this time for that connection. */
  readonly resolved: readonly Finding[];
  /** Failing in both runs (open or suppressed), as they are now. */
  readonly stillOpen: readonly Finding[];
  /** Still open with different evidence or severity: the finding and the fields that changed. */
  readonly changed: readonly { readonly id: string; readonly fields: readonly string[] }[];
  /** Failing before, and their check could not be judged this time: neither open nor resolved. */
  readonly withheld: readonly Finding[];
}

const sourceOf = (checkId: string, connection: string | undefined) =>
  `${checkId}/${connection ?? 'graph'}`;

function asGraph(report: PostureReport) {
  const findings = new Map<string, Finding>();
  const entities = new Map<string, GraphEntity>();
  const add = (f: Finding, suppressed: boolean) => {
    findings.set(f.id, f);
    // An entity-shaped record with flat fields, as the graph's diff compares them (`_kind` is
    // bookkeeping only: the diff ignores it). Its source is the check's scope: the connection for
    // a vendor check, `graph` for a cross-vendor one.
    const scope = report.results.some((r) => r.checkId === f.checkId && r.connection === undefined)
      ? undefined
      : f.connection;
    entities.set(f.id, {
      _key: f.id,
      _type: 'posture_finding',
      _class: ['Finding'],
      _kind: 'policy',
      _source: sourceOf(f.checkId, scope),
      displayName: f.title,
      severity: f.severity,
      message: f.message,
      evidence: JSON.stringify(f.evidence.fields),
      entities: [...f.evidence.entities],
      suppressed,
    });
  };
  for (const f of report.findings) add(f, false);
  for (const s of report.suppressed) add(s.finding, true);
  const resources: ResourceStatus[] = report.results.map((r) => ({
    source: sourceOf(r.checkId, r.connection),
    connection: r.connection ?? 'graph',
    resource: r.checkId,
    complete: r.status !== 'not_evaluated',
    entities: r.findings + r.suppressed,
    relationships: 0,
  }));
  const graph: Pick<GraphSnapshot, 'entities' | 'relationships' | 'resources'> = {
    entities,
    relationships: new Map(),
    resources,
  };
  return { graph, findings };
}

/**
 * Compares the findings of two runs: new, resolved, still open (and which of those changed), and
 * withheld (a previous finding whose check was not evaluated this time). Uses the graph's
 * `diffGraphs`, so the same rule holds: what could not be read is never reported as gone.
 */
export function diffFindings(previous: PostureReport, current: PostureReport): FindingsDiff {
  const before = asGraph(previous);
  const now = asGraph(current);
  const changes = diffGraphs(before.graph, now.graph);
  const added = new Set(changes.entities.added.map((e) => e._key));
  const removed = new Set(changes.entities.removed.map((e) => e._key));
  const suppressedNow = new Set(current.suppressed.map((s) => s.finding.id));
  const pick = (map: Map<string, Finding>, keep: (id: string) => boolean) =>
    [...map.values()].filter((f) => keep(f.id));
  return {
    new: pick(now.findings, (id) => added.has(id) && !suppressedNow.has(id)),
    resolved: pick(before.findings, (id) => removed.has(id)),
    stillOpen: pick(now.findings, (id) => !added.has(id)),
    changed: changes.entities.changed.map((c) => ({ id: c.key, fields: c.fields })),
    withheld: pick(before.findings, (id) => !now.findings.has(id) && !removed.has(id)),
  };
}
