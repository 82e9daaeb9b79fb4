import * as v from 'valibot';
import { HexnodeId, OptionalFlag, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/** The user a device is assigned to, as device objects embed it (no email). */
export const HexnodeDeviceUser = v.object({
  // The user's integer id.
  id: HexnodeId,
  // Display name.
  name: OptionalText,
});

/** A device's assigned user, as validated by {@link HexnodeDeviceUser}. */
export type HexnodeDeviceUser = v.InferOutput<typeof HexnodeDeviceUser>;

/** A managed device (`GET devices/`, `GET devices/{id}/`). */
export const HexnodeDevice = v.object({
  // Hexnode's integer id.
  id: HexnodeId,
  // Name shown in the console.
  device_name: OptionalText,
  // Hardware model.
  model_name: OptionalText,
  // Platform, such as `ios`, `android`, `windows`, `macos`.
  platform: OptionalText,
  // Operating system name.
  os_name: OptionalText,
  // Operating system version.
  os_version: OptionalText,
  // Enrollment state, such as `enrolled`.
  enrollment_status: OptionalText,
  // Device UDID.
  udid: OptionalText,
  // Hardware serial number.
  serial_number: OptionalText,
  // IMEI, for devices with a cellular modem.
  imei: OptionalText,
  // Whether the device meets its compliance policies; `null` when Hexnode does not say.
  compliant: OptionalFlag,
  // When the device enrolled, as Hexnode formats it.
  enrolled_time: OptionalText,
  // When the device last reported, as Hexnode formats it.
  last_reported: OptionalText,
  // The user the device is assigned to, `null` when unassigned.
  user: v.optional(v.nullable(HexnodeDeviceUser), null),
});

/** A managed device, as validated by {@link HexnodeDevice}. */
export type HexnodeDevice = v.InferOutput<typeof HexnodeDevice>;

/** One page of `GET devices/`. */
export const HexnodeDevicePage = hexnodePage(HexnodeDevice);

/** One page of devices, as validated by {@link HexnodeDevicePage}. */
export type HexnodeDevicePage = v.InferOutput<typeof HexnodeDevicePage>;
