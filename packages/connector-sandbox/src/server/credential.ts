import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialCarrier } from './vendor.js';

// RFC 9110 §11.1: `<scheme> <credentials>`; a scheme is a token, the credentials hold no space.
const SCHEME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s+(?=\S)/;

/** A header value without its auth scheme (`SSWS abc` → `abc`, `Bearer x` → `x`, `raw` → `raw`). */
export function withoutScheme(value: string): string {
  return value.trim().replace(SCHEME, '');
}

/**
 * The credential a request carried, from the first of the vendor's carriers it holds, with any
 * scheme stripped (Bearer, Basic, SSWS, Token or another), or `''`.
 */
export function credentialIn(
  headers: Headers | IncomingHttpHeaders,
  carriers: readonly CredentialCarrier[],
): string {
  for (const { header } of carriers) {
    const raw =
      headers instanceof Headers
        ? headers.get(header)
        : ((v) => (Array.isArray(v) ? v[0] : v))(headers[header]);
    if (raw) return withoutScheme(raw);
  }
  return '';
}
