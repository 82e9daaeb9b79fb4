// The bundle's posture files: open and suppressed findings as JSON, the whole report, and for the
// built-in checks their OCSF records (one per outcome, and one per framework requirement), the
// findings CSV and a compliance CSV per framework. Each passes through the PII redactor.
import type { GraphSnapshot } from '@org/connector-graph';
import {
  complianceTable,
  type Framework,
  findingsTable,
  type PostureReport,
  toOcsf,
} from '@org/connector-posture';
import { toCsv } from '../records/csv.js';
import type { PostureInput } from './findings.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const ndjson = (rows: readonly unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Whether a posture hook's result is a report of `@org/connector-posture`'s `runPosture`. */
export function isPostureReport(p: PostureInput | undefined): p is PostureReport & PostureInput {
  const r = p as Partial<PostureReport> | undefined;
  return Array.isArray(r?.results) && Array.isArray(r?.checks) && r?.scores !== undefined;
}

/** File name of a framework's compliance CSV: `SOC 2` → `soc-2.csv`. */
export const frameworkFile = (framework: string) =>
  `posture/compliance/${framework
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.csv`;

/** Options of {@link postureFiles}. */
export interface PostureFilesOptions {
  /** Rewrites personal data in every file (the bundle's PII options); default none. */
  redactor?: { deep<T>(value: T): T } | undefined;
  /** The product OCSF records name (default `connector-kit` and the posture package's version). */
  tool?: { name?: string | undefined; version?: string | undefined } | undefined;
}

/**
 * The posture files of a bundle, by path: `posture/findings.json`, `posture/posture.json` and,
 * for a report of the built-in checks, `posture/suppressed.json`, `posture/findings.ocsf.ndjson`
 * (one OCSF record per outcome), `posture/compliance.ocsf.ndjson` (one per framework
 * requirement), `posture/findings.csv` and `posture/compliance/<framework>.csv`.
 */
export function postureFiles(
  posture: PostureInput,
  snapshot: GraphSnapshot,
  options: PostureFilesOptions = {},
): Map<string, string> {
  const redactor = options.redactor ?? { deep: <T>(value: T) => value };
  const tool = options.tool;
  const files = new Map<string, string>();
  files.set('posture/findings.json', json(redactor.deep(posture.findings)));
  files.set('posture/posture.json', json(redactor.deep(posture)));
  if (!isPostureReport(posture)) return files;
  files.set('posture/suppressed.json', json(redactor.deep(posture.suppressed)));
  const product = tool ? { name: tool.name, version: tool.version } : undefined;
  files.set(
    'posture/findings.ocsf.ndjson',
    ndjson(redactor.deep(toOcsf(posture, { snapshot, product }))),
  );
  files.set(
    'posture/compliance.ocsf.ndjson',
    ndjson(redactor.deep(toOcsf(posture, { snapshot, product, perRequirement: true }))),
  );
  files.set('posture/findings.csv', toCsv(redactor.deep(findingsTable(posture, { snapshot }))));
  for (const framework of Object.keys(posture.scores.frameworks) as Framework[]) {
    files.set(
      frameworkFile(framework),
      toCsv(redactor.deep(complianceTable(posture, framework, { snapshot }))),
    );
  }
  return files;
}
