import type { GraphEntity, GraphSnapshot } from '@org/connector-graph';
import type { PostureCoverage, PostureReport } from '@org/connector-posture';
import type { ManifestConnection, NotCollected } from '../manifest/manifest.js';
import type { PiiMode } from '../pii/pii.js';
import { type EvidenceFinding, severityRank } from '../posture/findings.js';
import { recordsPath } from '../records/records.js';
import { aboutSection, collectionSection, type ReportAbout } from './audit.js';
import { barChart, coverageChart } from './charts.js';
import { checksSection, frameworksSection } from './compliance.js';
import { anchorOf, esc } from './escape.js';
import { byConnection, coverageOf, osVersions } from './metrics.js';
import { REPORT_CSS } from './style.js';

/** What the report is drawn from. */
export interface ReportInput {
  readonly snapshot: GraphSnapshot;
  readonly connections: readonly ManifestConnection[];
  readonly notCollected: readonly NotCollected[];
  /** `undefined` when no posture hook ran. */
  readonly findings: readonly EvidenceFinding[] | undefined;
  /** The built-in checks' whole report, for the compliance sections; undefined for another checker. */
  readonly posture?: PostureReport | undefined;
  /** Who, with what and how: the manifest's head. */
  readonly about: ReportAbout;
  /** What the posture checks of MFA, encryption and staleness judged: charts and tables use it. */
  readonly coverage: PostureCoverage;
  readonly createdAt: Date;
  readonly staleDays: number;
  readonly maxRows: number;
  readonly pii: { emails: PiiMode; names: PiiMode; identifiers: PiiMode };
}

const value = (e: GraphEntity, ...fields: string[]): string => {
  for (const f of fields) {
    const v = e[f];
    if (v !== undefined && v !== null && v !== '')
      return Array.isArray(v) ? v.join(', ') : String(v);
  }
  return '';
};

const connectionOf = (e: GraphEntity) => e._source.split('/')[0] ?? '';

function table(
  headers: readonly string[],
  entities: readonly GraphEntity[],
  cells: (e: GraphEntity) => readonly string[],
  maxRows: number,
): string {
  if (entities.length === 0) return '<p class="muted">None collected.</p>';
  const rows = entities
    .slice(0, maxRows)
    .map(
      (e) =>
        `<tr id="${anchorOf(e._key)}">${cells(e)
          .map((c) => `<td>${c}</td>`)
          .join('')}<td><a href="${esc(recordsPath(e._source))}">${esc(e._source)}</a></td></tr>`,
    )
    .join('\n');
  const more =
    entities.length > maxRows
      ? `<p class="muted">The first ${maxRows} of ${entities.length}; every record is in the records files.</p>`
      : '';
  return `<table><thead><tr>${[...headers, 'records']
    .map((h) => `<th>${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>\n${rows}\n</tbody></table>${more}`;
}

/** `true`/`false` as the posture check of `metric` judged the entity; empty when it did not. */
function verdict(input: ReportInput, metric: string, e: GraphEntity): string {
  const v = input.coverage.verdicts[metric]?.get(e._key);
  return v === undefined ? '' : String(v === 'pass');
}

function yesNo(text: string): string {
  if (text === 'true') return '<span class="ok">yes</span>';
  if (text === 'false') return '<span class="bad">no</span>';
  return esc(text);
}

function kindOf(snapshot: GraphSnapshot, ...kinds: string[]): GraphEntity[] {
  const order = new Map(snapshot.connections.map((c, i) => [c.name, i]));
  return [...snapshot.entities.values()]
    .filter((e) => kinds.includes(e._kind))
    .sort(
      (a, b) =>
        (order.get(connectionOf(a)) ?? 0) - (order.get(connectionOf(b)) ?? 0) ||
        a.displayName.localeCompare(b.displayName),
    );
}

function summary(input: ReportInput): string {
  const { snapshot, findings } = input;
  const count = (kind: string) => byConnection(snapshot, kind);
  const users = count('user');
  const devices = count('device');
  const policies = count('policy');
  const rows = input.connections.map((c) => {
    const complete = c.resources.filter((r) => r.complete).length;
    const tenant = c.identity
      ? `${c.identity.host} · ${c.identity.tenant}`
      : '<span class="muted">unknown</span>';
    const open = findings?.filter((f) => f.connection === c.name).length;
    return `<tr><td>${esc(c.name)}</td><td>${esc(c.vendor)}</td><td>${c.identity ? esc(tenant) : tenant}</td><td>${users.get(c.name)?.length ?? 0}</td><td>${devices.get(c.name)?.length ?? 0}</td><td>${policies.get(c.name)?.length ?? 0}</td><td class="${complete === c.resources.length ? 'ok' : 'bad'}">${complete} of ${c.resources.length}</td><td>${open === undefined ? '<span class="muted">not run</span>' : open}</td></tr>`;
  });
  return `<table id="summary"><thead><tr><th>connection</th><th>vendor</th><th>tenant</th><th>users</th><th>devices</th><th>policies</th><th>resources complete</th><th>findings</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingsSection(input: ReportInput): string {
  const { findings, snapshot } = input;
  if (findings === undefined) {
    return '<p class="muted">Posture checks were not run for this bundle.</p>';
  }
  if (findings.length === 0) return '<p class="ok">No open findings.</p>';
  const severities = [...new Set(findings.map((f) => f.severity))].sort(
    (a, b) => severityRank(a) - severityRank(b),
  );
  const counts = severities
    .map(
      (s) =>
        `<span class="sev sev-${esc(s)}">${esc(s)}: ${findings.filter((f) => f.severity === s).length}</span>`,
    )
    .join(' ');
  const link = (key: string) => {
    const e = snapshot.entities.get(key);
    if (!e) return esc(key);
    const inTables = ['user', 'administrator', 'device', 'policy'].includes(e._kind);
    const target = inTables ? `#${anchorOf(key)}` : recordsPath(e._source);
    return `<a href="${esc(target)}">${esc(e.displayName || key)}</a>`;
  };
  const groups = severities.map((s) => {
    const list = findings
      .filter((f) => f.severity === s)
      .map(
        (f) =>
          `<tr><td>${esc(f.title)}<br><span class="muted">${esc(f.checkId)}</span></td><td>${esc(f.connection ?? '')}</td><td>${esc(f.message)}</td><td>${f.evidence.entities.map(link).join('<br>')}</td><td>${esc(f.remediation?.text ?? '')}</td></tr>`,
      )
      .join('\n');
    return `<h3 id="severity-${esc(s)}"><span class="sev sev-${esc(s)}">${esc(s)}</span> ${findings.filter((f) => f.severity === s).length}</h3><table><thead><tr><th>check</th><th>connection</th><th>finding</th><th>evidence</th><th>remediation</th></tr></thead><tbody>${list}</tbody></table>`;
  });
  return `<p>${counts}</p>${groups.join('\n')}`;
}

function charts(input: ReportInput): string {
  const { snapshot, coverage } = input;
  const out: string[] = [];
  const mfa = coverageOf(snapshot, coverage, 'mfa');
  if (mfa.length > 0) {
    out.push(
      `<div class="chart" id="chart-mfa"><h3>MFA coverage</h3>${coverageChart('MFA coverage', mfa, { yes: 'MFA on', no: 'MFA off', unknown: 'not judged' })}</div>`,
    );
  }
  const fde = coverageOf(snapshot, coverage, 'encryption');
  if (fde.length > 0) {
    out.push(
      `<div class="chart" id="chart-fde"><h3>Disk encryption</h3>${coverageChart('Disk encryption coverage', fde, { yes: 'encrypted', no: 'not encrypted', unknown: 'not judged' })}</div>`,
    );
  }
  const os = osVersions(snapshot);
  if (os.length > 0) {
    out.push(
      `<div class="chart" id="chart-os"><h3>Operating systems</h3>${barChart('Devices by operating system version', os)}</div>`,
    );
  }
  const stale = coverageOf(snapshot, coverage, 'stale', true);
  if (stale.length > 0) {
    out.push(
      `<div class="chart" id="chart-stale"><h3>Stale devices (not seen for ${input.staleDays} days)</h3>${coverageChart('Stale devices', stale, { yes: 'stale', no: 'seen recently', unknown: 'not judged' }, false)}</div>`,
    );
  }
  return out.length > 0
    ? `<div class="charts">${out.join('')}</div>`
    : '<p class="muted">The connections report none of the fields the charts need.</p>';
}

/**
 * The bundle's `report.html`: one self-contained page (inline CSS and SVG, no script, a
 * content security policy that forbids every fetch) with a summary per connection, what was not
 * collected, findings by severity linked to their evidence, charts and the people, device and
 * policy tables.
 */
export function renderReport(input: ReportInput): string {
  const { snapshot } = input;
  const users = kindOf(snapshot, 'user', 'administrator');
  const devices = kindOf(snapshot, 'device');
  const policies = kindOf(snapshot, 'policy');
  const results = new Map<string, { pass: number; fail: number }>();
  for (const r of snapshot.relationships.values()) {
    if (r._class !== 'ENFORCES') continue;
    const c = results.get(r._fromEntityKey) ?? { pass: 0, fail: 0 };
    if (r.success === true) c.pass++;
    else if (r.success === false) c.fail++;
    results.set(r._fromEntityKey, c);
  }
  const notCollected =
    input.notCollected.length === 0
      ? '<p class="ok">Everything was collected.</p>'
      : `<ul id="not-collected">${input.notCollected.map((n) => `<li><b>${esc(n.what)}</b>: ${esc(n.reason)}</li>`).join('')}</ul>`;
  const pii =
    input.pii.emails === 'keep' && input.pii.names === 'keep' && input.pii.identifiers === 'keep'
      ? ''
      : ` · emails: ${esc(input.pii.emails)}, names: ${esc(input.pii.names)}, identifiers: ${esc(input.pii.identifiers)}`;
  const compliance = input.posture
    ? `<h2 id="compliance">Compliance by framework and control</h2>
${frameworksSection(input.posture)}
<h2 id="checks">Checks</h2>
${checksSection(input.posture)}`
    : '<h2 id="compliance">Compliance by framework and control</h2>\n<p class="muted">The built-in posture checks did not run for this bundle.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence report ${esc(input.createdAt.toISOString())}</title>
<style>${REPORT_CSS}</style></head>
<body>
<h1>Evidence report</h1>
<p class="meta">Collected from ${esc(snapshot.takenAt.toISOString())} · written ${esc(input.createdAt.toISOString())} (UTC) · ${snapshot.complete ? '<span class="ok">complete</span>' : '<span class="bad">incomplete</span>'}${pii} · the hash of every file is in <a href="manifest.json">manifest.json</a></p>
<h2 id="about-heading">About this bundle</h2>
${aboutSection(input.about)}
<h2 id="connections">Connections</h2>
${summary(input)}
${collectionSection(input.connections)}
${compliance}
<h2 id="not-collected-heading">Not collected</h2>
${notCollected}
<h2 id="findings">Findings</h2>
${findingsSection(input)}
<h2 id="charts">Charts</h2>
${charts(input)}
<h2 id="users">Users and administrators</h2>
${table(['connection', 'name', 'email', 'kind', 'active', 'MFA'], users, (e) => [esc(connectionOf(e)), esc(e.displayName), esc(value(e, 'email')), esc(e._kind), yesNo(value(e, 'active')), yesNo(verdict(input, 'mfa', e))], input.maxRows)}
<h2 id="devices">Devices</h2>
${table(['connection', 'name', 'operating system', 'encrypted', 'last seen'], devices, (e) => [esc(connectionOf(e)), esc(e.displayName), esc([value(e, 'osName'), value(e, 'osVersion')].join(' ').trim()), yesNo(verdict(input, 'encryption', e)), esc(typeof e.lastSeenOn === 'number' ? new Date(e.lastSeenOn).toISOString() : '')], input.maxRows)}
<h2 id="policies">Policies</h2>
${table(['connection', 'name', 'template', 'devices passing', 'devices failing'], policies, (e) => [esc(connectionOf(e)), esc(e.displayName), esc(value(e, 'template.name')), String(results.get(e._key)?.pass ?? 0), String(results.get(e._key)?.fail ?? 0)], input.maxRows)}
</body></html>
`;
}
