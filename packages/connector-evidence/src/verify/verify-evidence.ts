import { stat } from 'node:fs/promises';
import { readArchive } from '../bundle/archive.js';
import { sha256 } from '../bundle/hash.js';
import { readDirectory } from '../bundle/read-directory.js';
import { sha256Sums } from '../bundle/sums.js';
import { manifestDigest } from '../manifest/canonical.js';
import { type EvidenceManifest, MANIFEST_FORMAT } from '../manifest/manifest.js';

/** Options of {@link verifyEvidence}. */
export interface VerifyOptions {
  /**
   * The manifest digest recorded when the bundle was made (outside it). Without it, a bundle
   * rewritten whole (files, hashes and digest) still verifies: the digest is what anchors it.
   */
  expectedDigest?: string | undefined;
}

/** What {@link verifyEvidence} found. */
export interface VerifyResult {
  /** True when nothing was changed, added or removed and every digest matches. */
  ok: boolean;
  /** Files whose contents differ from their hash (`manifest.json` when its digest fails). */
  changed: string[];
  /** Files the manifest does not list. */
  added: string[];
  /** Files the manifest lists that are missing. */
  removed: string[];
  /** The digest the manifest states (empty when it cannot be read). */
  digest: string;
  /** Whether the manifest's digest matches its contents (and `expectedDigest`, when given). */
  digestOk: boolean;
  /** The manifest, when it could be read. */
  manifest: EvidenceManifest | undefined;
}

const OWN_FILES = new Set(['manifest.json', 'SHA256SUMS']);

function parseManifest(bytes: Buffer | undefined): EvidenceManifest | undefined {
  if (!bytes) return undefined;
  try {
    const m = JSON.parse(bytes.toString('utf8')) as EvidenceManifest;
    if (m?.format !== MANIFEST_FORMAT || typeof m.files !== 'object' || m.files === null) {
      return undefined;
    }
    return m;
  } catch {
    return undefined;
  }
}

/** Checks the files of a bundle (by bundle path) against its manifest. */
export function verifyFiles(
  files: ReadonlyMap<string, Buffer>,
  options: VerifyOptions = {},
): VerifyResult {
  const raw = files.get('manifest.json');
  const manifest = parseManifest(raw);
  if (!manifest) {
    return {
      ok: false,
      changed: raw ? ['manifest.json'] : [],
      added: [...files.keys()].filter((p) => !OWN_FILES.has(p)).sort(),
      removed: raw ? [] : ['manifest.json'],
      digest: '',
      digestOk: false,
      manifest: undefined,
    };
  }
  const changed: string[] = [];
  const removed: string[] = [];
  const digestOk =
    manifestDigest(manifest) === manifest.digest &&
    (options.expectedDigest === undefined || options.expectedDigest === manifest.digest);
  if (!digestOk) changed.push('manifest.json');
  for (const [path, expected] of Object.entries(manifest.files)) {
    const bytes = files.get(path);
    if (!bytes) removed.push(path);
    else if (sha256(bytes) !== expected.sha256) changed.push(path);
  }
  const sums = files.get('SHA256SUMS');
  if (!sums) removed.push('SHA256SUMS');
  else if (raw && sums.toString('utf8') !== sha256Sums(manifest, sha256(raw)))
    changed.push('SHA256SUMS');
  const added = [...files.keys()].filter((p) => !OWN_FILES.has(p) && !(p in manifest.files));
  return {
    ok: changed.length === 0 && added.length === 0 && removed.length === 0,
    changed: changed.sort(),
    added: added.sort(),
    removed: removed.sort(),
    digest: manifest.digest,
    digestOk,
    manifest,
  };
}

/**
 * Recomputes the SHA-256 of every file of a bundle — its directory or its `.tar.gz` — and the
 * manifest's digest, and says exactly which files were changed, added or removed.
 *
 * @example
 * ```ts
 * const result = await verifyEvidence('evidence/2026-q4.tar.gz', { expectedDigest });
 * if (!result.ok) console.error(result.changed, result.added, result.removed);
 * ```
 */
export async function verifyEvidence(
  path: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const info = await stat(path);
  const files = info.isDirectory() ? await readDirectory(path) : await readArchive(path);
  return verifyFiles(files, options);
}
