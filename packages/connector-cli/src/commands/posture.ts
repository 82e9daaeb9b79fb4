// `connector-kit posture`: the posture checks over the graph of every connection, with the
// thresholds, baselines, selection and mutelist of the config files.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { postureFiles, toCsv } from '@org/connector-evidence';
import { collect, type GraphSnapshot } from '@org/connector-graph';
import { findingsTable, type PostureReport, runPosture, toOcsf } from '@org/connector-posture';
import { EXIT_CODES, type Outcome } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { outcomeLines } from '../collection/outcomes.js';
import { collectOptions, readConnections } from '../collection/read.js';
import type { PostureSettings } from '../config/posture-config.js';
import { atLeast, postureText } from '../output/posture-text.js';
import { VERSION } from '../version.js';

/** What `posture` prints on stdout. */
export type PostureFormat = 'text' | 'json' | 'ocsf' | 'ocsf-requirements' | 'csv';

/** Options of {@link posture}. */
export interface PostureCommandOptions {
  format: PostureFormat;
  /** Also write every output into this directory. */
  out?: string | undefined;
  settings: PostureSettings;
}

const PRODUCT = { name: 'connector-kit', version: VERSION };

/** Writes every output of a run into `directory`: JSON, OCSF, findings and compliance CSVs. */
async function writeOutputs(
  report: PostureReport,
  snapshot: GraphSnapshot,
  directory: string,
): Promise<string[]> {
  const files = postureFiles(report, snapshot, { tool: PRODUCT });
  const written: string[] = [];
  for (const [path, text] of files) {
    const full = join(directory, path.replace(/^posture\//, ''));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    written.push(full);
  }
  return written;
}

/**
 * Collects the graph, runs the checks and prints the findings, worst first. Exit 4 when an open
 * finding is at or above `--fail-on` (suppressed ones do not count); otherwise 6 when some
 * connection or resource could not be read (its checks are listed as not evaluated, never as
 * passed), 3 when none could; otherwise 0.
 */
export async function posture(
  session: Session,
  io: CliIo,
  o: PostureCommandOptions,
): Promise<Outcome> {
  const { settings } = o;
  const reading = await readConnections(
    session,
    io.clock,
    (onEvent) =>
      collect(session.connectors, {
        ...collectOptions(session, io.signal, settings.reads),
        onEvent,
      }),
    (s) => s,
  );
  session.progress.stop();
  const snapshot = reading.result;
  if (!snapshot) {
    if (o.format === 'json') {
      const document = {
        connections: reading.outcomes,
        exitCode: reading.outcome.code,
        findings: [],
      };
      await write(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
    } else if (o.format === 'text') {
      await write(
        io.stdout,
        `${['nothing read:', ...outcomeLines(reading.outcomes).map((l) => `  ${l}`)].join('\n')}\n`,
      );
    }
    return reading.outcome;
  }
  const report = runPosture(snapshot, {
    checks: settings.checks,
    checkOptions: settings.checkOptions,
    suppressions: settings.suppressions,
  });
  const threshold = settings.failOn;
  const failing = threshold === 'none' ? [] : report.findings.filter((f) => atLeast(f, threshold));
  const outcome: Outcome =
    failing.length > 0
      ? {
          code: EXIT_CODES.findings,
          reason: `${failing.length} findings at ${threshold} or worse (${[...new Set(failing.map((f) => f.checkId))].join(', ')})${reading.outcome.code === EXIT_CODES.ok ? '' : `; also ${reading.outcome.reason}`}`,
        }
      : reading.outcome;
  if (o.out) await writeOutputs(report, snapshot, resolve(io.cwd, o.out));
  switch (o.format) {
    case 'ocsf':
    case 'ocsf-requirements': {
      const records = toOcsf(report, {
        snapshot,
        product: PRODUCT,
        perRequirement: o.format === 'ocsf-requirements',
      });
      for (const record of records) await write(io.stdout, `${JSON.stringify(record)}\n`);
      break;
    }
    case 'csv':
      await write(io.stdout, toCsv(findingsTable(report, { snapshot })));
      break;
    case 'json': {
      const document = {
        ...report,
        connections: reading.outcomes,
        exitCode: outcome.code,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
      };
      await write(io.stdout, `${JSON.stringify(document, null, 2)}\n`);
      break;
    }
    default:
      await write(
        io.stdout,
        `${postureText(report, snapshot, {
          failOn: threshold,
          suppressions: settings.suppressions,
          outcomes: reading.outcomes,
        })}\n`,
      );
  }
  return outcome;
}
