import { uuid } from '../../data/ids.js';
import { hex, Stream } from '../../data/random.js';
import type { Row } from './catalog.js';
import type { KandjiInventory } from './inventory.js';

// One device's records: details (text booleans, as Kandji sends them) and its apps.

/** `GET /api/v1/devices/{id}/details`, with Kandji's `"True"`/`"False"` text booleans. */
export function deviceDetails(inv: KandjiInventory, d: number): Row {
  const s = inv.security(d);
  const device = s.device;
  const py = (b: boolean | null) => (b === null ? '' : b ? 'True' : 'False');
  const user = device.user as { name: string } | '';
  return {
    activation_lock: {
      activation_lock_allowed_while_supervised: s.supervised,
      activation_lock_supported: device.platform !== 'AppleTV',
      bypass_code_failed: false,
      device_activation_lock_enabled: s.deviceActivationLock,
      user_activation_lock_enabled: s.userActivationLock,
    },
    automated_device_enrollment: {
      auto_enroll_eligible: s.supervised,
      auto_enrolled: s.autoEnrolled,
    },
    filevault: {
      filevault_enabled: s.filevault,
      filevault_next_rotation: '',
      filevault_prk_escrowed: s.escrowed,
      filevault_recoverykey_type: s.filevault ? 'personal' : '',
      filevault_regen_required: false,
    },
    general: {
      asset_tag: device.asset_tag,
      assigned_user: user === '' ? '' : user.name,
      blueprint_name: device.blueprint_name,
      blueprint_uuid: device.blueprint_id,
      boot_volume: s.mac ? 'Macintosh HD' : '',
      device_id: device.device_id,
      device_name: device.device_name,
      first_enrollment: device.first_enrollment,
      last_enrollment: device.last_enrollment,
      last_user: '',
      model: device.model,
      os_version: device.os_version,
      platform: device.platform,
      supplemental_build_version: device.supplemental_build_version,
      supplemental_os_version_extra: '',
      system_version: s.mac ? `macOS ${device.os_version}` : '',
      time_since_boot: '',
    },
    hardware_overview: {
      model_identifier: inv.modelId(device),
      serial_number: device.serial_number,
      uuid: hex(24, inv.data.seed, Stream.device, d, 0x55),
    },
    installed_profiles: [],
    kandji_agent: {
      agent_installed: py(device.agent_installed === true),
      agent_version: device.agent_version,
      install_date: '',
      last_check_in: device.last_check_in,
    },
    lost_mode: { lost_mode_status: '' },
    mdm: {
      install_date: device.first_enrollment,
      last_check_in: device.last_check_in,
      mdm_enabled: py(device.mdm_enabled === true),
      mdm_enabled_user: [],
      supervised: py(s.supervised),
    },
    network: {},
    recovery_information: {
      firmware_password_exist: false,
      firmware_password_pending: false,
      password_rotation_scheduled: null,
      recovery_lock_enabled: false,
    },
    security_information: { remote_desktop_enabled: null },
    tags: device.tags,
    users: { regular_users: [], system_users: [] },
    volumes: [],
  };
}

/** `GET /api/v1/devices/{id}/apps`: every value as text, as Kandji sends it. */
export function deviceApps(inv: KandjiInventory, d: number): Row {
  const mac = inv.data.device(d).platform === 'Mac';
  return {
    apps: inv.appsOf(d).map(([name, bundleId, version], k) => ({
      app_id: uuid(inv.data.seed, Stream.app, d * 16 + k),
      app_name: name,
      app_store_vendable: mac ? 'False' : 'True',
      bundle_id: bundleId,
      bundle_size: String(40_000_000 + (inv.h(d, 0x60 + k) % 200_000_000)),
      creation_date: '',
      device_based_vpp: mac ? 'False' : 'True',
      modification_date: '',
      path: mac ? `/Applications/${name}.app` : '',
      process: '',
      signature: '',
      source: mac ? 'Identified Developer' : '',
      version,
    })),
    device_id: inv.data.deviceId(d),
  };
}
