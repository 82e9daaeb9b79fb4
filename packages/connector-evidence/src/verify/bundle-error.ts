/**
 * A bundle that cannot be verified at all: an archive that is truncated or not one
 * (`corrupt_archive`), a bundle without `manifest.json` (`missing_manifest`), or a manifest that
 * is not valid JSON or not an evidence manifest (`invalid_manifest`). One line, no stack needed.
 */
export class EvidenceBundleError extends Error {
  readonly code: 'corrupt_archive' | 'missing_manifest' | 'invalid_manifest';
  constructor(code: EvidenceBundleError['code'], message: string) {
    super(message);
    this.name = 'EvidenceBundleError';
    this.code = code;
  }
}
