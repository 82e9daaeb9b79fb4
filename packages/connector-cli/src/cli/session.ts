import { basename, resolve } from 'node:path';
import type { Connector } from '@org/connector-core';
import { connect, selectConnections } from '../connections/connect.js';
import { type LoadedConnection, loadConnections } from '../connections/load.js';
import { createProgress, type Progress } from '../progress/progress.js';
import { sandboxConnections, startSandboxes } from '../sandbox/start.js';
import type { ConnectExtras } from '../vendors/mapping.js';
import type { CommonOptions } from './common-options.js';
import type { CliIo } from './io.js';

/** The connections a command works on, with its progress and what to clean up. */
export interface Session {
  /** One connector per selected connection, in the file's order. */
  readonly connectors: readonly Connector[];
  /** The selected connections as loaded (secrets included: keep them in memory). */
  readonly connections: readonly LoadedConnection[];
  /** True when the connections are the local sandboxes. */
  readonly sandbox: boolean;
  /** Progress on stderr. */
  readonly progress: Progress;
  /** Stops the progress display and the sandboxes, if any. */
  close(): Promise<void>;
}

/**
 * Opens the connections a command runs against: the connections file, or with `--sandbox` the
 * local sandboxes, one per registered vendor (started here, stopped by `close()`).
 */
export async function openSession(
  o: CommonOptions,
  io: CliIo,
  extras: (connection: string) => ConnectExtras = () => ({}),
): Promise<Session> {
  const progress = createProgress(io.stderr, o.quiet);
  if (o.sandbox) {
    const sandboxes = await startSandboxes(o.seed);
    try {
      const connections = selectConnections(sandboxConnections(sandboxes), o.only);
      const connectors = connections.map((c) => connect(c, 'sandbox', extras(c.name)));
      return {
        connectors,
        connections,
        sandbox: true,
        progress,
        close: async () => {
          progress.stop();
          await sandboxes.close();
        },
      };
    } catch (error) {
      await sandboxes.close();
      throw error;
    }
  }
  const path = resolve(io.cwd, o.connections);
  const connections = selectConnections(await loadConnections(path, io.env), o.only);
  const connectors = connections.map((c) => connect(c, basename(path), extras(c.name)));
  return {
    connectors,
    connections,
    sandbox: false,
    progress,
    close: async () => progress.stop(),
  };
}

/** The tags of the session's connections that have some, by connection name (for `collect`). */
export function connectionTags(
  session: Pick<Session, 'connections'>,
): Record<string, Readonly<Record<string, string>>> {
  return Object.fromEntries(session.connections.flatMap((c) => (c.tags ? [[c.name, c.tags]] : [])));
}
