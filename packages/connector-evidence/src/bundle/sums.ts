import type { EvidenceManifest } from '../manifest/manifest.js';

/**
 * `SHA256SUMS` in the format of coreutils' `sha256sum`, so an auditor can check the bundle
 * without this package: `sha256sum -c SHA256SUMS`. It lists `manifest.json` too.
 */
export function sha256Sums(manifest: EvidenceManifest, manifestSha256: string): string {
  const lines = Object.entries(manifest.files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, f]) => `${f.sha256}  ${path}`);
  lines.push(`${manifestSha256}  manifest.json`);
  return `${lines.join('\n')}\n`;
}
