import { createdAt, uuid, uuidIndex } from '../../data/ids.js';
import { DEPARTMENTS, JOB_TITLES } from '../../data/names.js';
import { Overlay } from '../../data/overlay.js';
import { person } from '../../data/people.js';
import { hash, hex, pick, Stream } from '../../data/random.js';
import type { ScenarioPatches } from '../../scenario/scenario.js';

const LEGACY_ID_BASE = 29_000;

/** Formats epoch ms the way Django REST framework does (microseconds, `Z`). */
function djangoTime(ms: number, micro: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${String(micro).padStart(6, '0')}Z`);
}

/** Kandji's data set: directory-synced users (UUIDs) and devices. */
export class KandjiData {
  readonly users: Overlay;
  readonly domain: string;
  readonly integrations: Array<{ id: number; name: string; type: string; uuid: string }>;

  constructor(
    readonly seed: number,
    readonly baseUsers: number,
    readonly devices: number,
    domain?: string,
    readonly scenario?: ScenarioPatches,
    /** The sandbox's reference time: check-ins and enrollments are relative to it. */
    readonly epochMs = Date.UTC(2026, 0, 1),
  ) {
    this.users = new Overlay(baseUsers);
    const org = pick(['accuhive', 'northwind', 'contoso', 'fabrikam', 'tailspin'], seed, 0xd1);
    this.domain = domain ?? `${org}.example`;
    this.integrations = [
      { id: 634, name: org, type: 'office365', uuid: uuid(seed, Stream.org, 0) },
      { id: 702, name: `${org}-google`, type: 'gsuite', uuid: uuid(seed, Stream.org, 1) },
    ];
  }

  userId(index: number): string {
    return uuid(this.seed, Stream.user, index);
  }

  userIndex(id: string): number | undefined {
    const index = uuidIndex(this.seed, Stream.user, id);
    return index !== undefined && this.users.has(index) ? index : undefined;
  }

  /** The legacy integer id (`deprecated_user_id`): also the cursor position, newest first. */
  legacyId(index: number): number {
    return LEGACY_ID_BASE + index;
  }

  indexOfLegacy(legacy: number): number {
    return legacy - LEGACY_ID_BASE;
  }

  /** Device d's user, or undefined for an unassigned device (one in six). */
  deviceOwner(d: number): number | undefined {
    if (this.scenario) return this.scenario.kandjiDeviceOwner(d, this.baseUsers);
    if (d % 6 === 5 || this.baseUsers === 0) return undefined;
    return (d - Math.floor(d / 6)) % this.baseUsers;
  }

  #deviceCount(index: number): number {
    if (index >= this.baseUsers) return 0;
    const assigned = this.devices - Math.floor((this.devices + 1) / 6);
    return index < assigned ? Math.floor((assigned - 1 - index) / this.baseUsers) + 1 : 0;
  }

  user(index: number): Record<string, unknown> {
    const p = person(this.seed, index, this.domain);
    const created = createdAt(this.seed, Stream.user, index);
    const archived = hash(this.seed, Stream.user, index, 0xa0) % 15 === 0;
    const integration =
      this.integrations[hash(this.seed, Stream.user, index, 0x1e) % 5 === 0 ? 1 : 0];
    const base: Record<string, unknown> = {
      active: !archived,
      archived,
      created_at: djangoTime(created, hash(this.seed, index, 0x11) % 1_000_000),
      department:
        hash(this.seed, index, 0xde) % 4 === 0 ? null : pick(DEPARTMENTS, this.seed, index, 0xdf),
      deprecated_user_id: String(this.legacyId(index)),
      device_count: this.#deviceCount(index),
      email: p.email,
      id: this.userId(index),
      integration,
      job_title:
        hash(this.seed, index, 0x70) % 3 === 0 ? null : pick(JOB_TITLES, this.seed, index, 0x71),
      name: `${p.firstName} ${p.lastName}`,
      updated_at: djangoTime(
        created + (hash(this.seed, index, 0x12) % 86_400) * 1000,
        hash(this.seed, index, 0x13) % 1_000_000,
      ),
    };
    const shaped = this.scenario ? this.scenario.kandjiUser(index, base) : base;
    const patch = this.users.patchOf(index);
    return patch ? { ...shaped, ...patch } : shaped;
  }

  deviceId(d: number): string {
    return uuid(this.seed, Stream.device, d);
  }

  deviceIndex(id: string): number | undefined {
    const d = uuidIndex(this.seed, Stream.device, id);
    return d !== undefined && d < this.devices ? d : undefined;
  }

  device(d: number): Record<string, unknown> {
    const platform = pick(
      ['Mac', 'Mac', 'Mac', 'iPhone', 'iPad', 'AppleTV'],
      this.seed,
      Stream.device,
      d,
      1,
    );
    const models: Record<string, string[]> = {
      Mac: ['MacBook Pro (14-inch, 2023)', 'MacBook Air (M2, 2022)', 'Mac mini (2023)'],
      iPhone: ['iPhone 15 Pro', 'iPhone 14'],
      iPad: ['iPad (8th generation) (Wi-Fi)', 'iPad Air (4th generation) Wi-Fi + Cellular'],
      AppleTV: ['Apple TV 4K'],
    };
    const owner = this.deviceOwner(d);
    let user: unknown = '';
    if (owner !== undefined && this.users.has(owner)) {
      const u = this.user(owner);
      // Real tenants name the user by its legacy integer id here, not by the UUID of /users.
      user = {
        email: u.email,
        name: u.name,
        id: Number(u.deprecated_user_id),
        is_archived: u.archived,
      };
    }
    // Enrolled between three years and a month before the epoch.
    const enrolled = djangoTime(
      this.epochMs - (30 * 86_400 + (hash(this.seed, d, 2) % (86_400 * 1065))) * 1000,
      hash(this.seed, d, 3) % 1_000_000,
    )
      .replace('T', ' ')
      .replace('Z', '+00:00');
    const device: Record<string, unknown> = {
      agent_installed: platform === 'Mac',
      agent_version:
        platform === 'Mac' ? `4.${hash(this.seed, d, 4) % 9}.${hash(this.seed, d, 5) % 9}` : '',
      asset_tag: hash(this.seed, d, 6) % 3 === 0 ? `ASSET-${String(d + 1).padStart(5, '0')}` : '',
      blueprint_id: uuid(this.seed, Stream.policy, hash(this.seed, d, 7) % 3),
      blueprint_name: pick(['Standard', 'Engineering', '_testing_ipados'], this.seed, d, 7),
      device_id: this.deviceId(d),
      device_name:
        typeof user === 'object' && user
          ? `${String((user as { name: string }).name).split(' ')[0]}'s ${platform}`
          : platform,
      first_enrollment: enrolled,
      is_missing: hash(this.seed, d, 8) % 20 === 0,
      is_removed: false,
      last_check_in: new Date(this.epochMs - (hash(this.seed, d, 9) % 86_400) * 1000).toISOString(),
      last_enrollment: enrolled,
      lost_mode_status: '',
      mdm_enabled: true,
      model: pick(models[platform] as string[], this.seed, d, 10),
      os_version:
        platform === 'Mac'
          ? `14.${hash(this.seed, d, 11) % 6}`
          : `17.${hash(this.seed, d, 11) % 5}`,
      platform,
      serial_number: hex(12, this.seed, Stream.device, d, 12).toUpperCase(),
      supplemental_build_version: '22F66',
      supplemental_os_version_extra: '',
      tags: hash(this.seed, d, 13) % 4 === 0 ? ['remote'] : [],
      user,
    };
    return this.scenario ? this.scenario.kandjiDevice(d, device) : device;
  }
}
