import type { ConnectionIdentity } from '@org/connector-core';
import type { Suppression } from '@org/connector-posture';
import type { PiiMode } from '../pii/pii.js';
import type { ApiPathCount } from '../requests/request-log.js';

/** The format name `manifest.json` carries; a verifier refuses others. */
export const MANIFEST_FORMAT = 'connector-kit-evidence/2';

/** How reading one resource went, and where its records are. */
export interface ManifestResource {
  /** The resource, as the graph names it (`users`, `groupMembers`...). */
  readonly resource: string;
  /** True when every item was read. */
  readonly complete: boolean;
  /** When the resource finished reading (ISO 8601, UTC). */
  readonly collectedAt: string;
  /** Entities and relationships it produced. */
  readonly entities: number;
  readonly relationships: number;
  /** Bundle paths of its records. */
  readonly files: readonly string[];
  /** Why it is incomplete. */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

/** When a connection was read and how it went. */
export interface ManifestCollection {
  /** When its first resource started reading (ISO 8601, UTC). */
  readonly startedAt: string;
  /** When its last resource finished (ISO 8601, UTC). */
  readonly finishedAt: string;
  /** `complete`: every resource read; `partial`: some; `failed`: none (the errors say why). */
  readonly status: 'complete' | 'partial' | 'failed';
}

/** One connection of the bundle. */
export interface ManifestConnection {
  readonly name: string;
  readonly vendor: string;
  /** Vendor, API host and tenant, when known. */
  readonly identity: ConnectionIdentity | null;
  /** The credential it used: its kind and non-secret identifiers; `null` when not given. */
  readonly credential: Readonly<Record<string, string>> | null;
  readonly collection: ManifestCollection;
  readonly resources: readonly ManifestResource[];
  /** Vendor API paths read, with request, page and item counts; `null` when not recorded. */
  readonly apiPaths: readonly ApiPathCount[] | null;
}

/** Something the bundle lacks, and why. */
export interface NotCollected {
  /** `<connection>/<resource>`, `posture`, `api-paths:<connection>`... */
  readonly what: string;
  readonly reason: string;
}

/** One file of the bundle. */
export interface ManifestFile {
  readonly sha256: string;
  readonly bytes: number;
}

/** What the posture checks were asked to do, for an auditor to see how findings came about. */
export interface ManifestPosture {
  /** Ids of the checks run. */
  readonly checks: readonly string[];
  /** The thresholds and baselines each check judged by, by check id. */
  readonly checkOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The accepted risks given (the mutelist), with what became of them. */
  readonly suppressions: {
    readonly entries: readonly Suppression[];
    readonly expired: readonly Suppression[];
    readonly unmatched: readonly Suppression[];
  };
  /** Counts of the outcomes. */
  readonly findings: number;
  readonly suppressed: number;
  readonly notEvaluated: number;
}

/** `manifest.json`: what the bundle holds, where it came from, and the hash of every file. */
export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** When the bundle was written (ISO 8601, UTC). */
  readonly createdAt: string;
  /** When collection started (ISO 8601, UTC). */
  readonly collectionStartedAt: string;
  /** True when every resource was read completely. */
  readonly complete: boolean;
  /** Who collected it, and on which machine. */
  readonly collectedBy: { readonly operator: string; readonly host: string };
  /** The tool that collected it, when the host named it (`connector-kit`, its version). */
  readonly tool: { readonly name: string; readonly version: string } | null;
  /** The command line that made it, when given. */
  readonly command: string | null;
  /** The options the run was given, when given. */
  readonly options: Readonly<Record<string, unknown>> | null;
  /** What the bundle covers: the connections read (by name). */
  readonly scope: { readonly connections: readonly string[] };
  /** Versions of the packages that made the bundle, by name. */
  readonly packages: Readonly<Record<string, string>>;
  /** What was done to personal data, and which fields count as identifiers. */
  readonly pii: {
    readonly emails: PiiMode;
    readonly names: PiiMode;
    readonly identifiers: PiiMode;
    readonly identifierFields: readonly string[];
  };
  /** How the built-in posture checks ran; `null` when they did not (turned off, another checker). */
  readonly posture: ManifestPosture | null;
  readonly connections: readonly ManifestConnection[];
  readonly notCollected: readonly NotCollected[];
  /** Every file of the bundle but `manifest.json` and `SHA256SUMS`, by path. */
  readonly files: Readonly<Record<string, ManifestFile>>;
  /** SHA-256 of the manifest's canonical JSON without this field (see {@link manifestDigest}). */
  readonly digest: string;
}
