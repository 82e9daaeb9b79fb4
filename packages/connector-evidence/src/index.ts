/**
 * Audit evidence of every connection: `collectEvidence` writes a hashed bundle (records as JSON
 * and CSV, the asset graph, posture findings, a self-contained HTML report, a manifest) and its
 * archive; `verifyEvidence` says exactly which files were changed, added or removed.
 *
 * @packageDocumentation
 */
export {
  collectEvidence,
  type EvidenceOptions,
  type EvidenceResult,
} from './collect-evidence.js';
export { canonicalJson, manifestDigest } from './manifest/canonical.js';
export {
  type EvidenceManifest,
  MANIFEST_FORMAT,
  type ManifestConnection,
  type ManifestFile,
  type ManifestResource,
  type NotCollected,
} from './manifest/manifest.js';
export type { PiiMode, PiiOptions } from './pii/pii.js';
export {
  type EvidenceFinding,
  type PostureHook,
  type PostureInput,
  SEVERITY_ORDER,
} from './posture/findings.js';
export { toCsv } from './records/csv.js';
export {
  type ApiPathCount,
  createRequestLog,
  type RequestLog,
} from './requests/request-log.js';
export { type VerifyOptions, type VerifyResult, verifyEvidence } from './verify/verify-evidence.js';
