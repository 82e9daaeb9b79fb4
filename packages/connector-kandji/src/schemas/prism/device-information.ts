import * as v from 'valibot';
import { KandjiBoolean } from '../boolean.js';
import { KandjiDate } from '../date.js';
import { prismPage, prismRowFields } from './row.js';

const text = v.nullish(v.string(), null);
const flag = v.nullish(KandjiBoolean, null);

/** A row of Prism's Device information (`GET /api/v1/prism/device_information`): one per device. */
export const KandjiPrismDeviceInformation = v.object({
  ...prismRowFields,
  // Marketing model name, such as `MacBook Pro (16-inch, 2019)`.
  model_name: text,
  // Model family, such as `Mac` or `Virtual Machine`.
  model: text,
  // OS version, such as `14.1.1`.
  os_version: text,
  // OS version as shown (with a Rapid Security Response suffix).
  display_os_version: text,
  // OS build, such as `23B81`.
  os_build: text,
  // OS marketing name, such as `Sonoma`.
  marketing_name: text,
  // Rapid Security Response build.
  supplemental_build_version: text,
  // Rapid Security Response version suffix.
  supplemental_os_version_extra: text,
  // Whether the Kandji agent is installed.
  agent_installed: flag,
  // Kandji agent version.
  agent_version: text,
  // Whether MDM is enabled.
  mdm_enabled: flag,
  // Apple silicon Mac.
  apple_silicon: flag,
  // Shared iPad.
  shared_ipad: flag,
  // Lost Mode status, when in Lost Mode.
  lost_mode_status: text,
  // Host name.
  host_name: text,
  // Bonjour local host name.
  local_hostname: text,
  // Storage capacity in GB.
  device_capacity: v.nullish(v.number(), null),
  // Battery health, when reported.
  battery_health: text,
  // Last check-in of either the agent or MDM.
  last_checkin: KandjiDate,
  // Last agent check-in.
  last_checkin_agent: KandjiDate,
  // Last MDM check-in.
  last_checkin_mdm: KandjiDate,
  // First enrollment.
  first_enrollment_date: KandjiDate,
  // Latest enrollment.
  last_enrollment_date: KandjiDate,
});

/** A Device information row, as validated. */
export type KandjiPrismDeviceInformation = v.InferOutput<typeof KandjiPrismDeviceInformation>;

/** One page of Device information rows. */
export const KandjiPrismDeviceInformationPage = prismPage(KandjiPrismDeviceInformation);
