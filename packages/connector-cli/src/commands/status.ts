// `connector-kit status` and `connector-kit delete`: the lifecycle of the connections whose
// snapshots `poll` keeps in its state directory.
import { resolve } from 'node:path';
import {
  type ConnectionStatus,
  createFileStateStore,
  type DeleteReport,
  deleteConnection,
} from '@org/connector-core';
import { EXIT_CODES, type ExitCode, type Outcome } from '../cli/exit-codes.js';
import { InputError } from '../cli/input-error.js';
import { type CliIo, write } from '../cli/io.js';
import type { Session } from '../cli/session.js';
import { DEFAULT_STATE_DIR } from './poll.js';

/** Options of {@link status} and {@link remove}. */
export interface LifecycleOptions {
  json: boolean;
  /** The state directory `poll` used (default `.connector-kit/state`). */
  state?: string | undefined;
}

const stateStore = (io: CliIo, o: LifecycleOptions) =>
  createFileStateStore({
    directory: resolve(io.cwd, o.state ?? DEFAULT_STATE_DIR),
    clock: io.clock,
  });

function statusText(name: string, s: ConnectionStatus | undefined): string {
  if (!s) return `${name}: never polled`;
  const parts = [`${name}: ${s.health}`];
  if (s.lastSuccessAt) parts.push(`last success ${s.lastSuccessAt}`);
  if (s.nextRunAt) parts.push(`next run ${s.nextRunAt}`);
  if (s.retryAt) parts.push(`quota back at ${s.retryAt}`);
  const line = parts.join(', ');
  return s.lastError
    ? `${line}\n  last error ${s.lastError.at}: ${s.lastError.code}: ${s.lastError.message}`
    : line;
}

/** The healths a person must act on. */
const NEEDS_A_PERSON: readonly string[] = ['needs-reconnect', 'missing-permission', 'disabled'];

/**
 * Prints the status of each connection as its last `poll` left it: health, last success, last
 * error (without secrets), next run. Exits 3, naming them, when connections need a person.
 */
export async function status(session: Session, io: CliIo, o: LifecycleOptions): Promise<Outcome> {
  const store = stateStore(io, o);
  const statuses = await Promise.all(
    session.connectors.map(async (c) => [c.name, await store.loadStatus(c.name)] as const),
  );
  session.progress.stop();
  if (o.json) {
    const out = statuses.map(([connection, s]) => s ?? { connection, health: 'never-polled' });
    await write(io.stdout, `${JSON.stringify(out, null, 2)}\n`);
  } else {
    await write(io.stdout, `${statuses.map(([name, s]) => statusText(name, s)).join('\n')}\n`);
  }
  const needsPerson = statuses.flatMap(([name, s]) =>
    s && NEEDS_A_PERSON.includes(s.health) ? [`${name} (${s.health})`] : [],
  );
  return needsPerson.length === 0
    ? { code: EXIT_CODES.ok }
    : { code: EXIT_CODES.connection, reason: `a person must act on ${needsPerson.join(', ')}` };
}

/**
 * Deletes the connections named with `--only` from the state directory (snapshot, progress,
 * status, lock) and says what to revoke at each vendor. Refuses without `--only`: deleting
 * everything is never a default.
 */
export async function remove(
  session: Session,
  io: CliIo,
  o: LifecycleOptions & { only: readonly string[] },
): Promise<ExitCode> {
  if (o.only.length === 0) {
    throw new InputError(
      'delete needs --only <name> for each connection to delete',
      'name the connections to delete',
    );
  }
  const store = stateStore(io, o);
  const reports: DeleteReport[] = [];
  for (const connector of session.connectors) {
    reports.push(
      await deleteConnection({ connection: connector.name, stores: [store], connector }),
    );
  }
  session.progress.stop();
  if (o.json) await write(io.stdout, `${JSON.stringify(reports, null, 2)}\n`);
  else {
    const lines = reports.map(
      (r) =>
        `${r.connection}: deleted ${r.removed.length} file${r.removed.length === 1 ? '' : 's'} of its state\n  still to do: ${r.atVendor}`,
    );
    await write(io.stdout, `${lines.join('\n')}\n`);
  }
  return EXIT_CODES.ok;
}
