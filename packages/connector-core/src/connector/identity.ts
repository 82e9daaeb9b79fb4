import { createHash } from 'node:crypto';

/**
 * A short, non-reversible digest of a credential: tells two connections apart (a snapshot's tenant,
 * a default connection name) when the vendor names no tenant, without revealing the credential.
 * 12 hex characters of SHA-256 over a fixed label: far too short to brute-force back to a key.
 */
export function credentialDigest(secret: string): string {
  return createHash('sha256')
    .update(`connector-kit identity\0${secret}`)
    .digest('hex')
    .slice(0, 12);
}

/** The `User-Agent` of a connector package: `<package>/<version>`. */
export function userAgentOf(pkg: { name: string; version: string }): string {
  return `${pkg.name}/${pkg.version}`;
}
