// A detached Ed25519 signature of the manifest digest (node:crypto, no network): whoever holds the
// public key can tell the bundle was made by the holder of the private key, so a bundle rewritten
// whole — every file, hash and digest — no longer verifies.
import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { ConfigError } from '@org/connector-core';

/** The bundle file holding the signature: base64 of the Ed25519 signature of the digest's text. */
export const SIGNATURE_FILE = 'manifest.sig';

/** A key as PEM text (a `.pem` file's contents) or a `KeyObject`. */
export type KeyInput = string | Buffer | KeyObject;

function ed25519(key: KeyInput, kind: 'private' | 'public'): KeyObject {
  let object: KeyObject;
  try {
    object =
      key instanceof KeyObject
        ? key
        : kind === 'private'
          ? createPrivateKey(key)
          : createPublicKey(key);
  } catch {
    throw new ConfigError(`the ${kind} key is not a PEM key node:crypto can read`);
  }
  if (object.asymmetricKeyType !== 'ed25519' || object.type !== kind) {
    throw new ConfigError(
      `the ${kind} key must be an Ed25519 ${kind} key (openssl genpkey -algorithm ed25519)`,
    );
  }
  return object;
}

/** Signs `digest` (the manifest digest's hex text); returns the signature file's contents. */
export function signDigest(digest: string, privateKey: KeyInput): string {
  const signature = sign(null, Buffer.from(digest, 'utf8'), ed25519(privateKey, 'private'));
  return `${signature.toString('base64')}\n`;
}

/** Whether `file` (the signature file's contents) is a valid signature of `digest` by `publicKey`. */
export function verifyDigestSignature(digest: string, file: string, publicKey: KeyInput): boolean {
  const key = ed25519(publicKey, 'public');
  const signature = Buffer.from(file.trim(), 'base64');
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(digest, 'utf8'), key, signature);
}
