import { stat } from 'node:fs/promises';
import { readArchive } from '../bundle/archive.js';
import type { BundleContents, RefusedEntry } from '../bundle/contents.js';
import { sha256 } from '../bundle/hash.js';
import { readDirectory } from '../bundle/read-directory.js';
import { type KeyInput, SIGNATURE_FILE, verifyDigestSignature } from '../bundle/signature.js';
import { sha256Sums } from '../bundle/sums.js';
import { manifestDigest } from '../manifest/canonical.js';
import type { EvidenceManifest } from '../manifest/manifest.js';
import { EvidenceBundleError } from './bundle-error.js';

/** Options of {@link verifyEvidence}. */
export interface VerifyOptions {
  /**
   * The manifest digest recorded when the bundle was made (outside it). Without it or a
   * `publicKey`, a bundle rewritten whole (files, hashes and digest) still verifies: the digest
   * or the signature is what anchors it.
   */
  expectedDigest?: string | undefined;
  /** The Ed25519 public key (PEM or `KeyObject`) whose private key signed the bundle. */
  publicKey?: KeyInput | undefined;
}

/** What {@link verifyEvidence} found. */
export interface VerifyResult {
  /**
   * True when nothing was changed, added, removed or refused, every digest matches and, given a
   * public key, the signature is valid.
   */
  ok: boolean;
  /** Files whose contents differ from their hash (`manifest.json` when its digest fails). */
  changed: string[];
  /** Files the manifest does not list. */
  added: string[];
  /** Files the manifest lists that are missing. */
  removed: string[];
  /** Entries that are not regular files (links, pipes, devices, paths leaving the bundle). */
  refused: RefusedEntry[];
  /** The digest the manifest states. */
  digest: string;
  /** Whether the manifest's digest matches its contents (and `expectedDigest`, when given). */
  digestOk: boolean;
  /**
   * The signature: `valid`, `invalid` (or made by another key), `missing` (a public key was
   * given but the bundle has no `manifest.sig`), or `not_checked` (no public key given).
   */
  signature: 'valid' | 'invalid' | 'missing' | 'not_checked';
  /**
   * Whether something outside the bundle vouches for it: the expected digest matched or the
   * signature is valid. When false, a bundle rewritten whole would also verify.
   */
  anchored: boolean;
  /** The manifest. */
  manifest: EvidenceManifest;
}

/** The manifest formats a verifier reads: every one this package has written. */
const FORMATS = new Set(['connector-kit-evidence/1', 'connector-kit-evidence/2']);
const OWN_FILES = new Set(['manifest.json', 'SHA256SUMS', SIGNATURE_FILE]);

function parseManifest(bytes: Buffer | undefined): EvidenceManifest {
  if (!bytes) {
    throw new EvidenceBundleError(
      'missing_manifest',
      'the bundle has no manifest.json: it is not an evidence bundle, or its manifest was removed',
    );
  }
  let m: Partial<EvidenceManifest> | null;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Partial<EvidenceManifest> | null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new EvidenceBundleError(
      'invalid_manifest',
      `manifest.json is not valid JSON (${detail})`,
    );
  }
  if (
    typeof m?.format !== 'string' ||
    !FORMATS.has(m.format) ||
    typeof m.files !== 'object' ||
    m.files === null ||
    typeof m.digest !== 'string'
  ) {
    throw new EvidenceBundleError(
      'invalid_manifest',
      `manifest.json is not an evidence manifest (format ${JSON.stringify(m?.format ?? null)}, expected ${[...FORMATS].join(' or ')} with files and a digest)`,
    );
  }
  return m as EvidenceManifest;
}

/**
 * Checks the contents of a bundle against its manifest.
 *
 * @throws EvidenceBundleError when `manifest.json` is missing or is no evidence manifest.
 */
export function verifyContents(
  contents: BundleContents,
  options: VerifyOptions = {},
): VerifyResult {
  const { files, refused } = contents;
  const raw = files.get('manifest.json');
  const manifest = parseManifest(raw);
  const changed: string[] = [];
  const removed: string[] = [];
  const expected =
    options.expectedDigest === undefined || options.expectedDigest === manifest.digest;
  const digestOk = manifestDigest(manifest) === manifest.digest && expected;
  if (!digestOk) changed.push('manifest.json');
  for (const [path, want] of Object.entries(manifest.files)) {
    const bytes = files.get(path);
    if (!bytes) removed.push(path);
    else if (sha256(bytes) !== want.sha256) changed.push(path);
  }
  const sums = files.get('SHA256SUMS');
  if (!sums) removed.push('SHA256SUMS');
  else if (raw && sums.toString('utf8') !== sha256Sums(manifest, sha256(raw)))
    changed.push('SHA256SUMS');
  const added = [...files.keys()].filter((p) => !OWN_FILES.has(p) && !(p in manifest.files));
  const sig = files.get(SIGNATURE_FILE);
  const signature: VerifyResult['signature'] =
    options.publicKey === undefined
      ? 'not_checked'
      : !sig
        ? 'missing'
        : verifyDigestSignature(manifest.digest, sig.toString('utf8'), options.publicKey)
          ? 'valid'
          : 'invalid';
  const signatureOk = signature === 'valid' || signature === 'not_checked';
  return {
    ok:
      changed.length === 0 &&
      added.length === 0 &&
      removed.length === 0 &&
      refused.length === 0 &&
      signatureOk,
    changed: changed.sort(),
    added: added.sort(),
    removed: removed.sort(),
    refused: [...refused].sort((a, b) => (a.path < b.path ? -1 : 1)),
    digest: manifest.digest,
    digestOk,
    signature,
    anchored:
      digestOk && (signature === 'valid' || (options.expectedDigest !== undefined && expected)),
    manifest,
  };
}

/**
 * Recomputes the SHA-256 of every file of a bundle — its directory or its `.tar.gz` — and the
 * manifest's digest, checks the signature when given a public key, and says exactly which files
 * were changed, added, removed or refused (symbolic links, devices, pipes: a bundle is regular
 * files only).
 *
 * @throws EvidenceBundleError for a truncated or corrupt archive (`corrupt_archive`), a missing
 *   `manifest.json` (`missing_manifest`) or one that is no evidence manifest (`invalid_manifest`).
 *
 * @example
 * ```ts
 * const result = await verifyEvidence('evidence/2026-q4.tar.gz', { expectedDigest });
 * if (!result.ok) console.error(result.changed, result.added, result.removed, result.refused);
 * ```
 */
export async function verifyEvidence(
  path: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const info = await stat(path);
  const contents = info.isDirectory() ? await readDirectory(path) : await readArchive(path);
  return verifyContents(contents, options);
}
