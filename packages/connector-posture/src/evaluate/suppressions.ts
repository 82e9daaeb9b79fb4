// Accepted risks (a mutelist): each entry names the findings it holds — one finding id, or checks,
// connections, entity keys (with `*` wildcards) and tags together — why, who approved it and until
// when. A lapsed entry holds nothing and is reported; so is one that matched no finding.
import type { GraphEntity } from '@org/connector-graph';
import type { Finding } from '../model/finding.js';
import { wildcard } from './wildcard.js';

/**
 * An accepted risk: the findings it names are reported as suppressed, with its reason and
 * approver, until `expires`. Every criterion given must match (`findingId`, `check`, `connection`,
 * `entity`, `tags`); at least one of `findingId`, `check`, `entity` or `tags` is required.
 * Patterns take `*` for any run of characters.
 */
export interface Suppression {
  /** A short name for the entry, shown in reports (`build-agents-sudo`). */
  readonly id?: string | undefined;
  /** Exactly one finding: its id (`<check id>:<entity key>`). */
  readonly findingId?: string | undefined;
  /** Check ids or patterns (`jumpcloud.user.*`). */
  readonly check?: string | readonly string[] | undefined;
  /** Connection names or patterns; a finding about a person (no connection) never matches. */
  readonly connection?: string | readonly string[] | undefined;
  /** Keys or patterns of the finding's subject (`jumpcloud:user:5c50*`). */
  readonly entity?: string | readonly string[] | undefined;
  /**
   * Tags the subject must carry: `name: value` matches its `tag.<name>` property; `name: true`
   * matches that property with any value, or `name` in the subject's own `tags` list (Kandji's).
   */
  readonly tags?: Readonly<Record<string, string | true>> | undefined;
  /** Why it is accepted: shown wherever the finding is. */
  readonly reason: string;
  /** Who accepted it. */
  readonly approver?: string | undefined;
  /** When it lapses (ISO 8601 or a Date); from then on its findings are open again. */
  readonly expires: string | Date;
}

/** What became of the suppressions given to a run. */
export interface SuppressionReport {
  /** Lapsed: their findings are open again (listed whether or not a finding still fails). */
  readonly expired: readonly Suppression[];
  /** In force but matching no finding: the risk is gone, the entry can be removed. */
  readonly unmatched: readonly Suppression[];
}

/** A name for a suppression in messages: its id, finding id or first check. */
export function suppressionLabel(s: Suppression): string {
  const first = (v: string | readonly string[] | undefined) => (typeof v === 'string' ? v : v?.[0]);
  return s.id ?? s.findingId ?? first(s.check) ?? first(s.entity) ?? 'suppression';
}

const list = (v: string | readonly string[] | undefined): readonly string[] | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? [v] : v;

function anyOf(
  patterns: readonly string[] | undefined,
): ((v: string | undefined) => boolean) | undefined {
  if (!patterns) return undefined;
  const res = patterns.map(wildcard);
  return (v) => v !== undefined && res.some((re) => re.test(v));
}

function tagsMatch(
  tags: Readonly<Record<string, string | true>>,
  subject: GraphEntity | undefined,
) {
  if (!subject) return false;
  return Object.entries(tags).every(([name, value]) => {
    const own = subject[`tag.${name}`];
    if (value === true) {
      const listed = Array.isArray(subject.tags) && (subject.tags as unknown[]).includes(name);
      return (own !== undefined && own !== null) || listed;
    }
    return own === value;
  });
}

/** A suppression ready to test findings against. */
interface Matcher {
  readonly suppression: Suppression;
  matches(finding: Finding, subject: GraphEntity | undefined): boolean;
}

function matcherOf(s: Suppression): Matcher {
  if (s.findingId === undefined && s.check === undefined && s.entity === undefined && !s.tags) {
    throw new TypeError(
      `suppression ${suppressionLabel(s)}: name a findingId, check, entity or tags (a rule without one would hold every finding)`,
    );
  }
  if (typeof s.reason !== 'string' || s.reason.trim() === '') {
    throw new TypeError(`suppression ${suppressionLabel(s)}: give a reason`);
  }
  const check = anyOf(list(s.check));
  const connection = anyOf(list(s.connection));
  const entity = anyOf(list(s.entity));
  return {
    suppression: s,
    matches: (f, subject) =>
      (s.findingId === undefined || s.findingId === f.id) &&
      (!check || check(f.checkId)) &&
      (!connection || connection(f.connection)) &&
      (!entity || entity(f.evidence.entities[0])) &&
      (!s.tags || tagsMatch(s.tags, subject)),
  };
}

/** The suppressions of one run: which are in force at `now`, and which finding each holds. */
export interface SuppressionSet {
  /** The entry in force that holds `finding` (the first that matches, in the order given). */
  holding(finding: Finding, subject: GraphEntity | undefined): Suppression | undefined;
  /** Lapsed entries, and entries in force that held nothing so far. */
  report(): SuppressionReport;
}

/**
 * Splits suppressions into those in force at `now` and the lapsed ones, and matches findings.
 *
 * @throws TypeError for an entry whose `expires` is no date, that gives no reason, or that names
 *   no finding, check, entity or tag.
 */
export function suppressionSet(suppressions: readonly Suppression[], now: Date): SuppressionSet {
  const active: Matcher[] = [];
  const expired: Suppression[] = [];
  for (const s of suppressions) {
    const expires = new Date(s.expires).getTime();
    if (Number.isNaN(expires)) {
      throw new TypeError(`suppression of ${suppressionLabel(s)}: expires is not a date`);
    }
    const matcher = matcherOf(s);
    if (expires > now.getTime()) active.push(matcher);
    else expired.push(s);
  }
  const used = new Set<Matcher>();
  return {
    holding(finding, subject) {
      const m = active.find((a) => a.matches(finding, subject));
      if (m) used.add(m);
      return m?.suppression;
    },
    report: () => ({
      expired,
      unmatched: active.filter((m) => !used.has(m)).map((m) => m.suppression),
    }),
  };
}
