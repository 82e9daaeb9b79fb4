/**
 * Audit evidence of every connection: `collectEvidence` writes a hashed bundle (records as JSON
 * and CSV, the asset graph, posture findings as JSON, OCSF and CSV, a self-contained HTML report,
 * a manifest of who collected what, how and when) and its archive, optionally signed;
 * `verifyEvidence` says exactly which files were changed, added, removed or refused.
 *
 * @packageDocumentation
 */
export type { BundleContents, RefusedEntry } from './bundle/contents.js';
export { type KeyInput, SIGNATURE_FILE } from './bundle/signature.js';
export {
  collectEvidence,
  type EvidenceOptions,
  type EvidenceResult,
} from './collect-evidence.js';
export { canonicalJson, manifestDigest } from './manifest/canonical.js';
export {
  type EvidenceManifest,
  MANIFEST_FORMAT,
  type ManifestCollection,
  type ManifestConnection,
  type ManifestFile,
  type ManifestPosture,
  type ManifestResource,
  type NotCollected,
} from './manifest/manifest.js';
export type { Provenance } from './manifest/provenance.js';
export { NothingReadError } from './nothing-read-error.js';
export { IDENTIFIER_FIELDS, type PiiMode, type PiiOptions } from './pii/pii.js';
export {
  type EvidenceFinding,
  type PostureHook,
  type PostureInput,
  SEVERITY_ORDER,
} from './posture/findings.js';
export { type PostureFilesOptions, postureFiles } from './posture/posture-files.js';
export { toCsv } from './records/csv.js';
export {
  type ApiPathCount,
  createRequestLog,
  type RequestLog,
} from './requests/request-log.js';
export { EvidenceBundleError } from './verify/bundle-error.js';
export { type VerifyOptions, type VerifyResult, verifyEvidence } from './verify/verify-evidence.js';
