import { uuid } from '../../data/ids.js';
import { hash, hex, Stream } from '../../data/random.js';
import { type App, MAC_APPS, MOBILE_APPS, ms, PROFILES, prismTime, type Row } from './catalog.js';
import type { KandjiData } from './objects.js';

export { PRISM_CATEGORIES } from './catalog.js';

/** macOS's marketing name by major version. */
const macName = (version: string): string =>
  ({ '12': 'Monterey', '13': 'Ventura', '14': 'Sonoma', '15': 'Sequoia', '26': 'Tahoe' })[
    version.split('.')[0] ?? ''
  ] ?? 'macOS';

/**
 * Security state, software and fleet views of the Kandji data set, derived from the seed and each
 * device, so Prism, device details and device apps agree with each other and with `/devices`.
 */
export class KandjiInventory {
  readonly #appCounts: number[];

  constructor(readonly data: KandjiData) {
    this.#appCounts = Array.from({ length: data.devices }, (_, d) => this.appsOf(d).length);
  }

  /** A seeded value for device `d`. */
  h(d: number, salt: number): number {
    return hash(this.data.seed, Stream.status, d, salt);
  }

  /** Security state of device `d`; in a scenario, every device but the listed flaws is sound. */
  security(d: number) {
    const device = this.data.device(d);
    const mac = device.platform === 'Mac';
    const filevault = mac ? this.h(d, 2) % 7 !== 0 : null;
    const state = this.data.scenario
      ? this.data.scenario.kandjiSecurity(d, mac)
      : {
          supervised: this.h(d, 1) % 5 !== 0,
          filevault,
          escrowed: filevault === true && this.h(d, 3) % 9 !== 0,
          userActivationLock: this.h(d, 4) % 11 === 0,
          gatekeeper: mac ? this.h(d, 6) % 13 !== 0 : null,
          firewall: mac ? this.h(d, 7) % 4 !== 0 : null,
          sip: mac ? this.h(d, 9) % 17 !== 0 : null,
        };
    return {
      device,
      mac,
      ...state,
      deviceActivationLock: state.supervised && this.h(d, 5) % 2 === 0,
      autoEnrolled: state.supervised && this.h(d, 8) % 3 !== 0,
    };
  }

  /** The catalog entries of the apps installed on device `d`. */
  appsOf(d: number): readonly App[] {
    const platform = this.data.device(d).platform;
    const catalog = platform === 'Mac' ? MAC_APPS : platform === 'AppleTV' ? [] : MOBILE_APPS;
    return catalog.filter((_, k) => k < 2 || this.h(d, 0x40 + k) % 3 !== 0);
  }

  /** Fields every Prism row of device `d` shares. */
  prismBase(d: number): Row {
    const device = this.data.device(d);
    const user = device.user as { id: number; email: string; name: string } | '';
    const collected = ms(device.last_check_in);
    return {
      asset_tag: device.asset_tag,
      blueprint_id: device.blueprint_id,
      blueprint_name: device.blueprint_name,
      count: null,
      created_at: prismTime(ms(device.first_enrollment), this.h(d, 0x10) % 1_000_000),
      device__family: device.platform,
      device__name: device.device_name,
      device__user_email: user === '' ? null : user.email,
      device__user_id: user === '' ? '' : String(user.id),
      device__user_name: user === '' ? null : user.name,
      device_id: device.device_id,
      last_changed_at: null,
      last_collected_at: prismTime(collected, this.h(d, 0x11) % 1_000_000),
      model_id: this.modelId(device),
      serial_number: device.serial_number,
      tags: Array.isArray(device.tags) && device.tags.length > 0 ? device.tags : null,
      updated_at: prismTime(collected, this.h(d, 0x12) % 1_000_000),
    };
  }

  modelId(device: Row): string {
    const byModel: Record<string, string> = {
      'MacBook Pro (14-inch, 2023)': 'Mac14,9',
      'MacBook Air (M2, 2022)': 'Mac14,2',
      'Mac mini (2023)': 'Mac14,3',
      'iPhone 15 Pro': 'iPhone16,1',
      'iPhone 14': 'iPhone14,7',
      'iPad (8th generation) (Wi-Fi)': 'iPad11,6',
      'iPad Air (4th generation) Wi-Fi + Cellular': 'iPad13,2',
      'Apple TV 4K': 'AppleTV11,1',
    };
    return byModel[String(device.model)] ?? 'Mac14,2';
  }

  /** Rows device `d` holds in `category`. */
  #countOf(category: string, d: number): number {
    return category === 'apps' ? (this.#appCounts[d] ?? 0) : this.rowsOf(category, d, true).length;
  }

  /** Number of rows category `category` holds, for every device. */
  rowCount(category: string): number {
    let n = 0;
    for (let d = 0; d < this.data.devices; d++) n += this.#countOf(category, d);
    return n;
  }

  /** Rows `[from, to)` of a category, in Kandji's order (by device, then by row). */
  rows(category: string, from: number, to: number): Row[] {
    const out: Row[] = [];
    let at = 0;
    for (let d = 0; d < this.data.devices && out.length < to - from; d++) {
      const n = this.#countOf(category, d);
      if (at + n <= from) {
        at += n;
        continue;
      }
      for (const row of this.rowsOf(category, d)) {
        if (at >= from && out.length < to - from) out.push(row);
        at++;
      }
    }
    return out;
  }

  /** Every row of a category. */
  allRows(category: string): Row[] {
    const out: Row[] = [];
    for (let d = 0; d < this.data.devices; d++) out.push(...this.rowsOf(category, d));
    return out;
  }

  /** The rows of one device in a category (`countOnly`: shapes without per-row detail). */
  rowsOf(category: string, d: number, countOnly = false): Row[] {
    const s = this.security(d);
    const one = (extra: () => Row): Row[] =>
      countOnly ? [{}] : [{ ...this.prismBase(d), ...extra() }];
    switch (category) {
      case 'device_information':
        return one(() => this.deviceInformation(d));
      case 'filevault':
        return s.mac
          ? one(() => ({
              status: s.filevault,
              key_escrowed: s.escrowed,
              key_type: s.filevault ? 'personal' : null,
              regeneration_needed: s.filevault ? false : null,
              scheduled_key_rotation: null,
            }))
          : [];
      case 'activation_lock':
        return one(() => ({
          activation_lock_allowed_while_supervised: s.supervised,
          activation_lock_supported: s.device.platform !== 'AppleTV',
          bypass_code_failed: false,
          device_activation_lock_enabled: s.deviceActivationLock,
          user_activation_lock_enabled: s.userActivationLock,
        }));
      case 'gatekeeper_and_xprotect':
        return s.mac
          ? one(() => ({
              gatekeeper_opaque_version: '94',
              gatekeeper_status: s.gatekeeper,
              gatekeeper_version: '8.0',
              malware_removal_tool_version: '1.93',
              trusted_developers: true,
              xprotect_version: String(5280 + (this.h(d, 0x20) % 9)),
            }))
          : [];
      case 'application_firewall':
        return s.mac
          ? one(() => ({
              allow_signed_applications: true,
              block_all_incoming: false,
              logging: true,
              logging_option: 'throttled',
              status: s.firewall,
              stealth_mode: this.h(d, 0x21) % 2 === 0,
              unloading: false,
              version: '1.7',
            }))
          : [];
      case 'apps':
        return this.appsOf(d).map((app) =>
          countOnly ? {} : { ...this.prismBase(d), ...this.prismApp(s.mac, app) },
        );
      case 'installed_profiles':
        return PROFILES.filter((_, k) => k < 2 || this.h(d, 0x30) % 2 === 0).map(
          ([name, identifier, type], k) =>
            countOnly
              ? {}
              : {
                  ...this.prismBase(d),
                  encrypted: false,
                  managed: true,
                  organization: 'Kandji, Inc.',
                  payload_identifier: identifier,
                  payload_uuid: uuid(this.data.seed, Stream.policy, 100 + k),
                  profile_data: [
                    {
                      display_name: name,
                      identifier: `${identifier}.payload`,
                      organization: 'Kandji, Inc.',
                      type,
                      uuid: uuid(this.data.seed, Stream.policy, 200 + k),
                      version: 1,
                    },
                  ],
                  profile_description: null,
                  profile_display_name: name,
                  removable: false,
                  removal_passcode: false,
                  signed: true,
                },
        );
      case 'local_users':
        return s.mac ? this.localUsers(d, countOnly) : [];
      case 'startup_settings':
        return s.mac
          ? one(() => ({
              any_signed_os: null,
              bootstrap_token_auth: false,
              bootstrap_token_escrowed: true,
              external_boot_level: 'allowed',
              kext_requires_bst: true,
              mdm_manages_kext: null,
              secure_boot_level: s.sip === false ? 'medium' : 'full',
              sip: s.sip,
              software_update_requires_bst: true,
              ssv: s.sip !== false,
              user_manages_kext: null,
            }))
          : [];
      default:
        return [];
    }
  }

  deviceInformation(d: number): Row {
    const device = this.data.device(d);
    const mac = device.platform === 'Mac';
    const checkin = String(device.last_check_in);
    return {
      agent_installed: device.agent_installed,
      agent_version: device.agent_version === '' ? null : device.agent_version,
      apple_silicon: mac ? true : null,
      battery_health: null,
      cellular_technology: mac ? null : '',
      data_roaming: mac ? null : false,
      device_capacity: 256,
      display_os_version: device.os_version,
      first_enrollment_date: prismTime(ms(device.first_enrollment), 0),
      host_name: mac ? device.device_name : null,
      hotspot: mac ? null : false,
      last_checkin: prismTime(ms(checkin), 0),
      last_checkin_agent: mac ? prismTime(ms(checkin), 0) : null,
      last_checkin_mdm: prismTime(ms(checkin), 0),
      last_enrollment_date: prismTime(ms(device.last_enrollment), 0),
      local_hostname: mac ? String(device.device_name).replace(/[^A-Za-z0-9]+/g, '-') : null,
      lost_mode_status: null,
      marketing_name: mac ? macName(String(device.os_version)) : null,
      mdm_enabled: device.mdm_enabled,
      model: mac ? 'Mac' : device.platform,
      model_name: device.model,
      os_build: mac ? '23G93' : '21G93',
      os_version: device.os_version,
      shared_ipad: device.platform === 'iPad' ? false : null,
      supplemental_build_version: null,
      supplemental_os_version_extra: null,
    };
  }

  prismApp(mac: boolean, [name, bundleId, version, developer, team]: App): Row {
    return {
      bundle_id: bundleId,
      bundle_name: name,
      category: 'public.app-category.productivity',
      developer_name: developer,
      has_update_available: mac ? null : false,
      minimum_system_version: mac ? '12.0' : '16.0',
      name,
      obtained_from: mac ? 'Identified Developer' : 'App Store',
      path: mac ? `/Applications/${name}.app` : null,
      short_version: version.replace(/\./g, ''),
      signature: mac
        ? `Developer ID Application: ${developer} (${team}), Developer ID Certification Authority, Apple Root CA`
        : null,
      team_id: team,
      version,
    };
  }

  localUsers(d: number, countOnly: boolean): Row[] {
    const device = this.data.device(d);
    const user = device.user as { name: string } | '';
    const accounts: Array<[string, string, number, string]> = [
      ['daemon', 'System Services', 1, 'Standard'],
      ['kandji-admin', 'Kandji Admin', 501, 'Admin'],
    ];
    if (user !== '') {
      const short = user.name.toLowerCase().replace(/[^a-z]+/g, '.');
      accounts.push([short, user.name, 502, this.h(d, 0x50) % 3 === 0 ? 'Admin' : 'Standard']);
    }
    if (countOnly) return accounts.map(() => ({}));
    return accounts.map(([username, fullName, uid, type]) => ({
      ...this.prismBase(d),
      directory: '/Local/Default',
      failed_login_time: null,
      failed_logins: null,
      filevault_user: uid >= 501 && this.security(d).filevault === true,
      full_name: fullName,
      generated_uid: hex(32, this.data.seed, d, uid)
        .toUpperCase()
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      hidden_user: uid < 500,
      home_directory: uid < 500 ? '/var/root' : `/Users/${username}`,
      home_folder_secure: uid >= 501,
      logged_in: uid === 502,
      logged_in_time: null,
      mobile_account: false,
      password_last_set: null,
      secure_token: uid >= 501,
      shell: uid < 500 ? '/usr/bin/false' : '/bin/zsh',
      type,
      uid,
      user_created_at: null,
      username,
      volume_owner: uid >= 501,
    }));
  }
}
