import * as v from 'valibot';
import { KandjiFlag } from './boolean.js';
import { KandjiDate } from './date.js';

const text = v.nullish(v.string(), null);
const section = <T extends v.ObjectEntries>(entries: T) => v.nullish(v.object(entries), null);

/**
 * `GET /api/v1/devices/{device_id}/details`: one device's full record. Kandji sends many of its
 * booleans as `"True"`/`"False"` text (`mdm.supervised`, `kandji_agent.agent_installed`) and
 * unknown values as `""`; both are read by `KandjiFlag`. A section a platform lacks is `null`.
 * Kept: the sections below. Left out: `lost_mode` location and lock-screen text, `users`,
 * `installed_profiles` (read them fleet-wide from Prism), `network`, `cellular`,
 * `apple_business_manager` and `volumes`.
 */
export const KandjiDeviceDetails = v.object({
  general: section({
    device_id: v.string(),
    device_name: text,
    platform: text,
    model: text,
    os_version: text,
    system_version: text,
    boot_volume: text,
    time_since_boot: text,
    last_user: text,
    asset_tag: text,
    // The assigned user's display name (`""` when unassigned).
    assigned_user: text,
    blueprint_name: text,
    blueprint_uuid: text,
    first_enrollment: KandjiDate,
    last_enrollment: KandjiDate,
  }),
  mdm: section({
    mdm_enabled: KandjiFlag,
    // Supervised (Automated Device Enrollment or Apple Configurator).
    supervised: KandjiFlag,
    install_date: KandjiDate,
    last_check_in: KandjiDate,
  }),
  kandji_agent: section({
    agent_installed: KandjiFlag,
    agent_version: text,
    install_date: KandjiDate,
    last_check_in: KandjiDate,
  }),
  activation_lock: section({
    activation_lock_supported: KandjiFlag,
    activation_lock_allowed_while_supervised: KandjiFlag,
    device_activation_lock_enabled: KandjiFlag,
    user_activation_lock_enabled: KandjiFlag,
    bypass_code_failed: KandjiFlag,
  }),
  filevault: section({
    // `null` on a device without FileVault (iPad, iPhone).
    filevault_enabled: KandjiFlag,
    filevault_prk_escrowed: KandjiFlag,
    filevault_recoverykey_type: text,
    filevault_regen_required: KandjiFlag,
    filevault_next_rotation: KandjiDate,
  }),
  automated_device_enrollment: section({
    auto_enrolled: KandjiFlag,
    auto_enroll_eligible: KandjiFlag,
  }),
  hardware_overview: section({
    model_identifier: text,
    serial_number: text,
    uuid: text,
  }),
  recovery_information: section({
    recovery_lock_enabled: KandjiFlag,
    firmware_password_exist: KandjiFlag,
    firmware_password_pending: KandjiFlag,
  }),
  security_information: section({
    remote_desktop_enabled: KandjiFlag,
  }),
  lost_mode: section({
    lost_mode_status: text,
  }),
  tags: v.nullish(v.array(v.string()), []),
});

/** One device's details, as validated. */
export type KandjiDeviceDetails = v.InferOutput<typeof KandjiDeviceDetails>;
