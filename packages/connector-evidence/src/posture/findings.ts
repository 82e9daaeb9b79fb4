import type { GraphSnapshot } from '@org/connector-graph';

/**
 * One posture finding as the bundle needs it: `@org/connector-posture`'s `Finding` fits, and so
 * does any other checker's result of this shape.
 */
export interface EvidenceFinding {
  /** Stable id, such as `<check id>:<entity key>`. */
  readonly id: string;
  /** The check that found it. */
  readonly checkId: string;
  /** The check's title. */
  readonly title: string;
  /** `critical`, `high`, `medium`, `low` or `informational` (others sort last). */
  readonly severity: string;
  /** The connection the subject belongs to, when it belongs to one. */
  readonly connection?: string | undefined;
  /** One sentence: what is wrong. */
  readonly message: string;
  /** What the finding rests on: the entity keys involved, subject first. */
  readonly evidence: { readonly entities: readonly string[] };
  /** How to fix it. */
  readonly remediation?:
    | { readonly text: string; readonly console?: string | undefined }
    | undefined;
}

/** What a posture hook returns: its findings, and whatever else it reports (kept as JSON). */
export interface PostureInput {
  /** Open findings. */
  readonly findings: readonly EvidenceFinding[];
  /** Checks that could not be judged, and why; listed under "not collected" in the manifest. */
  readonly notEvaluated?:
    | readonly {
        readonly checkId: string;
        readonly connection?: string | undefined;
        readonly reason: string;
      }[]
    | undefined;
}

/** Runs posture checks over the collected graph, such as `(s) => runPosture(s)`. */
export type PostureHook = (snapshot: GraphSnapshot) => PostureInput | Promise<PostureInput>;

/** Severities, worst first; the report groups findings in this order. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'informational'] as const;

/** Sort rank of a severity: unknown ones last. */
export function severityRank(severity: string): number {
  const i = (SEVERITY_ORDER as readonly string[]).indexOf(severity);
  return i === -1 ? SEVERITY_ORDER.length : i;
}
