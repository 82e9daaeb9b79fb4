import { ConfigError } from '../../errors/errors.js';
import type { ConnectionIdentity, Connector } from '../../model/connector.js';
import type { Snapshot } from '../snapshot.js';

const sameIdentity = (a: ConnectionIdentity, b: ConnectionIdentity) =>
  a.vendor === b.vendor && a.host.toLowerCase() === b.host.toLowerCase() && a.tenant === b.tenant;

const describeIdentity = (i: ConnectionIdentity) => `${i.vendor} ${i.host} tenant ${i.tenant}`;

/**
 * Refuses a stored snapshot that another vendor or tenant wrote: compared with this connector's
 * accounts it would diff into false changes.
 *
 * @throws ConfigError naming both owners.
 */
export function checkSnapshotOwner(
  previous: Snapshot | undefined,
  connector: Pick<Connector, 'vendor' | 'identity'>,
  connection: string,
): void {
  if (!previous) return;
  if (previous.vendor !== connector.vendor) {
    throw new ConfigError(
      `The stored snapshot of ${connection} belongs to ${previous.vendor}, not ${connector.vendor}; use another connection name or state store`,
      { vendor: connector.vendor },
    );
  }
  const mine = connector.identity;
  if (mine && previous.identity && !sameIdentity(mine, previous.identity)) {
    throw new ConfigError(
      `The stored snapshot of ${connection} was read from ${describeIdentity(previous.identity)}, not ${describeIdentity(mine)}; give each tenant its own connection name`,
      { vendor: connector.vendor },
    );
  }
}
