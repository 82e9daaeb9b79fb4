import type { ConnectionIdentity } from '@org/connector-core';
import type { PiiMode } from '../pii/pii.js';
import type { ApiPathCount } from '../requests/request-log.js';

/** The format name `manifest.json` carries; a verifier refuses others. */
export const MANIFEST_FORMAT = 'connector-kit-evidence/1';

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

/** One connection of the bundle. */
export interface ManifestConnection {
  readonly name: string;
  readonly vendor: string;
  /** Vendor, API host and tenant, when known. */
  readonly identity: ConnectionIdentity | null;
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

/** `manifest.json`: what the bundle holds, where it came from, and the hash of every file. */
export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** When the bundle was written (ISO 8601, UTC). */
  readonly createdAt: string;
  /** When collection started (ISO 8601, UTC). */
  readonly collectionStartedAt: string;
  /** True when every resource was read completely. */
  readonly complete: boolean;
  /** Versions of the packages that made the bundle, by name. */
  readonly packages: Readonly<Record<string, string>>;
  /** What was done to personal data. */
  readonly pii: { readonly emails: PiiMode; readonly names: PiiMode };
  readonly connections: readonly ManifestConnection[];
  readonly notCollected: readonly NotCollected[];
  /** Every file of the bundle but `manifest.json` and `SHA256SUMS`, by path. */
  readonly files: Readonly<Record<string, ManifestFile>>;
  /** SHA-256 of the manifest's canonical JSON without this field (see {@link manifestDigest}). */
  readonly digest: string;
}
