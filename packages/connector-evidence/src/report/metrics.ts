import type { GraphEntity, GraphSnapshot } from '@org/connector-graph';
import type { PostureCoverage } from '@org/connector-posture';

/** Counts of a yes/no property over one connection's entities; `unknown` was not judged. */
export interface Coverage {
  readonly connection: string;
  readonly yes: number;
  readonly no: number;
  readonly unknown: number;
}

/** The entities of one kind, by connection (in the snapshot's connection order). */
export function byConnection(snapshot: GraphSnapshot, kind: string): Map<string, GraphEntity[]> {
  const out = new Map<string, GraphEntity[]>(snapshot.connections.map((c) => [c.name, []]));
  for (const e of snapshot.entities.values()) {
    if (e._kind !== kind) continue;
    const connection = e._source.split('/')[0] ?? '';
    out.get(connection)?.push(e);
  }
  return out;
}

/**
 * One chart row per connection (and kind of subject) from the posture checks of `metric`:
 * `yes` the subjects with a finding when `yesIsFailure` (stale devices), else the ones passing
 * (MFA on, encrypted); `unknown` the entities of that kind the checks did not judge (inactive
 * users, iPhones for FileVault, devices without an encryption state). The counts are the checks'
 * own, so a chart always agrees with the findings.
 */
export function coverageOf(
  snapshot: GraphSnapshot,
  coverage: PostureCoverage,
  metric: string,
  yesIsFailure = false,
): Coverage[] {
  const rows = new Map<string, { yes: number; no: number; kind: string; connection: string }>();
  for (const r of coverage.rows) {
    if (r.metric !== metric) continue;
    const label =
      r.subjects === 'administrators' ? `${r.connection} (administrators)` : r.connection;
    const row = rows.get(label) ?? {
      yes: 0,
      no: 0,
      kind: r.subjects.replace(/s$/, ''),
      connection: r.connection,
    };
    row.yes += yesIsFailure ? r.failed : r.passed;
    row.no += yesIsFailure ? r.passed : r.failed;
    rows.set(label, row);
  }
  return [...rows].map(([connection, r]) => {
    const total = byConnection(snapshot, r.kind).get(r.connection)?.length ?? 0;
    return { connection, yes: r.yes, no: r.no, unknown: Math.max(0, total - r.yes - r.no) };
  });
}

/** Devices per operating system and version (`macOS 14.1`), most common first. */
export function osVersions(snapshot: GraphSnapshot): Array<{ label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of snapshot.entities.values()) {
    if (e._kind !== 'device') continue;
    const label = [e.osName, e.osVersion]
      .filter((x) => typeof x === 'string' && x !== '')
      .join(' ');
    if (label === '') continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
