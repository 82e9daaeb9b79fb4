import type { ReadContext, ResourceReader } from '../collect/adapter.js';

/** A per-device read the host opts in to: one request per device, at most `maxDevices` a collect. */
export interface PerDeviceOptions {
  /** Devices read at most per collect (each costs one request); more leave the read incomplete. */
  maxDevices: number;
}

/** The error a per-device read ends with when the fleet is larger than its budget. */
export class DeviceBudgetError extends Error {
  readonly code = 'budget';
}

/**
 * A reader making one request per device listed by `devices` (read by `read`), budgeted: the
 * estimate is `min(devices, maxDevices)`, and past `maxDevices` it stops and is incomplete with
 * code `budget` (its fields are then carried from the last snapshot, and checks on them say so).
 */
export function perDeviceReader(o: {
  name: string;
  merges: readonly string[];
  options: PerDeviceOptions;
  ids: () => readonly (string | number)[];
  read: (ctx: ReadContext, id: string | number) => Promise<void>;
}): ResourceReader {
  const max = o.options.maxDevices;
  if (!(Number.isInteger(max) && max >= 0)) {
    throw new RangeError(`${o.name}: maxDevices must be a non-negative integer`);
  }
  return {
    name: o.name,
    dependsOn: ['devices'],
    merges: o.merges,
    estimate: ({ items }) => Math.min(items('devices') ?? max, max),
    async read(ctx) {
      const ids = o.ids();
      for (const id of ids.slice(0, max)) await o.read(ctx, id);
      if (ids.length > max) {
        throw new DeviceBudgetError(
          `read ${max} of ${ids.length} devices: raise maxDevices to read them all`,
        );
      }
    },
  };
}
