import { sha256 } from '../bundle/hash.js';
import type { EvidenceManifest } from './manifest.js';

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/**
 * The manifest's digest: SHA-256 of its canonical JSON (keys sorted, no whitespace) without the
 * `digest` field. Record it outside the bundle (a ticket, a signed message) to make the whole
 * bundle tamper-evident: every file's hash is inside what it covers.
 */
export function manifestDigest(
  manifest: Omit<EvidenceManifest, 'digest'> & { digest?: unknown },
): string {
  const { digest: _omit, ...rest } = manifest;
  return sha256(canonicalJson(rest));
}
