import type { GraphSnapshot } from '@org/connector-graph';

/**
 * How a person finds the subject of a finding again, whatever it is called: a device's serial
 * number or host name, else the entity key (`<connection>:<kind>:<vendor id>`, stable between
 * runs). Display names repeat ("iPhone", "Julia's MacBook"); these do not.
 */
export function stableId(key: string | undefined, snapshot: GraphSnapshot | undefined): string {
  if (key === undefined) return '';
  const e = snapshot?.entities.get(key);
  const serial = e?.serial ?? e?.serialNumber;
  if (typeof serial === 'string' && serial !== '') return `serial ${serial}`;
  if (typeof e?.hostname === 'string' && e.hostname !== '') return `host ${e.hostname}`;
  return key;
}
