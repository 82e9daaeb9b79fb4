// `connector-kit accounts`: streams every account of every connection, one line each.
import { EXIT_CODES, type Outcome } from '../cli/exit-codes.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { accountJson } from '../output/account-json.js';
import { errorLine, summarizeError } from '../output/error-line.js';

/** Options of {@link accounts}. */
export interface AccountsOptions {
  json: boolean;
  /** Include the vendor's own object in `--json` output. */
  raw: boolean;
}

const STATUS_WIDTH = 9;

/**
 * Lists the accounts of each connection in turn (one connection's lines together), streaming: a
 * tenant of any size never sits in memory. A connection that fails is reported and the rest are
 * still listed; the exit code is then 6 (partial), or 3 when every connection failed.
 */
export async function accounts(session: Session, io: CliIo, o: AccountsOptions): Promise<Outcome> {
  const width = Math.max(10, ...session.connectors.map((c) => c.name.length));
  if (!o.json) {
    await write(
      io.stdout,
      `${'connection'.padEnd(width)}  ${'status'.padEnd(STATUS_WIDTH)}  email  name\n`,
    );
  }
  const failed: string[] = [];
  for (const connector of session.connectors) {
    const task = session.progress.task(connector.name);
    let count = 0;
    try {
      for await (const account of connector.accounts({ signal: io.signal })) {
        count += 1;
        if (count % 100 === 0) task.update(count, 'accounts');
        await write(
          io.stdout,
          o.json
            ? `${JSON.stringify(accountJson(account, o.raw))}\n`
            : `${account.connection.padEnd(width)}  ${account.status.padEnd(STATUS_WIDTH)}  ${account.email}  ${account.name ?? ''}\n`,
        );
      }
      task.done(`${count} accounts`);
    } catch (error) {
      io.signal?.throwIfAborted();
      failed.push(connector.name);
      task.done(`failed after ${count} accounts`);
      session.progress.error(errorLine(connector.name, summarizeError(error)));
    }
  }
  if (failed.length === 0) return { code: EXIT_CODES.ok };
  const all = failed.length === session.connectors.length;
  return {
    code: all ? EXIT_CODES.connection : EXIT_CODES.partial,
    reason: `${all ? 'no connection could be listed' : 'partial'}: ${failed.join(', ')} failed${all ? '' : `; ${session.connectors.length - failed.length} of ${session.connectors.length} connections listed`}`,
  };
}
