// `connector-kit evidence`: a hashed, verifiable bundle of every connection's records, graph,
// posture findings (JSON, OCSF, CSV) and HTML report, written by @org/connector-evidence, saying
// who collected it, with which command and options, and signed when asked.
import { resolve } from 'node:path';
import type { EventHandler } from '@org/connector-core';
import {
  collectEvidence,
  type NotCollected,
  type PiiMode,
  type RequestLog,
} from '@org/connector-evidence';
import type { Outcome } from '../cli/exit-codes.js';
import { InputError } from '../cli/input-error.js';
import { type CliIo, write } from '../cli/io.js';
import { readKeyFile } from '../cli/key-file.js';
import type { Session } from '../cli/session.js';
import { outcomeLines } from '../collection/outcomes.js';
import { collectOptions, readConnections } from '../collection/read.js';
import type { PostureSettings } from '../config/posture-config.js';
import { readsSummary } from '../config/reads.js';
import { credentialOf } from '../output/credential.js';
import { VERSION } from '../version.js';

/** The `--pii`, `--emails` and `--names` choices. */
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
  /** Personal data: `--pii` for all, `--emails` and `--names` over it, the config's field list. */
  pii: {
    emails: PiiMode;
    names: PiiMode;
    identifiers: PiiMode;
    identifierFields?: readonly string[] | undefined;
  };
  settings: PostureSettings;
  /** An Ed25519 private key file: the bundle gets `manifest.sig`. */
  sign?: string | undefined;
  /** Who collects (default: the operating-system user). */
  operator?: string | undefined;
  /** The command line, as typed. */
  commandLine: string;
  /** The options as given, for the manifest. */
  options: Record<string, unknown>;
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
      .filter((n) => !n.what.startsWith('posture:') && !n.what.includes('/'))
      .map((n) => `not collected: ${n.what}: ${n.reason}`),
    ...(checks > 0 ? [`${checks} posture checks not evaluated (manifest.json says why)`] : []),
  ];
}

/**
 * Writes the bundle and prints where it is, its manifest digest (to keep outside the bundle) and
 * what was not collected. Exit 6 (partial) when a connection or resource could not be read (the
 * bundle records which and why), 3 when none could (no bundle, no folder).
 */
export async function evidence(
  session: Session,
  io: CliIo,
  requests: RequestLog,
  o: EvidenceCommandOptions,
): Promise<Outcome> {
  const key = await readKeyFile(
    '--sign',
    o.sign,
    io.cwd,
    'give the path of an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519 -out key.pem)',
  );
  const { settings } = o;
  let reading: Awaited<
    ReturnType<typeof readConnections<Awaited<ReturnType<typeof collectEvidence>>>>
  >;
  try {
    reading = await readConnections(
      session,
      io.clock,
      (onEvent) =>
        collectEvidence(session.connectors, {
          out: resolve(io.cwd, o.out),
          archive: typeof o.archive === 'string' ? resolve(io.cwd, o.archive) : o.archive,
          requests,
          posture: o.posture
            ? {
                checks: settings.checks,
                checkOptions: settings.checkOptions,
                suppressions: settings.suppressions,
              }
            : false,
          pii: o.pii,
          sign: key,
          provenance: {
            operator: o.operator,
            tool: { name: 'connector-kit', version: VERSION },
            command: o.commandLine,
            options: { ...o.options, reads: readsSummary(settings.reads) },
            credentials: Object.fromEntries(
              session.connections.map((c) => [c.name, { vendor: c.vendor, ...credentialOf(c) }]),
            ),
          },
          collect: collectOptions(session, io.signal, settings.reads),
          onEvent,
        }),
      (r) => r.snapshot,
    );
  } catch (error) {
    // The one mistake of the person here: a directory that already holds something.
    if (
      (error as { code?: unknown }).code === 'config' &&
      /not empty|not a directory/.test(String((error as Error).message))
    ) {
      throw new InputError(
        `${o.out} is not empty`,
        'give --out a new directory (each bundle is its own)',
      );
    }
    if (
      (error as { code?: unknown }).code === 'config' &&
      /key/.test(String((error as Error).message))
    ) {
      throw new InputError(
        `--sign ${o.sign}: ${(error as Error).message}`,
        'give an Ed25519 private key in PEM',
      );
    }
    throw error;
  }
  session.progress.stop();
  const result = reading.result;
  if (!result) {
    if (o.json) {
      const document = {
        directory: null,
        archive: null,
        connections: reading.outcomes,
        exitCode: reading.outcome.code,
      };
      await write(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
    } else {
      await write(
        io.stdout,
        `${['no bundle written: nothing could be read', ...outcomeLines(reading.outcomes).map((l) => `  ${l}`)].join('\n')}\n`,
      );
    }
    return reading.outcome;
  }
  const { manifest } = result;
  if (o.json) {
    await write(
      io.stdout,
      `${JSON.stringify(
        {
          directory: result.directory,
          archive: result.archive ?? null,
          digest: manifest.digest,
          signed: key !== undefined,
          complete: manifest.complete,
          files: Object.keys(manifest.files).length,
          findings: result.findings?.length ?? null,
          connections: reading.outcomes,
          notCollected: manifest.notCollected,
          exitCode: reading.outcome.code,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const unread = outcomeLines(reading.outcomes);
    const lines = [
      `wrote ${result.directory} (${Object.keys(manifest.files).length} files${result.findings ? `, ${result.findings.length} findings` : ''})`,
      ...(result.archive ? [`archive ${result.archive}`] : []),
      `manifest digest ${manifest.digest}${key ? ' (signed: manifest.sig)' : ''}`,
      ...unread.map((l) => `not read: ${l}`),
      ...notCollectedLines(manifest.notCollected),
      `check it with: connector-kit evidence verify ${o.out} --digest ${manifest.digest}`,
    ];
    await write(io.stdout, `${lines.join('\n')}\n`);
  }
  return reading.outcome;
}
