import * as v from 'valibot';
import { KandjiFlag } from './boolean.js';
import { KandjiDate } from './date.js';

const text = v.nullish(v.string(), null);

/**
 * One app of `GET /api/v1/devices/{device_id}/apps`. Kandji sends every value as text:
 * `"True"`/`"False"` booleans, `bundle_size` in bytes as a string, `""` for unknown dates.
 * iPhone and iPad lists leave out Apple's preinstalled apps.
 */
export const KandjiDeviceApp = v.object({
  // Kandji's id of the app.
  app_id: text,
  // App name.
  app_name: text,
  // Bundle identifier.
  bundle_id: text,
  // Version.
  version: text,
  // Install path (macOS), `""` on iOS.
  path: text,
  // Where it came from (macOS).
  source: text,
  // Code signature (macOS).
  signature: text,
  // Whether the App Store can assign it through Apps and Books.
  app_store_vendable: KandjiFlag,
  // Whether it was assigned to the device (not a user) through Apps and Books.
  device_based_vpp: KandjiFlag,
  // Size in bytes (`"68390912"` on the wire); `null` when not reported.
  bundle_size: v.pipe(
    v.nullish(v.union([v.number(), v.string()]), null),
    v.transform((size): number | null => {
      const n = typeof size === 'string' ? (size.trim() === '' ? Number.NaN : Number(size)) : size;
      return n === null || !Number.isFinite(n) ? null : n;
    }),
  ),
  // Created (macOS).
  creation_date: KandjiDate,
  // Modified (macOS).
  modification_date: KandjiDate,
});
/** A device's app, as validated. */
export type KandjiDeviceApp = v.InferOutput<typeof KandjiDeviceApp>;

/** The response of `GET /api/v1/devices/{device_id}/apps`: every app of one device, one page. */
export const KandjiDeviceAppsPage = v.object({
  device_id: v.string(),
  apps: v.array(KandjiDeviceApp),
});
/** A device's app list, as validated. */
export type KandjiDeviceAppsPage = v.InferOutput<typeof KandjiDeviceAppsPage>;
