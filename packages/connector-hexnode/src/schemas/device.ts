import * as v from 'valibot';
import { HexnodeId, OptionalFlag, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/** The user a device is assigned to, as device objects embed it (no email). */
export const HexnodeDeviceUser = v.object({
  id: HexnodeId, // The user's integer id.
  name: OptionalText, // Display name.
});

/** A device's assigned user, as validated by {@link HexnodeDeviceUser}. */
export type HexnodeDeviceUser = v.InferOutput<typeof HexnodeDeviceUser>;

/** `platform` falling back to `os_name`, and `platformSource` saying which field it came from. */
function withPlatform<D extends { platform: string | null; os_name: string | null }>(d: D) {
  return {
    ...d,
    platform: d.platform ?? d.os_name,
    platformSource: (d.platform !== null ? 'platform' : d.os_name !== null ? 'os_name' : null) as
      | 'platform'
      | 'os_name'
      | null,
  };
}

const DeviceFields = v.object({
  id: HexnodeId, // Hexnode's integer id.
  device_name: OptionalText, // Name shown in the console.
  model_name: OptionalText, // Hardware model.
  // Platform key, such as `ios` or `android`; real device lists leave it out (see `platformSource`).
  platform: OptionalText,
  os_name: OptionalText, // Operating system name, such as `iOS` or `Android`.
  os_version: OptionalText, // Operating system version.
  enrollment_status: OptionalText, // Enrollment state, such as `enrolled`.
  udid: OptionalText, // Device UDID.
  serial_number: OptionalText, // Hardware serial number.
  imei: OptionalText, // IMEI, for devices with a cellular modem.
  // Whether the device meets its compliance policies; `null` when Hexnode does not say.
  compliant: OptionalFlag,
  enrolled_time: OptionalText, // When the device enrolled, as Hexnode formats it.
  last_reported: OptionalText, // When the device last reported, as Hexnode formats it.
  // The user the device is assigned to, `null` when unassigned.
  user: v.optional(v.nullable(HexnodeDeviceUser), null),
});

/**
 * A managed device (`GET devices/`, `GET devices/{id}/`). Real device lists send `os_name`
 * (`Android`) but no `platform`, which only device-group details carry (`android`): `platform`
 * falls back to `os_name`, spelled as Hexnode spells it, and `platformSource` says which field it
 * came from (`null` when neither was sent).
 */
export const HexnodeDevice = v.pipe(DeviceFields, v.transform(withPlatform));

/** A managed device, as validated by {@link HexnodeDevice}. */
export type HexnodeDevice = v.InferOutput<typeof HexnodeDevice>;

/** One page of `GET devices/`. */
export const HexnodeDevicePage = hexnodePage(HexnodeDevice);

/** One page of devices, as validated by {@link HexnodeDevicePage}. */
export type HexnodeDevicePage = v.InferOutput<typeof HexnodeDevicePage>;

/**
 * One device in detail (`GET devices/{id}/`): the listing's fields and, from the device's
 * compliance information, whether its storage is encrypted and a passcode is set. Unverified: no
 * public recording shows these two fields; they are read as `encryption_status`
 * (`Encrypted`/`Not Encrypted`) and `passcode_status` (`Set`/`Not Set`) when present, and stay
 * `null` when the portal sends neither, so a missing field is never read as a pass.
 */
export const HexnodeDeviceDetail = v.pipe(
  v.object({
    ...DeviceFields.entries,
    encryption_status: OptionalText, // Storage encryption, as the compliance information says.
    passcode_status: OptionalText, // Whether a passcode is set, as the compliance information says.
  }),
  v.transform(withPlatform),
);

/** A device in detail, as validated by {@link HexnodeDeviceDetail}. */
export type HexnodeDeviceDetail = v.InferOutput<typeof HexnodeDeviceDetail>;
