// Every outcome of a posture run — one per failing entity, per check passed on a connection and
// per check not evaluated — with the resources it is about: what the OCSF records and the findings
// table are both made of, so they always list the same results.
import type { GraphSnapshot } from '@org/connector-graph';
import type { CheckInfo, PostureReport } from '../evaluate/run-posture.js';
import type { Suppression } from '../evaluate/suppressions.js';
import type { CheckResult, Finding, NotEvaluated } from '../model/finding.js';

/** What an outcome says of its check: OCSF's `status_code`, the findings table's `status`. */
export type OutcomeCode = 'PASS' | 'FAIL' | 'NOT_EVALUATED';

/** One resource an outcome is about: an entity of the graph, or a connection's tenant. */
export interface OutcomeResource {
  uid: string;
  name: string;
  /** The entity's type (`jumpcloud_user`, `kandji_device`...), or `connection`. */
  type: string;
  /** The connection it was read through. */
  group?: { name: string };
  /** The vendor's own tags of the entity (Kandji's). */
  labels?: string[];
}

/** One result of a posture run, about one entity (FAIL) or one connection (PASS, NOT_EVALUATED). */
export interface Outcome {
  readonly check: CheckInfo;
  readonly code: OutcomeCode;
  /** Stable between runs: the finding id, or `<check id>:<connection>:pass|not-evaluated`. */
  readonly uid: string;
  readonly message: string;
  /** The message without the check's title (for NOT_EVALUATED: the reason). */
  readonly detail: string;
  readonly connection: string | undefined;
  readonly resources: OutcomeResource[];
  /** The accepted risk holding a FAIL. */
  readonly suppression?: Suppression | undefined;
  /** Source-specific details: evidence fields and API paths, the not-evaluated code... */
  readonly unmapped: Record<string, unknown>;
}

/** `<connection>:<kind>:<id>` → `<kind>`; `person:<email>` → `person`. */
const kindOfKey = (key: string) =>
  key.startsWith('person:') ? 'person' : (key.split(':')[1] ?? 'unknown');

/** What outcomes say of resources and tenants, looked up in the graph when there is one. */
export interface Describer {
  /** The tenant of a connection (Hexnode portal, Kandji subdomain, JumpCloud organization). */
  tenant(connection: string | undefined): string | undefined;
  /** An entity as a resource: its name and type from the graph, else its key. */
  resource(key: string): OutcomeResource;
  /** A connection's tenant (its account entity) as a resource. */
  connection(name: string): OutcomeResource;
}

/** A {@link Describer} over `snapshot` (or over keys alone without it). */
export function describer(snapshot: GraphSnapshot | undefined): Describer {
  const tenants = new Map((snapshot?.connections ?? []).map((c) => [c.name, c.identity?.tenant]));
  const accounts = new Map((snapshot?.connections ?? []).map((c) => [c.name, c.accountKey]));
  const resource = (key: string): OutcomeResource => {
    const e = snapshot?.entities.get(key);
    if (!e) return { uid: key, name: key, type: kindOfKey(key) };
    const connection = e._source.slice(0, e._source.indexOf('/'));
    const tags = Array.isArray(e.tags) ? (e.tags as unknown[]).map(String) : [];
    return {
      uid: key,
      name: e.displayName || key,
      type: e._type,
      ...(connection && connection !== 'graph' ? { group: { name: connection } } : {}),
      ...(tags.length > 0 ? { labels: tags } : {}),
    };
  };
  return {
    tenant: (connection) => (connection === undefined ? undefined : tenants.get(connection)),
    resource,
    connection: (name) => {
      const key = accounts.get(name);
      return key ? resource(key) : { uid: name, name, type: 'connection' };
    },
  };
}

function failed(check: CheckInfo, f: Finding, d: Describer, suppression?: Suppression): Outcome {
  return {
    check,
    code: 'FAIL',
    uid: f.id,
    message: f.message,
    detail: suppression ? `${f.message} (accepted: ${suppression.reason})` : f.message,
    connection: f.connection,
    resources: f.evidence.entities.map(d.resource),
    suppression,
    unmapped: {
      evidence_fields: f.evidence.fields,
      api_paths: f.evidence.apiPaths,
      collected_at: f.evidence.collectedAt,
    },
  };
}

function passed(check: CheckInfo, r: CheckResult, d: Describer): Outcome {
  const scope = r.connection ?? 'the graph';
  const held = r.suppressed > 0 ? ` (${r.suppressed} findings accepted as risks)` : '';
  return {
    check,
    code: 'PASS',
    uid: `${check.id}:${r.connection ?? 'graph'}:pass`,
    message: `${check.title}: passed on ${scope}${held}`,
    detail: `passed on ${scope}${held}`,
    connection: r.connection,
    resources: r.connection ? [d.connection(r.connection)] : [],
    unmapped: { suppressed: r.suppressed },
  };
}

function notEvaluated(check: CheckInfo, n: NotEvaluated, d: Describer): Outcome {
  const scope = n.connection ?? 'graph';
  return {
    check,
    code: 'NOT_EVALUATED',
    uid: `${check.id}:${scope}:not-evaluated`,
    message: `${check.title}: not evaluated on ${scope}: ${n.reason}`,
    detail: n.reason,
    connection: n.connection,
    resources: n.connection ? [d.connection(n.connection)] : [],
    unmapped: { not_evaluated: n.code },
  };
}

/**
 * Every outcome of `report`, in this order: open findings, suppressed ones, checks passed (per
 * connection), checks not evaluated.
 */
export function outcomesOf(report: PostureReport, d: Describer): Outcome[] {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  const checkOf = (id: string) => {
    const c = checks.get(id);
    if (!c) throw new TypeError(`report holds a result of unknown check "${id}"`);
    return c;
  };
  return [
    ...report.findings.map((f) => failed(checkOf(f.checkId), f, d)),
    ...report.suppressed.map((s) =>
      failed(checkOf(s.finding.checkId), s.finding, d, s.suppression),
    ),
    ...report.results
      .filter((r) => r.status === 'pass')
      .map((r) => passed(checkOf(r.checkId), r, d)),
    ...report.notEvaluated.map((n) => notEvaluated(checkOf(n.checkId), n, d)),
  ];
}
