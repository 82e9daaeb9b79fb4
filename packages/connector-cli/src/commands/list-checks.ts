// `connector-kit list-checks`: every check the posture run knows, as data: what a mutelist,
// `--checks` and a config file's thresholds refer to.
import type { AnyPostureCheck } from '@org/connector-posture';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';

/** A check as `list-checks --json` prints it. */
function checkJson(c: AnyPostureCheck) {
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    vendor: c.vendor,
    frameworks: c.frameworks.map((f) => `${f.framework} ${f.control}`),
    reads: c.reads.map((r) => ({
      resource: r.resource,
      ...(r.fields ? { fields: r.fields } : {}),
    })),
    options: c.defaults ?? {},
    remediation: c.remediation,
  };
}

const readsText = (c: AnyPostureCheck) =>
  c.reads.map((r) => (r.fields ? `${r.resource} (${r.fields.join(', ')})` : r.resource)).join('; ');

/** Prints the checks (already selected): a table, or one JSON document with `--json`. */
export async function listChecks(
  io: CliIo,
  checks: readonly AnyPostureCheck[],
  json: boolean,
): Promise<ExitCode> {
  if (json) {
    await write(io.stdout, `${JSON.stringify({ checks: checks.map(checkJson) }, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines = checks.map(
    (c) =>
      `${c.id.padEnd(width)}  ${c.severity.padEnd(13)}  ${c.title}\n${' '.repeat(width + 2)}frameworks: ${c.frameworks.map((f) => `${f.framework} ${f.control}`).join(', ')}\n${' '.repeat(width + 2)}reads: ${readsText(c)}`,
  );
  await write(io.stdout, `${lines.join('\n')}\n${checks.length} checks\n`);
  return EXIT_CODES.ok;
}
