// `connector-kit evidence verify`: recomputes every hash of a bundle (directory or archive),
// checks its signature when given the public key, and says whether anything outside the bundle
// vouches for it.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { verifyEvidence } from '@org/connector-evidence';
import { EXIT_CODES, type Outcome } from '../cli/exit-codes.js';
import { InputError } from '../cli/input-error.js';
import { type CliIo, write } from '../cli/io.js';
import { readKeyFile } from '../cli/key-file.js';

/** Options of {@link evidenceVerify}. */
export interface EvidenceVerifyOptions {
  json: boolean;
  /** The manifest digest recorded when the bundle was made, kept outside it. */
  digest?: string | undefined;
  /** The Ed25519 public key file of whoever signed the bundle. */
  publicKey?: string | undefined;
}

/** Printed when nothing outside the bundle vouched for it. */
export const UNANCHORED_WARNING =
  'warning: nothing outside the bundle vouches for it: a bundle rewritten whole (every file, hash and digest) would verify too; pass --digest <sha256> recorded when it was made, or --public-key <file> if it was signed';

/**
 * Verifies a bundle and prints exactly which files were changed, added, removed or refused.
 * Exits 0 when it is intact, 5 when anything differs or the signature fails; a corrupt archive
 * (7) or a missing or invalid manifest (8) ends the command with one typed line.
 */
export async function evidenceVerify(
  path: string,
  io: CliIo,
  o: EvidenceVerifyOptions,
): Promise<Outcome> {
  const absolute = resolve(io.cwd, path);
  try {
    await stat(absolute);
  } catch {
    throw new InputError(
      `no evidence bundle at ${path}`,
      'give the bundle directory or its .tar.gz archive',
    );
  }
  const publicKey = await readKeyFile(
    '--public-key',
    o.publicKey,
    io.cwd,
    'give the path of the Ed25519 public key in PEM the bundle was signed for',
  );
  let result: Awaited<ReturnType<typeof verifyEvidence>>;
  try {
    result = await verifyEvidence(absolute, { expectedDigest: o.digest, publicKey });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'config') {
      throw new InputError(
        `--public-key ${o.publicKey}: ${(error as Error).message}`,
        'give an Ed25519 public key in PEM',
      );
    }
    throw error;
  }
  if (o.json) {
    const { manifest: _, ...rest } = result;
    await write(io.stdout, `${JSON.stringify(rest, null, 2)}\n`);
  } else if (result.ok) {
    const files = Object.keys(result.manifest.files).length;
    const how =
      result.signature === 'valid'
        ? ', signature valid'
        : o.digest !== undefined
          ? ', the digest you gave'
          : '';
    await write(
      io.stdout,
      `ok: ${files} files match the manifest (digest ${result.digest}${how})\n`,
    );
  } else {
    const lines = [
      `FAILED: ${path} does not match its manifest`,
      ...result.changed.map((f) => `  changed  ${f}`),
      ...result.added.map((f) => `  added    ${f}`),
      ...result.removed.map((f) => `  removed  ${f}`),
      ...result.refused.map(
        (f) => `  refused  ${f.path} (${f.kind}: a bundle holds regular files only)`,
      ),
      ...(result.digestOk
        ? []
        : [`  the manifest digest is ${result.digest}${o.digest ? `, not ${o.digest}` : ''}`]),
      ...(result.signature === 'invalid'
        ? ['  the signature does not match this manifest or this public key']
        : result.signature === 'missing'
          ? ['  the bundle is not signed (no manifest.sig)']
          : []),
    ];
    await write(io.stdout, `${lines.join('\n')}\n`);
  }
  if (!result.anchored) io.stderr.write(`${UNANCHORED_WARNING}\n`);
  if (result.ok) return { code: EXIT_CODES.ok };
  const problems = [
    result.changed.length > 0 ? `${result.changed.length} changed` : '',
    result.added.length > 0 ? `${result.added.length} added` : '',
    result.removed.length > 0 ? `${result.removed.length} removed` : '',
    result.refused.length > 0 ? `${result.refused.length} refused` : '',
    result.signature === 'invalid' || result.signature === 'missing'
      ? `signature ${result.signature}`
      : '',
  ].filter(Boolean);
  return {
    code: EXIT_CODES.tampered,
    reason: `the bundle does not verify: ${problems.join(', ')}`,
  };
}
