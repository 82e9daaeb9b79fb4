import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Connector } from '@org/connector-core';
import {
  type CollectEvent,
  type CollectOptions,
  collect,
  type GraphSnapshot,
  toGraphML,
  toJsonGraph,
  toNdjson,
} from '@org/connector-graph';
import {
  defaultChecks,
  type PostureCoverage,
  type PostureOptions,
  type PostureReport,
  postureCoverage,
  runPosture,
} from '@org/connector-posture';
import { writeArchive } from './bundle/archive.js';
import { sha256 } from './bundle/hash.js';
import { outputDirectory } from './bundle/output-dir.js';
import { type KeyInput, SIGNATURE_FILE, signDigest } from './bundle/signature.js';
import { sha256Sums } from './bundle/sums.js';
import { manifestDigest } from './manifest/canonical.js';
import {
  type EvidenceManifest,
  MANIFEST_FORMAT,
  type ManifestCollection,
  type ManifestConnection,
  type ManifestFile,
  type ManifestPosture,
  type NotCollected,
} from './manifest/manifest.js';
import { type Provenance, processIdentity } from './manifest/provenance.js';
import { packageVersions } from './manifest/versions.js';
import { NothingReadError } from './nothing-read-error.js';
import { createRedactor, IDENTIFIER_FIELDS, type PiiOptions } from './pii/pii.js';
import type { EvidenceFinding, PostureHook, PostureInput } from './posture/findings.js';
import { isPostureReport, postureFiles } from './posture/posture-files.js';
import { recordFiles } from './records/records.js';
import { renderReport } from './report/html.js';
import type { RequestLog } from './requests/request-log.js';

/** Options of {@link collectEvidence}. */
export interface EvidenceOptions {
  /** The bundle directory. It is created; an existing one must be empty. */
  out: string;
  /** The archive file (`.tar.gz`); default `<out>.tar.gz`; `false` writes none. */
  archive?: string | false | undefined;
  /**
   * The request log the connectors report to (`onEvent: log.handler(name)`): the manifest's API
   * paths with request, page and item counts. Without it they are listed as not collected.
   */
  requests?: RequestLog | undefined;
  /**
   * The posture findings. Default: `@org/connector-posture`'s built-in checks (`runPosture`);
   * its `PostureOptions` (checks, thresholds, suppressions) to tune them; a function of the graph
   * for another checker; `false` for none.
   */
  posture?: PostureHook | PostureOptions | false | undefined;
  /** Hash or drop emails, names and identifiers (serials, phones...) in every file of the bundle. */
  pii?: PiiOptions | undefined;
  /** Who collects, with which tool, command and options: recorded in the manifest and report. */
  provenance?: Provenance | undefined;
  /**
   * An Ed25519 private key (PEM text or a `KeyObject`): the bundle gets `manifest.sig`, a
   * detached signature of the manifest digest that `verifyEvidence(path, { publicKey })` checks.
   */
  sign?: KeyInput | undefined;
  /** Options passed to the graph's `collect` (people, budget policy, adapters, signal). */
  collect?: Omit<CollectOptions, 'onEvent' | 'now'> | undefined;
  /** A graph already collected, instead of collecting one (resources are stamped with its time). */
  snapshot?: GraphSnapshot | undefined;
  /** Receives the graph collector's events (progress, estimate, resources). */
  onEvent?: ((event: CollectEvent) => void) | undefined;
  /** The clock (default `Date.now`): collected-at times and the bundle's creation time. */
  now?: (() => number) | undefined;
  /** Devices not seen for this many days count as stale in the report (default 30). */
  staleAfterDays?: number | undefined;
  /** Rows per table in the report (default 5000); every record is in the records files anyway. */
  maxReportRows?: number | undefined;
  /** More package versions to record (your app's, the posture package's...). */
  versions?: Readonly<Record<string, string>> | undefined;
}

/** What {@link collectEvidence} wrote. */
export interface EvidenceResult {
  /** The bundle directory (absolute). */
  directory: string;
  /** The archive file (absolute), unless `archive: false`. */
  archive: string | undefined;
  /** The manifest as written. */
  manifest: EvidenceManifest;
  /** The graph as collected (before any PII option: for the host app, not the auditor). */
  snapshot: GraphSnapshot;
  /** The posture findings, when a hook ran. */
  findings: readonly EvidenceFinding[] | undefined;
  /** The posture hook's whole result (a `PostureReport` for the built-in checks). */
  posture: PostureInput | undefined;
}

/** The connection name of the graph's own resource (people joined across vendors). */
const PEOPLE_CONNECTION = 'graph';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * What the report's MFA, encryption and staleness charts and columns show: the posture checks'
 * own verdicts (the host's check options and checks when it gave them), staleness measured in
 * `staleAfterDays`, keys written as the bundle writes them.
 */
function reportCoverage(
  snapshot: GraphSnapshot,
  options: EvidenceOptions,
  key: (text: string, key: boolean) => string | null,
): PostureCoverage {
  const posture =
    options.posture !== undefined &&
    options.posture !== false &&
    typeof options.posture !== 'function'
      ? (options.posture as PostureOptions)
      : {};
  const days = options.staleAfterDays ?? 30;
  const stale = (posture.checks ?? defaultChecks).filter((c) => c.metric === 'stale');
  const coverage = postureCoverage(snapshot, {
    ...posture,
    checkOptions: {
      ...posture.checkOptions,
      ...Object.fromEntries(stale.map((c) => [c.id, { ...posture.checkOptions?.[c.id], days }])),
    },
  });
  const verdicts = Object.fromEntries(
    Object.entries(coverage.verdicts).map(([metric, map]) => [
      metric,
      new Map([...map].map(([k, v]) => [key(k, true) ?? k, v])),
    ]),
  );
  return { ...coverage, verdicts };
}

/**
 * Collects every connection's graph and writes an evidence bundle: each resource's records as
 * JSON and CSV, the graph exports, the posture findings, a self-contained HTML report and
 * `manifest.json` (collection times, tenants, package versions, API paths read, what was not
 * collected and why, the SHA-256 of every file and the manifest's own digest), then a `.tar.gz`
 * of it all. {@link verifyEvidence} checks a bundle or archive later.
 *
 * Credentials never reach the bundle: records come from the graph, which keeps no secrets, and
 * events carry none. A resource that fails is recorded as not collected, never as empty.
 *
 * @example
 * ```ts
 * const requests = createRequestLog();
 * const jumpcloud = createJumpCloudConnector({ apiKey, onEvent: requests.handler('jumpcloud') });
 * const { manifest } = await collectEvidence([jumpcloud], { out: 'evidence/2026-q4', requests });
 * console.log(manifest.digest); // record it outside the bundle
 * ```
 */
export async function collectEvidence(
  connections: readonly Connector[],
  options: EvidenceOptions,
): Promise<EvidenceResult> {
  const now = options.now ?? Date.now;
  const directory = resolve(options.out);
  const archive =
    options.archive === false ? undefined : resolve(options.archive ?? `${directory}.tar.gz`);
  // Checked now, created only once there is something to write: a failed read leaves nothing.
  const output = await outputDirectory(directory);

  const started = new Map<string, string>();
  const finished = new Map<string, string>();
  const snapshot =
    options.snapshot ??
    (await collect(connections, {
      ...options.collect,
      now,
      onEvent: (event) => {
        if (event.type === 'resource-started') {
          started.set(`${event.connection}/${event.resource}`, new Date(now()).toISOString());
        } else if (event.type === 'resource-finished') {
          finished.set(event.status.source, new Date(now()).toISOString());
        }
        options.onEvent?.(event);
      },
    }));

  const read = snapshot.resources.some((r) => r.complete && r.connection !== PEOPLE_CONNECTION);
  if (snapshot.connections.length > 0 && !read) throw new NothingReadError(snapshot);

  let posture: PostureInput | undefined;
  const notCollected: NotCollected[] = [];
  const postureOptions =
    options.posture === undefined ||
    options.posture === false ||
    typeof options.posture === 'function'
      ? undefined
      : options.posture;
  const hook: PostureHook | undefined =
    options.posture === false
      ? undefined
      : typeof options.posture === 'function'
        ? options.posture
        : (s) => runPosture(s, postureOptions ?? {});
  if (hook) {
    try {
      posture = await hook(snapshot);
    } catch (error) {
      notCollected.push({
        what: 'posture',
        reason: `the posture checks failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  } else {
    notCollected.push({ what: 'posture', reason: 'posture checks were turned off' });
  }

  const redactor = createRedactor(snapshot, options.pii);
  const shown = redactor.snapshot(snapshot);
  const collectedAt = (source: string) =>
    finished.get(source) ?? started.get(source) ?? snapshot.takenAt.toISOString();
  const tenants = new Map(snapshot.connections.map((c) => [c.name, c.identity?.tenant ?? null]));
  const files = new Map<string, string>();
  const records = recordFiles(shown, (source) => ({
    collectedAt: collectedAt(source),
    tenant: tenants.get(source.slice(0, source.indexOf('/'))) ?? null,
  }));
  for (const r of records) for (const [path, text] of r.files) files.set(path, text);
  files.set('graph/graph.ndjson', [...toNdjson(shown)].join(''));
  files.set('graph/graph.jgf.json', json(toJsonGraph(shown)));
  files.set('graph/graph.graphml', [...toGraphML(shown)].join(''));

  const findings = posture ? redactor.deep(posture.findings) : undefined;
  if (posture) {
    const tool = options.provenance?.tool;
    for (const [path, text] of postureFiles(posture, snapshot, { redactor, tool })) {
      files.set(path, text);
    }
    for (const n of posture.notEvaluated ?? []) {
      notCollected.push({
        what: `posture:${n.checkId}${n.connection ? `@${n.connection}` : ''}`,
        reason: `not evaluated: ${redactor.text(n.reason) ?? ''}`,
      });
    }
  }

  const logged = new Set(options.requests?.connections() ?? []);
  const manifestConnections: ManifestConnection[] = snapshot.connections.map((c) => {
    const statuses = snapshot.resources.filter((r) => r.connection === c.name);
    const apiPaths = logged.has(c.name) ? (options.requests?.paths(c.name) ?? null) : null;
    if (apiPaths === null) {
      notCollected.push({
        what: `api-paths:${c.name}`,
        reason: 'the connector did not report to the request log (onEvent: requests.handler(name))',
      });
    }
    return {
      name: c.name,
      vendor: c.vendor,
      identity: c.identity ?? null,
      credential: options.provenance?.credentials?.[c.name] ?? null,
      collection: collectionOf(statuses, started, finished, snapshot.takenAt.toISOString()),
      apiPaths,
      resources: statuses.map((s) => {
        const own = records.find((r) => r.source === s.source);
        return {
          resource: s.resource,
          complete: s.complete,
          collectedAt: collectedAt(s.source),
          entities: s.entities,
          relationships: s.relationships,
          files: own ? [...own.files.keys()] : [],
          ...(s.error ? { error: redactor.deep(s.error) } : {}),
        };
      }),
    };
  });
  for (const s of snapshot.resources) {
    if (s.complete) continue;
    notCollected.push({
      what: s.source,
      reason: `${s.error?.code ?? 'unknown'}: ${redactor.text(s.error?.message ?? 'incomplete') ?? ''} (${s.entities} entities read before it stopped)`,
    });
  }

  const createdAt = new Date(now());
  const identity = processIdentity();
  const provenance = options.provenance;
  const pii = {
    emails: options.pii?.emails ?? 'keep',
    names: options.pii?.names ?? 'keep',
    identifiers: options.pii?.identifiers ?? 'keep',
    identifierFields: [...(options.pii?.identifierFields ?? IDENTIFIER_FIELDS)],
  } as const;
  const report = isPostureReport(posture) ? posture : undefined;
  const unsignedHead = {
    format: MANIFEST_FORMAT,
    createdAt: createdAt.toISOString(),
    collectionStartedAt: snapshot.takenAt.toISOString(),
    complete: snapshot.complete,
    collectedBy: {
      operator: provenance?.operator ?? identity.operator,
      host: provenance?.host ?? identity.host,
    },
    tool: provenance?.tool ?? null,
    command: provenance?.command ?? null,
    options: provenance?.options ?? null,
    scope: { connections: snapshot.connections.map((c) => c.name) },
    packages: packageVersions(
      snapshot.connections.map((c) => c.vendor),
      options.versions,
    ),
    pii,
    posture: report ? redactor.deep(manifestPosture(report, postureOptions)) : null,
    connections: manifestConnections,
    notCollected,
  } as const;
  files.set(
    'report.html',
    renderReport({
      snapshot: shown,
      connections: manifestConnections,
      notCollected,
      findings,
      posture: report ? redactor.deep(report) : undefined,
      about: unsignedHead,
      coverage: reportCoverage(snapshot, options, redactor.text),
      createdAt,
      staleDays: options.staleAfterDays ?? 30,
      maxRows: options.maxReportRows ?? 5000,
      pii,
    }),
  );

  await output.create();
  try {
    const hashes: Record<string, ManifestFile> = {};
    for (const [path, text] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const bytes = Buffer.from(text, 'utf8');
      hashes[path] = { sha256: sha256(bytes), bytes: bytes.length };
      const full = join(directory, path);
      await mkdir(dirname(full), { recursive: true, mode: 0o700 });
      await writeFile(full, bytes, { mode: 0o600 });
    }
    const unsigned: Omit<EvidenceManifest, 'digest'> = { ...unsignedHead, files: hashes };
    const manifest: EvidenceManifest = { ...unsigned, digest: manifestDigest(unsigned) };
    const manifestText = json(manifest);
    await writeFile(join(directory, 'manifest.json'), manifestText, { mode: 0o600 });
    await writeFile(join(directory, 'SHA256SUMS'), sha256Sums(manifest, sha256(manifestText)), {
      mode: 0o600,
    });
    const own = ['manifest.json', 'SHA256SUMS'];
    if (options.sign !== undefined) {
      await writeFile(join(directory, SIGNATURE_FILE), signDigest(manifest.digest, options.sign), {
        mode: 0o600,
      });
      own.push(SIGNATURE_FILE);
    }
    if (archive) await writeArchive(directory, [...files.keys(), ...own], archive, createdAt);
    return { directory, archive, manifest, snapshot, findings, posture };
  } catch (error) {
    await output.discard();
    throw error;
  }
}

/** When a connection's resources were read, and whether all, some or none were. */
function collectionOf(
  statuses: readonly { source: string; complete: boolean }[],
  started: ReadonlyMap<string, string>,
  finished: ReadonlyMap<string, string>,
  fallback: string,
): ManifestCollection {
  const starts = statuses.flatMap((s) => started.get(s.source) ?? []).sort();
  const ends = statuses.flatMap((s) => finished.get(s.source) ?? []).sort();
  const complete = statuses.filter((s) => s.complete).length;
  return {
    startedAt: starts[0] ?? fallback,
    finishedAt: ends[ends.length - 1] ?? starts[0] ?? fallback,
    status: complete === statuses.length ? 'complete' : complete === 0 ? 'failed' : 'partial',
  };
}

/** How the built-in checks ran: ids, thresholds, the mutelist and what became of it, counts. */
function manifestPosture(
  report: PostureReport,
  options: PostureOptions | undefined,
): ManifestPosture {
  return {
    checks: report.checks.map((c) => c.id),
    checkOptions: report.checkOptions,
    suppressions: {
      entries: options?.suppressions ?? [],
      expired: report.suppressions.expired,
      unmatched: report.suppressions.unmatched,
    },
    findings: report.findings.length,
    suppressed: report.suppressed.length,
    notEvaluated: report.notEvaluated.length,
  };
}
