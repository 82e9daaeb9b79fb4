import * as v from 'valibot';
import { KandjiBoolean } from './boolean.js';
import { KandjiDate } from './date.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user a device is assigned to, as the devices endpoints embed it. Real tenants send the
 * user's legacy integer id here (`"id": 1`), not the UUID `users.list()` gives, so the wire `id`
 * comes out as `legacyId` (it equals the user's `deprecated_user_id`) or, when Kandji sends a UUID
 * (the documented example), as `uuid`. Never compare it with `user.id`: join with
 * `createKandjiUserIndex` (by email, then legacy id).
 */
export const KandjiDeviceUser = v.pipe(
  v.object({
    // The user's id: a legacy integer on real tenants, a UUID in the documented example.
    id: v.pipe(
      v.nullish(v.union([v.pipe(v.number(), v.integer()), v.string()]), null),
      v.check(
        (id) =>
          id === null || typeof id === 'number' || /^\s*\d+\s*$/.test(id) || UUID.test(id.trim()),
        'a legacy integer id or a UUID',
      ),
    ),
    // Email address of the user.
    email: v.nullish(v.string(), null),
    // Display name of the user.
    name: v.nullish(v.string(), null),
    // Whether the user is archived (`true/false` or `1/0`).
    is_archived: v.nullish(KandjiBoolean, null),
  }),
  v.transform(({ id, ...rest }) => {
    const text = id === null ? '' : String(id).trim();
    return {
      /** The legacy integer id, as a string (the user's `deprecated_user_id`); `null` when Kandji sent a UUID. */
      legacyId: /^\d+$/.test(text) ? text : null,
      /** The user's UUID (`user.id`), when Kandji sent one instead of the legacy id. */
      uuid: UUID.test(text) ? text.toLowerCase() : null,
      ...rest,
    };
  }),
);

/** A device's assigned user, as validated. */
export type KandjiDeviceUser = v.InferOutput<typeof KandjiDeviceUser>;

const optionalText = v.nullish(v.string(), null);

/**
 * A device from `GET /api/v1/devices` or `GET /api/v1/devices/{device_id}`. `user` is `""` on the
 * wire when nobody is assigned; it comes out as `null`.
 */
export const KandjiDevice = v.object({
  // UUID of the device.
  device_id: v.string(),
  // Name of the device.
  device_name: optionalText,
  // Model, such as `MacBook Pro (14-inch, 2023)`.
  model: optionalText,
  // Hardware serial number.
  serial_number: optionalText,
  // `Mac`, `iPhone`, `iPad` or `AppleTV`.
  platform: optionalText,
  // OS version, such as `14.1`.
  os_version: optionalText,
  // Rapid Security Response build, when one is installed.
  supplemental_build_version: optionalText,
  // Rapid Security Response version suffix, when one is installed.
  supplemental_os_version_extra: optionalText,
  // UUID of the device's blueprint.
  blueprint_id: optionalText,
  // Name of the device's blueprint.
  blueprint_name: optionalText,
  // Asset tag, `""` when none.
  asset_tag: optionalText,
  // Whether the Kandji agent is installed.
  agent_installed: v.nullish(KandjiBoolean, null),
  // Version of the Kandji agent.
  agent_version: optionalText,
  // Whether MDM is enabled.
  mdm_enabled: v.nullish(KandjiBoolean, null),
  // Whether the device is reported missing.
  is_missing: v.nullish(KandjiBoolean, null),
  // Whether the device was removed from Kandji.
  is_removed: v.nullish(KandjiBoolean, null),
  // Lost Mode status, `""` when not in Lost Mode.
  lost_mode_status: optionalText,
  // First enrollment.
  first_enrollment: KandjiDate,
  // Latest enrollment.
  last_enrollment: KandjiDate,
  // Last agent or MDM check-in; `null` when the device never checked in.
  last_check_in: KandjiDate,
  // Tag names on the device.
  tags: v.nullish(v.array(v.string()), []),
  // The assigned user; `null` when unassigned (`""` on the wire).
  user: v.pipe(
    v.nullish(v.union([v.literal(''), KandjiDeviceUser]), null),
    v.transform((user): KandjiDeviceUser | null => (user === '' ? null : user)),
  ),
});

/** A Kandji device, as validated. */
export type KandjiDevice = v.InferOutput<typeof KandjiDevice>;

/** One page of `GET /api/v1/devices`: a bare JSON array of at most 300 devices. */
export const KandjiDevicePage = v.array(KandjiDevice);

/** One page of devices, as validated. */
export type KandjiDevicePage = v.InferOutput<typeof KandjiDevicePage>;
