// `connector-kit verify`: one cheap call per connection proves its credentials and permission.
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { type ErrorSummary, errorLine, summarizeError } from '../output/error-line.js';

/** The outcome of verifying one connection, as `--json` prints it. */
export interface VerifyOutcome {
  connection: string;
  vendor: string;
  ok: boolean;
  /** What the vendor told about the tenant (organization, region...). */
  details?: Record<string, string | number | boolean> | undefined;
  error?: ErrorSummary | undefined;
}

/** Verifies every connection at once; exits 3 when any failed. */
export async function verify(session: Session, io: CliIo, json: boolean): Promise<ExitCode> {
  const outcomes = await Promise.all(
    session.connectors.map(async (connector): Promise<VerifyOutcome> => {
      const task = session.progress.task(connector.name);
      try {
        const result = await connector.verify({ signal: io.signal });
        task.done('ok');
        return {
          connection: connector.name,
          vendor: connector.vendor,
          ok: true,
          details: result.details,
        };
      } catch (error) {
        io.signal?.throwIfAborted();
        task.done('failed');
        return {
          connection: connector.name,
          vendor: connector.vendor,
          ok: false,
          error: summarizeError(error),
        };
      }
    }),
  );
  session.progress.stop();
  if (json) {
    await write(io.stdout, `${JSON.stringify({ connections: outcomes }, null, 2)}\n`);
  } else {
    for (const o of outcomes) {
      const details = Object.entries(o.details ?? {})
        .map(([k, value]) => `${k}=${value}`)
        .join(' ');
      await write(
        io.stdout,
        o.ok
          ? `ok      ${o.connection} (${o.vendor})${details ? `  ${details}` : ''}\n`
          : `FAILED  ${errorLine(`${o.connection} (${o.vendor})`, o.error as ErrorSummary)}\n`,
      );
    }
  }
  return outcomes.every((o) => o.ok) ? EXIT_CODES.ok : EXIT_CODES.connection;
}
