import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** What a verified client assertion says. */
export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat?: number | undefined;
  jti: string;
}

/**
 * Checks a `private_key_jwt` client assertion as Okta's token endpoint does: an RS256 or ES256
 * JWT signed with the key registered for the client, `iss` and `sub` the client id, `aud` the
 * token endpoint, not expired, lasting at most an hour. Returns the claims, or why it fails.
 */
export function verifyAssertion(
  jwt: string,
  o: { publicKey: KeyObject; clientId: string; audience: string; nowMs: number },
): AssertionClaims | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'The client_assertion is not a JWT.';
  const [h, c, s] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: Partial<AssertionClaims>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    return 'The client_assertion is not a JWT.';
  }
  const input = Buffer.from(`${h}.${c}`);
  const signature = Buffer.from(s, 'base64url');
  const ok =
    header.alg === 'RS256'
      ? verify('sha256', input, o.publicKey, signature)
      : header.alg === 'ES256'
        ? verify('sha256', input, { key: o.publicKey, dsaEncoding: 'ieee-p1363' }, signature)
        : false;
  if (!ok) return 'The client_assertion signature is invalid.';
  const now = Math.floor(o.nowMs / 1000);
  if (claims.iss !== o.clientId || claims.sub !== o.clientId)
    return 'The client_assertion token has an invalid issuer or subject.';
  if (claims.aud !== o.audience)
    return 'The audience claim for client_assertion must be the endpoint invoked for the request.';
  if (typeof claims.exp !== 'number' || claims.exp <= now)
    return 'The client_assertion token is expired.';
  if (claims.exp - (claims.iat ?? now) > 3600)
    return 'The client_assertion token has an expiration too far in the future.';
  if (typeof claims.jti !== 'string' || claims.jti === '')
    return 'The client_assertion token must have a jti claim.';
  return claims as AssertionClaims;
}

/** The public half of a PEM private key. */
export const publicOf = (privateKeyPem: string): KeyObject => createPublicKey(privateKeyPem);
