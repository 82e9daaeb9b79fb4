// The reads a run opts in to, off by default because each costs requests per device or per
// sign-in: Kandji's and Hexnode's per-device details (supervision; encryption and passcode), up to
// a number of devices per connection, and JumpCloud's sign-ins from Directory Insights over a
// window of days. The three checks that need them are "not evaluated" without them.
import {
  createHexnodeAdapter,
  createKandjiAdapter,
  type VendorAdapter,
} from '@org/connector-graph';
import * as v from 'valibot';

const MaxDevices = v.strictObject({
  maxDevices: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
  ),
});

/** `reads:` of a config file. */
export const ReadsSchema = v.strictObject({
  kandji: v.optional(v.strictObject({ deviceDetails: v.optional(MaxDevices) })),
  hexnode: v.optional(v.strictObject({ deviceDetails: v.optional(MaxDevices) })),
  jumpcloud: v.optional(
    v.strictObject({
      lastLogins: v.optional(
        v.strictObject({
          lookbackDays: v.pipe(
            v.number('must be a number'),
            v.integer('must be a whole number'),
            v.minValue(1, 'must be at least 1'),
            v.maxValue(90, 'must be at most 90 (Directory Insights keeps 90 days)'),
          ),
        }),
      ),
    }),
  ),
});

/** The opt-in reads of a run. */
export interface ReadOptions {
  /** Kandji device details: most devices read per connection. */
  readonly kandjiDeviceDetails?: number | undefined;
  /** Hexnode device details: most devices read per connection (each one call of the daily quota). */
  readonly hexnodeDeviceDetails?: number | undefined;
  /** JumpCloud sign-ins: days of Directory Insights events read. */
  readonly lastLoginDays?: number | undefined;
}

/** The config file's `reads`, with `--device-details` and `--last-logins` over it. */
export function readOptions(
  file: v.InferOutput<typeof ReadsSchema> | undefined,
  flags: { deviceDetails?: number | undefined; lastLogins?: number | undefined },
): ReadOptions {
  return {
    kandjiDeviceDetails: flags.deviceDetails ?? file?.kandji?.deviceDetails?.maxDevices,
    hexnodeDeviceDetails: flags.deviceDetails ?? file?.hexnode?.deviceDetails?.maxDevices,
    lastLoginDays: flags.lastLogins ?? file?.jumpcloud?.lastLogins?.lookbackDays,
  };
}

/** The graph adapters the per-device reads need, or undefined when none is asked for. */
export function readAdapters(reads: ReadOptions): Record<string, VendorAdapter> | undefined {
  const adapters: Record<string, VendorAdapter> = {};
  if (reads.kandjiDeviceDetails !== undefined) {
    adapters.kandji = createKandjiAdapter({
      deviceDetails: { maxDevices: reads.kandjiDeviceDetails },
    });
  }
  if (reads.hexnodeDeviceDetails !== undefined) {
    adapters.hexnode = createHexnodeAdapter({
      deviceDetails: { maxDevices: reads.hexnodeDeviceDetails },
    });
  }
  return Object.keys(adapters).length > 0 ? adapters : undefined;
}

/** The reads as plain data, for the evidence manifest's options. */
export function readsSummary(reads: ReadOptions): Record<string, number> {
  return Object.fromEntries(
    Object.entries(reads).filter((e): e is [string, number] => e[1] !== undefined),
  );
}
