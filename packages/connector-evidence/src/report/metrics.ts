import type { GraphEntity, GraphSnapshot } from '@org/connector-graph';

/** Counts of a yes/no property over one connection's entities; `unknown` lacks the field. */
export interface Coverage {
  readonly connection: string;
  readonly yes: number;
  readonly no: number;
  readonly unknown: number;
}

// Where each vendor keeps the property (the graph keeps vendor fields flat). The first field an
// entity has wins.
const MFA_FIELDS = ['mfa.configured', 'totp_enabled', 'enableMultiFactor', 'mfa_enabled'];
const FDE_FIELDS = ['fde.active', 'filevault_enabled', 'encrypted', 'encryption_status'];
const LAST_SEEN_FIELDS = ['lastContact', 'last_reported', 'last_check_in', 'last_seen'];
const OS_NAME_FIELDS = ['os_name', 'os', 'platform'];
const OS_VERSION_FIELDS = ['os_version', 'version'];

function first(e: GraphEntity, fields: readonly string[]): unknown {
  for (const f of fields) if (e[f] !== undefined && e[f] !== null && e[f] !== '') return e[f];
  return undefined;
}

function truthy(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (['true', 'on', 'enabled', 'encrypted', 'yes'].includes(v)) return true;
    if (['false', 'off', 'disabled', 'not encrypted', 'no'].includes(v)) return false;
  }
  return undefined;
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

function coverage(snapshot: GraphSnapshot, kind: string, fields: readonly string[]): Coverage[] {
  const out: Coverage[] = [];
  for (const [connection, list] of byConnection(snapshot, kind)) {
    let yes = 0;
    let no = 0;
    let unknown = 0;
    for (const e of list) {
      const v = truthy(first(e, fields));
      if (v === true) yes++;
      else if (v === false) no++;
      else unknown++;
    }
    // A connection whose entities never carry the field has no data, not zero coverage.
    if (yes + no > 0) out.push({ connection, yes, no, unknown });
  }
  return out;
}

/** MFA of users and administrators, per connection that reports it. */
export function mfaCoverage(snapshot: GraphSnapshot): Coverage[] {
  const users = coverage(snapshot, 'user', MFA_FIELDS);
  const admins = coverage(snapshot, 'administrator', MFA_FIELDS).map((c) => ({
    ...c,
    connection: `${c.connection} (administrators)`,
  }));
  return [...users, ...admins];
}

/** Disk encryption of devices, per connection that reports it. */
export function diskEncryption(snapshot: GraphSnapshot): Coverage[] {
  return coverage(snapshot, 'device', FDE_FIELDS);
}

/** Devices not seen for `staleDays` before `now` (`yes` = stale), per connection reporting it. */
export function staleDevices(snapshot: GraphSnapshot, now: Date, staleDays: number): Coverage[] {
  const limit = now.getTime() - staleDays * 86_400_000;
  const out: Coverage[] = [];
  for (const [connection, list] of byConnection(snapshot, 'device')) {
    let yes = 0;
    let no = 0;
    let unknown = 0;
    for (const e of list) {
      const seen = first(e, LAST_SEEN_FIELDS);
      const t = typeof seen === 'string' ? Date.parse(seen) : Number.NaN;
      if (Number.isNaN(t)) unknown++;
      else if (t < limit) yes++;
      else no++;
    }
    if (yes + no > 0) out.push({ connection, yes, no, unknown });
  }
  return out;
}

/** Devices per operating system and version (`macOS 14.1`), most common first. */
export function osVersions(snapshot: GraphSnapshot): Array<{ label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of snapshot.entities.values()) {
    if (e._kind !== 'device') continue;
    const name = first(e, OS_NAME_FIELDS);
    const version = first(e, OS_VERSION_FIELDS);
    if (name === undefined && version === undefined) continue;
    const label = [name, version].filter((x) => x !== undefined).join(' ');
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
