// `connector-kit evidence verify`: recomputes every hash of a bundle (directory or archive).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { verifyEvidence } from '@org/connector-evidence';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { InputError } from '../cli/input-error.js';
import { type CliIo, write } from '../cli/io.js';

/** Options of {@link evidenceVerify}. */
export interface EvidenceVerifyOptions {
  json: boolean;
  /** The manifest digest recorded when the bundle was made, kept outside it. */
  digest?: string | undefined;
}

/**
 * Verifies a bundle and prints exactly which files were changed, added or removed. Exits 0 when
 * it is intact, 5 when anything differs.
 */
export async function evidenceVerify(
  path: string,
  io: CliIo,
  o: EvidenceVerifyOptions,
): Promise<ExitCode> {
  const absolute = resolve(io.cwd, path);
  try {
    await stat(absolute);
  } catch {
    throw new InputError(
      `no evidence bundle at ${path}`,
      'give the bundle directory or its .tar.gz archive',
    );
  }
  const result = await verifyEvidence(absolute, { expectedDigest: o.digest });
  if (o.json) {
    const { manifest: _, ...rest } = result;
    await write(io.stdout, `${JSON.stringify(rest, null, 2)}\n`);
  } else if (result.ok) {
    const files = Object.keys(result.manifest?.files ?? {}).length;
    await write(io.stdout, `ok: ${files} files match the manifest (digest ${result.digest})\n`);
  } else {
    const lines = [
      `FAILED: ${path} does not match its manifest`,
      ...result.changed.map((f) => `  changed  ${f}`),
      ...result.added.map((f) => `  added    ${f}`),
      ...result.removed.map((f) => `  removed  ${f}`),
      ...(result.digestOk
        ? []
        : [`  the manifest digest is ${result.digest}${o.digest ? `, not ${o.digest}` : ''}`]),
    ];
    await write(io.stdout, `${lines.join('\n')}\n`);
  }
  return result.ok ? EXIT_CODES.ok : EXIT_CODES.tampered;
}
