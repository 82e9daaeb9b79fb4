// The report's "About this bundle": who collected it, with which tool, command and options, over
// which connections, when each was read, and how personal data was handled. What an auditor
// writes down before signing off.
import type { EvidenceManifest, ManifestConnection } from '../manifest/manifest.js';
import { esc } from './escape.js';

/** The manifest's head, as the report shows it. */
export type ReportAbout = Pick<
  EvidenceManifest,
  | 'createdAt'
  | 'collectionStartedAt'
  | 'collectedBy'
  | 'tool'
  | 'command'
  | 'options'
  | 'scope'
  | 'packages'
  | 'pii'
>;

const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${value}</td></tr>`;

/** An option's value in one line: lists joined, objects as compact JSON. */
const optionText = (value: unknown) =>
  Array.isArray(value)
    ? value.map(String).join(', ')
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);

/** The "About this bundle" table. */
export function aboutSection(about: ReportAbout): string {
  const tool = about.tool
    ? `${about.tool.name} ${about.tool.version}`
    : `@org/connector-evidence ${about.packages['@org/connector-evidence'] ?? ''}`;
  const options = Object.entries(about.options ?? {}).filter(
    ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
  );
  const pii = about.pii;
  return `<table id="about" class="facts"><tbody>${[
    row('tool', esc(tool)),
    row('operator', esc(about.collectedBy.operator)),
    row('host', esc(about.collectedBy.host)),
    row(
      'command line',
      about.command ? `<code>${esc(about.command)}</code>` : '<span class="muted">not given</span>',
    ),
    row(
      'options',
      options.length > 0
        ? options.map(([k, v]) => `<code>${esc(k)}</code>: ${esc(optionText(v))}`).join('<br>')
        : '<span class="muted">defaults</span>',
    ),
    row('scope', esc(about.scope.connections.join(', '))),
    row('collected', `${esc(about.collectionStartedAt)} (UTC)`),
    row('written', `${esc(about.createdAt)} (UTC)`),
    row(
      'personal data',
      `emails: ${esc(pii.emails)} · names: ${esc(pii.names)} · identifiers (employee ids, serials, UDIDs, phones, addresses): ${esc(pii.identifiers)}`,
    ),
    row(
      'integrity',
      'the SHA-256 of every file is in <a href="manifest.json">manifest.json</a>; its digest, recorded outside the bundle or signed (<code>manifest.sig</code>), proves the manifest',
    ),
  ].join('')}</tbody></table>`;
}

/** The per-connection collection table: credential, when it was read, how it went. */
export function collectionSection(connections: readonly ManifestConnection[]): string {
  const rows = connections.map((c) => {
    const credential = c.credential
      ? Object.entries(c.credential)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')
      : '';
    const status = c.collection.status;
    const cls = status === 'complete' ? 'ok' : 'bad';
    const errors = [
      ...new Set(
        c.resources.flatMap((r) => (r.error ? [`${r.error.code}: ${r.error.message}`] : [])),
      ),
    ];
    return `<tr><td>${esc(c.name)}</td><td>${esc(credential)}</td><td>${esc(c.collection.startedAt)}</td><td>${esc(c.collection.finishedAt)}</td><td class="${cls}">${esc(status)}</td><td>${errors.map(esc).join('<br>')}</td></tr>`;
  });
  return `<table id="collection"><thead><tr><th>connection</th><th>credential</th><th>started (UTC)</th><th>finished (UTC)</th><th>status</th><th>errors</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
