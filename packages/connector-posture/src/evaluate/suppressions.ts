/** An accepted risk: a finding id held open no longer until `expires`. */
export interface Suppression {
  /** The finding's id (`<check id>:<entity key>`). */
  readonly findingId: string;
  /** Why it is accepted: shown wherever the finding is. */
  readonly reason: string;
  /** When it lapses (ISO 8601 or a Date); from then on the finding is open again. */
  readonly expires: string | Date;
}

/** What became of the suppressions given to a run. */
export interface SuppressionReport {
  /** Lapsed: their findings are open again (listed whether or not the finding still fails). */
  readonly expired: readonly Suppression[];
  /** In force but matching no finding: the risk is gone, the entry can be removed. */
  readonly unmatched: readonly Suppression[];
}

/** The suppressions in force at `now`, by finding id, and the lapsed ones. */
export function partitionSuppressions(
  suppressions: readonly Suppression[],
  now: Date,
): { active: Map<string, Suppression>; expired: Suppression[] } {
  const active = new Map<string, Suppression>();
  const expired: Suppression[] = [];
  for (const s of suppressions) {
    const expires = new Date(s.expires).getTime();
    if (Number.isNaN(expires)) {
      throw new TypeError(`suppression of ${s.findingId}: expires is not a date`);
    }
    if (expires > now.getTime()) active.set(s.findingId, s);
    else expired.push(s);
  }
  return { active, expired };
}
