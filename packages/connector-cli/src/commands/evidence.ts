// `connector-kit evidence`: a hashed, verifiable bundle of every connection's records, graph,
// posture findings and HTML report, written by @org/connector-evidence.
import { resolve } from 'node:path';
import type { EventHandler } from '@org/connector-core';
import {
  collectEvidence,
  type NotCollected,
  type PiiMode,
  type RequestLog,
} from '@org/connector-evidence';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { InputError } from '../cli/input-error.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { collectProgress } from '../progress/collect-progress.js';

/** The `--emails` and `--names` choices. */
export const PII_MODES: readonly PiiMode[] = ['keep', 'hash', 'drop'];

/** Options of {@link evidence}. */
export interface EvidenceCommandOptions {
  json: boolean;
  /** The bundle directory: new, or empty. */
  out: string;
  /** The archive file; undefined: `<out>.tar.gz`; false: none. */
  archive: string | false | undefined;
  /** Leave the posture findings out. */
  posture: boolean;
  emails: PiiMode;
  names: PiiMode;
}

/** The connectors' event handlers that feed the manifest's request counts. */
export function requestHandlers(
  log: RequestLog,
): (connection: string) => { onEvent: EventHandler } {
  return (connection) => ({ onEvent: log.handler(connection) });
}

/** What was not collected, one line each; posture checks not judged only counted. */
function notCollectedLines(items: readonly NotCollected[]): string[] {
  const checks = items.filter((n) => n.what.startsWith('posture:')).length;
  return [
    ...items
      .filter((n) => !n.what.startsWith('posture:'))
      .map((n) => `not collected: ${n.what}: ${n.reason}`),
    ...(checks > 0 ? [`${checks} posture checks not evaluated (manifest.json says why)`] : []),
  ];
}

/**
 * Writes the bundle and prints where it is, its manifest digest (to keep outside the bundle) and
 * what was not collected. Exits 3 when a resource could not be read (the bundle records which).
 */
export async function evidence(
  session: Session,
  io: CliIo,
  requests: RequestLog,
  o: EvidenceCommandOptions,
): Promise<ExitCode> {
  let result: Awaited<ReturnType<typeof collectEvidence>>;
  try {
    result = await collectEvidence(session.connectors, {
      out: resolve(io.cwd, o.out),
      archive: typeof o.archive === 'string' ? resolve(io.cwd, o.archive) : o.archive,
      requests,
      posture: o.posture ? undefined : false,
      pii: { emails: o.emails, names: o.names },
      collect: { signal: io.signal },
      onEvent: collectProgress(session.progress),
    });
  } catch (error) {
    // The one mistake of the person here: a directory that already holds something.
    if (
      (error as { code?: unknown }).code === 'config' &&
      /not empty/.test(String((error as Error).message))
    ) {
      throw new InputError(
        `${o.out} is not empty`,
        'give --out a new directory (each bundle is its own)',
      );
    }
    throw error;
  }
  session.progress.stop();
  const { manifest } = result;
  if (o.json) {
    await write(
      io.stdout,
      `${JSON.stringify(
        {
          directory: result.directory,
          archive: result.archive ?? null,
          digest: manifest.digest,
          complete: manifest.complete,
          files: Object.keys(manifest.files).length,
          findings: result.findings?.length ?? null,
          notCollected: manifest.notCollected,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const lines = [
      `wrote ${result.directory} (${Object.keys(manifest.files).length} files${result.findings ? `, ${result.findings.length} findings` : ''})`,
      ...(result.archive ? [`archive ${result.archive}`] : []),
      `manifest digest ${manifest.digest}`,
      ...notCollectedLines(manifest.notCollected),
      `check it with: connector-kit evidence verify ${o.out}`,
    ];
    await write(io.stdout, `${lines.join('\n')}\n`);
  }
  return manifest.complete ? EXIT_CODES.ok : EXIT_CODES.connection;
}
