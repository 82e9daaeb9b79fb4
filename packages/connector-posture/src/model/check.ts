import type {
  EntityKind,
  GraphEntity,
  GraphRelationship,
  GraphSnapshot,
  GraphValue,
  RelationshipClass,
} from '@org/connector-graph';

/** How bad a finding is; the order of {@link SEVERITIES}. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'informational';

/** Every severity, worst first. */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
];

/** A framework a check maps to. */
export type Framework = 'CIS Controls v8' | 'SOC 2' | 'ISO/IEC 27001:2022';

/** Every framework the built-in checks map to. */
export const FRAMEWORKS: readonly Framework[] = ['CIS Controls v8', 'SOC 2', 'ISO/IEC 27001:2022'];

/** One control of a framework a check supports, such as `{ framework: 'SOC 2', control: 'CC6.1' }`. */
export interface FrameworkRef {
  readonly framework: Framework;
  /** The control or safeguard id: `6.5` (CIS), `CC6.1` (SOC 2), `A.8.5` (ISO/IEC 27001 Annex A). */
  readonly control: string;
}

/**
 * One resource a check reads: a connection's resource (`users`, `systems`...) as the graph names
 * it in `snapshot.resources`. `kind` and `fields` say which entities and vendor fields it needs:
 * when a connection's entities of that kind carry none of `fields` (the connector does not read
 * them), the check is not evaluated for that connection.
 */
export interface ResourceRead {
  /** The resource, as in `ResourceStatus.resource` (`users`, `groupMembers`, `devices`...). */
  readonly resource: string;
  /** The entity kind the fields are looked for on. */
  readonly kind?: EntityKind | undefined;
  /** Vendor fields (flattened, `fde.active`), any one of which must be present. */
  readonly fields?: readonly string[] | undefined;
  /** Why the fields may be missing, said in the "not evaluated" reason. */
  readonly missingReason?: string | undefined;
}

/** What a check says about one failing entity (or the connection as a whole). */
export interface FindingInit {
  /** The entity the finding is about: its key names the finding (`<check id>:<key>`). */
  readonly entity: string;
  /** Further entities the evidence involves (a group the user is in, the person...). */
  readonly related?: readonly string[] | undefined;
  /** The failing fields and their values. */
  readonly fields: Readonly<Record<string, GraphValue | readonly string[] | undefined>>;
  /** One sentence: what is wrong with this entity. */
  readonly message: string;
}

/** What a check's function receives. */
export interface CheckInput<O = Record<string, unknown>> {
  /** The whole graph. */
  readonly snapshot: GraphSnapshot;
  /** The connection evaluated, for a vendor check; undefined for a cross-vendor check. */
  readonly connection: string | undefined;
  /** The time staleness is measured against (default: when the snapshot was taken). */
  readonly now: Date;
  /** The check's options: its defaults merged with the host's `options.checks[id]`. */
  readonly options: O;
  /** The connection's entities of one kind (every connection's, for a cross-vendor check). */
  entities(kind: EntityKind): GraphEntity[];
  /** The connection's relationships of one verb (every connection's, for a cross-vendor check). */
  relationships(verb: RelationshipClass): GraphRelationship[];
}

/** Where a remediation is done: what to change and the vendor console path. */
export interface Remediation {
  /** What to do. */
  readonly text: string;
  /** The console path, such as `JumpCloud Admin Portal › User Management › Users`. */
  readonly console: string;
}

/**
 * A posture check, as data: what it is, why it matters, how to fix it, which controls it supports,
 * what it reads and a pure function of the graph to findings.
 *
 * `vendor` scopes it: a vendor check runs once per connection of that vendor; a `cross-vendor`
 * check runs once over the whole graph.
 */
export interface PostureCheck<O = Record<string, unknown>> {
  /** Stable id, `<vendor>.<subject>.<problem>` (`jumpcloud.user.mfa_not_enrolled`). */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** `jumpcloud`, `kandji`, `hexnode` (a connector's `vendor`), or `cross-vendor`. */
  readonly vendor: string;
  /** Why it matters. */
  readonly rationale: string;
  readonly remediation: Remediation;
  readonly frameworks: readonly FrameworkRef[];
  /** Resources it reads, per connection (for a cross-vendor check: of every connection read). */
  readonly reads: readonly ResourceRead[];
  /**
   * Why the check cannot run on this graph at all (such as "no directory connection"), or
   * undefined. Checked before `reads`.
   */
  precondition?(snapshot: GraphSnapshot): string | undefined;
  /** Default options (thresholds); the host overrides them per check id. */
  readonly defaults?: O | undefined;
  /** The findings: one per failing entity. Pure: reads only its input. */
  evaluate(input: CheckInput<O>): FindingInit[];
  /**
   * For a check that judges each of a set of entities (every active user has MFA, every Mac has
   * FileVault): that set. Each subject is either a finding or a pass, so reports draw their
   * coverage charts and tables from the checks themselves (see `postureCoverage`).
   */
  subjects?(input: CheckInput<O>): GraphEntity[];
  /** The coverage the check's subjects count towards (`mfa`, `encryption`, `stale`). */
  readonly metric?: string | undefined;
}

/** A check of any option type: what lists of checks hold. */
// biome-ignore lint/suspicious/noExplicitAny: options differ per check; each check types its own.
export type AnyPostureCheck = PostureCheck<any>;

/**
 * Declares a check with its option type inferred from `defaults`: host apps register their own
 * this way, next to {@link defaultChecks}.
 */
export function defineCheck<O extends Record<string, unknown> = Record<string, unknown>>(
  check: PostureCheck<O>,
): PostureCheck<O> {
  if (!/^[a-z0-9-]+(\.[a-z0-9_-]+)+$/.test(check.id)) {
    throw new TypeError(`check id "${check.id}" must look like vendor.subject.problem`);
  }
  return check;
}
