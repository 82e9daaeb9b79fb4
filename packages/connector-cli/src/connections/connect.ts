import type { Connector } from '@org/connector-core';
import { InputError } from '../cli/input-error.js';
import type { ConnectExtras } from '../vendors/mapping.js';
import { VENDORS } from '../vendors/registry.js';
import type { LoadedConnection } from './load.js';

/**
 * Makes the connector of a loaded connection.
 *
 * @param where - The start of a message about it, such as `connections.yaml`.
 * @param extras - What to add to the connector (an event handler).
 * @throws InputError carrying the connector's `ConfigError` message (which never quotes a secret).
 */
export function connect(
  connection: LoadedConnection,
  where: string,
  extras: ConnectExtras = {},
): Connector {
  const mapping = VENDORS[connection.vendor];
  if (!mapping) throw new Error(`no mapping for vendor ${connection.vendor}`);
  try {
    return mapping.connect(connection.settings, extras);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'config' && error instanceof Error) {
      throw new InputError(
        `${where}: connection "${connection.name}": ${error.message.replace(/\.$/, '')}`,
        'correct that field of the connection',
      );
    }
    throw error;
  }
}

/**
 * The connections `--only` names, in the file's order; all of them when `only` is empty.
 *
 * @throws InputError naming an unknown connection and listing the known ones.
 */
export function selectConnections(
  connections: readonly LoadedConnection[],
  only: readonly string[],
): LoadedConnection[] {
  if (only.length === 0) return [...connections];
  const known = new Set(connections.map((c) => c.name));
  const unknown = only.find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new InputError(
      `--only names "${unknown}", which is not a connection`,
      `use one of ${[...known].join(', ')}`,
    );
  }
  return connections.filter((c) => only.includes(c.name));
}
