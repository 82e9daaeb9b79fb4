import { createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import { ConfigError } from '../errors/errors.js';

/**
 * OAuth 2.0 `private_key_jwt` client authentication (RFC 7523 §2.2, OpenID Connect Core §9): the
 * client proves who it is with a short-lived JWT signed by its private key instead of a secret.
 */
export interface PrivateKeyJwtOptions {
  /** The client's private key: PEM (PKCS#8 or PKCS#1/SEC1) or a JWK with its private part. */
  privateKey: string | Record<string, unknown>;
  /** The key id (`kid`) registered with the authorization server, when it has several keys. */
  keyId?: string | undefined;
  /** `RS256` for an RSA key, `ES256` for a P-256 key (default: from the key). */
  algorithm?: 'RS256' | 'ES256' | undefined;
  /** Seconds an assertion is valid (default 300; servers cap it at an hour). */
  lifetimeSeconds?: number | undefined;
}

/** Signs client assertions for one client and token endpoint. */
export interface ClientAssertion {
  /** A fresh assertion (a new `jti`) for a token request made at `nowMs`. */
  create(nowMs: number): string;
  /** The key's own text, for redaction. */
  readonly secret: string;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function keyOf(raw: PrivateKeyJwtOptions['privateKey']): KeyObject {
  try {
    const key =
      typeof raw === 'string'
        ? createPrivateKey(raw)
        : createPrivateKey({ key: raw as never, format: 'jwk' });
    if (key.type !== 'private') throw new Error('not private');
    return key;
  } catch {
    // The key itself is never quoted.
    throw new ConfigError('The OAuth private key is not a PEM or JWK private key');
  }
}

function algorithmOf(key: KeyObject, wanted: PrivateKeyJwtOptions['algorithm']): 'RS256' | 'ES256' {
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const fits =
    type === 'rsa' ? 'RS256' : type === 'ec' && curve === 'prime256v1' ? 'ES256' : undefined;
  if (!fits) throw new ConfigError('The OAuth private key must be an RSA or a P-256 (ES256) key');
  if (wanted !== undefined && wanted !== fits) {
    throw new ConfigError(`The OAuth private key is no ${wanted} key`);
  }
  return fits;
}

/**
 * Builds the client assertions of `private_key_jwt`: `iss` and `sub` the client id, `aud` the
 * token endpoint, `iat`, `exp` and a unique `jti`, signed RS256 or ES256.
 *
 * @throws `ConfigError` (without quoting the key) for a key that is not a usable private key.
 */
export function clientAssertion(
  o: PrivateKeyJwtOptions,
  clientId: string,
  audience: string,
): ClientAssertion {
  const key = keyOf(o.privateKey);
  const alg = algorithmOf(key, o.algorithm);
  const lifetime = o.lifetimeSeconds ?? 300;
  if (!(Number.isInteger(lifetime) && lifetime > 0 && lifetime <= 3600)) {
    throw new ConfigError('The OAuth client assertion lifetime must be 1 to 3600 seconds');
  }
  const header = b64url(JSON.stringify({ alg, typ: 'JWT', ...(o.keyId ? { kid: o.keyId } : {}) }));
  return {
    secret: typeof o.privateKey === 'string' ? o.privateKey : JSON.stringify(o.privateKey),
    create(nowMs) {
      const iat = Math.floor(nowMs / 1000);
      const claims = {
        iss: clientId,
        sub: clientId,
        aud: audience,
        iat,
        exp: iat + lifetime,
        jti: randomUUID(),
      };
      const input = `${header}.${b64url(JSON.stringify(claims))}`;
      const signature =
        alg === 'RS256'
          ? sign('sha256', Buffer.from(input), key)
          : // JWS wants ES256 as r || s, not DER.
            sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
      return `${input}.${b64url(signature)}`;
    },
  };
}
