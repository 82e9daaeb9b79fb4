// The report's compliance sections, drawn from the built-in checks' report: each framework's and
// each control's status and score; the checks passed, failed, held by an accepted risk (with its
// reason, approver and expiry) and not evaluated (with why); the thresholds and baselines used;
// and what became of the mutelist.
import { defaultChecks, type PostureReport, type Suppression } from '@org/connector-posture';
import { esc } from './escape.js';

type Status = 'PASS' | 'FAIL' | 'NOT EVALUATED';

const statusOf = (s: { passed: number; failed: number }): Status =>
  s.failed > 0 ? 'FAIL' : s.passed > 0 ? 'PASS' : 'NOT EVALUATED';

const badge = (s: Status) =>
  `<span class="status status-${s === 'PASS' ? 'pass' : s === 'FAIL' ? 'fail' : 'none'}">${s}</span>`;

const score = (n: number | null) => (n === null ? '—' : `${n}%`);

const table = (id: string, headers: readonly string[], rows: readonly string[][]) =>
  rows.length === 0
    ? `<p class="muted" id="${id}">None.</p>`
    : `<table id="${id}"><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

/** Per framework: its status and score, then a row per control with the checks behind it. */
export function frameworksSection(report: PostureReport): string {
  const overall = report.scores.overall;
  const byControl = (framework: string, control: string) =>
    report.checks
      .filter((c) => c.frameworks.some((f) => f.framework === framework && f.control === control))
      .map((c) => c.id);
  const frameworks = Object.entries(report.scores.frameworks).map(([framework, s]) => {
    const controls = Object.entries(s.controls)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([control, c]) => [
        esc(control),
        badge(statusOf(c)),
        score(c.score),
        String(c.passed),
        String(c.failed),
        String(c.notEvaluated),
        byControl(framework, control)
          .map((id) => `<code>${esc(id)}</code>`)
          .join(' '),
      ]);
    const id = `framework-${framework.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    return `<h3 id="${id}">${esc(framework)} ${badge(statusOf(s))} <span class="score">${score(s.score)}</span></h3><p class="muted">${s.passed} check results passed, ${s.failed} failed, ${s.notEvaluated} not evaluated.</p>${table(`${id}-controls`, ['control', 'status', 'score', 'passed', 'failed', 'not evaluated', 'checks'], controls)}`;
  });
  return `<p id="overall">Overall: ${badge(statusOf(overall))} <span class="score">${score(overall.score)}</span> — ${overall.passed} check results passed, ${overall.failed} failed, ${overall.notEvaluated} not evaluated (never counted as passed). A score is the share passed of the results judged.</p>${frameworks.join('\n')}`;
}

const expiry = (s: Suppression) => new Date(s.expires).toISOString().slice(0, 10);

/** The checks by outcome, the thresholds used and the mutelist's lapsed and unused entries. */
export function checksSection(report: PostureReport): string {
  const title = new Map(report.checks.map((c) => [c.id, c]));
  const check = (id: string) =>
    `${esc(title.get(id)?.title ?? id)}<br><span class="muted">${esc(id)}</span>`;
  const severity = (id: string) => {
    const s = title.get(id)?.severity ?? '';
    return `<span class="sev sev-${esc(s)}">${esc(s)}</span>`;
  };
  const failed = report.results
    .filter((r) => r.status === 'fail')
    .map((r) => [
      check(r.checkId),
      severity(r.checkId),
      esc(r.connection ?? 'cross-vendor'),
      String(r.findings),
    ]);
  const suppressed = report.suppressed.map(({ finding, suppression }) => [
    check(finding.checkId),
    esc(finding.message),
    esc(finding.connection ?? 'cross-vendor'),
    esc(suppression.reason),
    esc(suppression.approver ?? ''),
    esc(expiry(suppression)),
    esc(suppression.id ?? ''),
  ]);
  const notEvaluated = report.notEvaluated.map((n) => [
    check(n.checkId),
    esc(n.connection ?? 'graph'),
    esc(n.code),
    esc(n.reason),
  ]);
  const passed = report.results
    .filter((r) => r.status === 'pass')
    .map((r) => [
      check(r.checkId),
      severity(r.checkId),
      esc(r.connection ?? 'cross-vendor'),
      r.suppressed > 0 ? `passed with ${r.suppressed} accepted risks` : 'passed',
    ]);
  const defaults = new Map(defaultChecks.map((c) => [c.id, c.defaults]));
  const thresholds = Object.entries(report.checkOptions).map(([id, options]) => {
    const base = defaults.get(id) as Record<string, unknown> | undefined;
    const changed = Object.keys(options).filter(
      (k) => base === undefined || JSON.stringify(base[k]) !== JSON.stringify(options[k]),
    );
    return [
      `<code>${esc(id)}</code>`,
      Object.entries(options)
        .map(
          ([k, v]) =>
            `${esc(k)}: <code>${esc(typeof v === 'object' ? JSON.stringify(v) : String(v))}</code>`,
        )
        .join('<br>'),
      changed.length > 0
        ? `<b>set for this run</b>: ${esc(changed.join(', '))}`
        : 'built-in default',
    ];
  });
  const entry = (s: Suppression) => [
    esc(s.id ?? s.findingId ?? ''),
    esc(s.reason),
    esc(s.approver ?? ''),
    esc(expiry(s)),
  ];
  return [
    `<h3 id="checks-failed">Failed (${failed.length})</h3>`,
    table('failed-checks', ['check', 'severity', 'connection', 'open findings'], failed),
    `<h3 id="checks-suppressed">Suppressed: accepted risks (${suppressed.length})</h3>`,
    table(
      'suppressed-findings',
      ['check', 'finding', 'connection', 'reason', 'approver', 'expires', 'entry'],
      suppressed,
    ),
    `<h3 id="checks-not-evaluated">Not evaluated (${notEvaluated.length})</h3>`,
    table('not-evaluated-checks', ['check', 'connection', 'code', 'why'], notEvaluated),
    `<h3 id="checks-passed">Passed (${passed.length})</h3>`,
    table('passed-checks', ['check', 'severity', 'connection', 'result'], passed),
    '<h3 id="thresholds">Thresholds and baselines used</h3>',
    table('thresholds-table', ['check', 'options', 'source'], thresholds),
    `<h3 id="mutelist">Accepted-risk entries that lapsed or matched nothing (${report.suppressions.expired.length + report.suppressions.unmatched.length})</h3>`,
    table(
      'mutelist-expired',
      ['lapsed entry (its findings are open again)', 'reason', 'approver', 'expired'],
      report.suppressions.expired.map(entry),
    ),
    table(
      'mutelist-unmatched',
      ['entry that matched no finding', 'reason', 'approver', 'expires'],
      report.suppressions.unmatched.map(entry),
    ),
  ].join('\n');
}
