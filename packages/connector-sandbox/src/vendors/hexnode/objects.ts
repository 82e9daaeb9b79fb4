import { GROUP_NAMES } from '../../data/names.js';
import { Overlay } from '../../data/overlay.js';
import { person } from '../../data/people.js';
import { hash, hex, pick, Stream } from '../../data/random.js';
import type { ScenarioPatches } from '../../scenario/scenario.js';

/** Hexnode's data set: users (integer ids; id 1 "Default User"), groups, devices, device groups. */
export class HexnodeData {
  readonly users: Overlay;
  readonly domain: string;

  constructor(
    readonly seed: number,
    readonly baseUsers: number,
    readonly groups: number,
    readonly devices: number,
    readonly defaultUser: boolean,
    domain?: string,
    readonly scenario?: ScenarioPatches,
    /** The sandbox's reference time: reports and enrollments are relative to it. */
    readonly epochMs = Date.UTC(2026, 0, 1),
  ) {
    this.users = new Overlay(baseUsers);
    this.domain =
      domain ??
      `${pick(['acme', 'globex', 'initech', 'umbrella', 'hooli'], seed, 0xd0)}-corp.example`;
  }

  get deviceGroups(): number {
    return Math.max(1, Math.floor(this.groups / 2));
  }

  /** User index → id (ids are 1-based integers). */
  userId(index: number): number {
    return index + 1;
  }

  userIndex(id: number): number | undefined {
    const index = id - 1;
    return this.users.has(index) ? index : undefined;
  }

  /** Devices enrolled without a user belong to the Default User (index 0), one in five. */
  deviceOwner(d: number): number {
    if (this.scenario) return this.scenario.hexnodeDeviceOwner(d, this.baseUsers);
    if (d % 5 === 4 || this.baseUsers <= 1) return 0;
    const ordinal = d - Math.floor(d / 5);
    return 1 + (ordinal % (this.baseUsers - 1));
  }

  #devicesOf(index: number): number {
    const assigned = this.devices - Math.floor((this.devices + 1) / 5);
    if (index === 0 || this.baseUsers <= 1)
      return this.baseUsers <= 1 ? this.devices : this.devices - assigned;
    if (index >= this.baseUsers) return 0;
    const r = index - 1;
    return r < assigned ? Math.floor((assigned - 1 - r) / (this.baseUsers - 1)) + 1 : 0;
  }

  user(index: number): Record<string, unknown> {
    const id = this.userId(index);
    let base: Record<string, unknown>;
    if (index === 0 && this.defaultUser) {
      base = {
        id,
        name: 'Default User',
        email: null,
        phoneno: null,
        domain: 'local',
        total_devices: this.#devicesOf(0),
      };
    } else {
      const p = person(this.seed, index, this.domain);
      const phoneKind = hash(this.seed, Stream.user, index, 0xf0) % 3;
      base = {
        id,
        name: `${p.firstName} ${p.lastName}`,
        email: p.email,
        phoneno:
          phoneKind === 0
            ? ''
            : phoneKind === 1
              ? null
              : `+1555${String(hash(this.seed, index, 0xf1) % 10_000_000).padStart(7, '0')}`,
        domain: hash(this.seed, Stream.user, index, 0xd0) % 4 === 0 ? 'acme.local' : 'local',
        total_devices: this.#devicesOf(index),
      };
    }
    const patch = this.users.patchOf(index);
    return patch ? { ...base, ...patch } : base;
  }

  userRef(index: number): { id: number; name: unknown; email: unknown } {
    const u = this.user(index);
    return { id: u.id as number, name: u.name, email: u.email };
  }

  // Group objects use Hexnode's own field names (`groupname`, `grouptype`, `device_count`), as in
  // real responses recorded by public integrations, not the `name` other objects use.
  group(g: number): Record<string, unknown> {
    return {
      id: g + 1,
      groupname:
        GROUP_NAMES[g % GROUP_NAMES.length] +
        (g >= GROUP_NAMES.length ? ` ${Math.floor(g / GROUP_NAMES.length) + 1}` : ''),
      description: `Sandbox user group ${g + 1}`,
      users_count: this.groupMemberCount(g),
      modified_date: new Date(this.epochMs - (1 + (g % 365)) * 86_400_000).toISOString(),
    };
  }

  /** Members of group g: users (not the Default User) whose index - 1 ≡ g (mod groups). */
  groupMembers(g: number): number[] {
    return this.users.strided(g + 1, this.groups, 0, Number.MAX_SAFE_INTEGER);
  }

  groupMemberCount(g: number): number {
    return this.users.stridedCount(g + 1, this.groups);
  }

  /** Hexnode's platform key of device d (`ios`, `android`, `macos`, `windows`). */
  devicePlatform(d: number): string {
    return this.#osName(d).toLowerCase();
  }

  #osName(d: number): string {
    return pick(['iOS', 'Android', 'macOS', 'Windows'], this.seed, Stream.device, d, 1);
  }

  // As real device lists send it: `os_name` but no `platform`, which only device-group details
  // carry; a device enrolled without a user belongs to the "Default User" (`user: { id: 1 }`).
  device(d: number): Record<string, unknown> {
    const platform = this.#osName(d);
    const models: Record<string, string[]> = {
      iOS: ['iPhone 15', 'iPhone 14', 'iPad Air'],
      Android: ['Pixel 8', 'Galaxy S23', 'Galaxy Tab S9'],
      macOS: ['MacBook Pro', 'MacBook Air', 'iMac'],
      Windows: ['Surface Laptop 5', 'ThinkPad X1 Carbon', 'Latitude 7440'],
    };
    const owner = this.deviceOwner(d);
    const u = this.users.has(owner) ? this.user(owner) : { id: owner + 1, name: 'Default User' };
    const mobile = platform === 'iOS' || platform === 'Android';
    const device: Record<string, unknown> = {
      id: d + 1,
      device_name: `${String(u.name).split(' ')[0]}'s ${pick(models[platform] as string[], this.seed, d, 2)}`,
      model_name: pick(models[platform] as string[], this.seed, d, 2),
      os_name: platform,
      os_version: `${10 + (hash(this.seed, d, 3) % 8)}.${hash(this.seed, d, 4) % 6}`,
      serial_number: hex(12, this.seed, Stream.device, d, 5).toUpperCase(),
      udid: hex(40, this.seed, Stream.device, d, 6),
      imei: mobile ? String(350000000000000 + (hash(this.seed, d, 7) % 99999999)) : null,
      enrollment_status: hash(this.seed, d, 8) % 10 === 0 ? 'Pending' : 'Enrolled',
      compliant: hash(this.seed, d, 9) % 6 !== 0,
      is_active: hash(this.seed, d, 10) % 12 !== 0,
      user: { id: u.id, name: u.name },
      enrolled_time: new Date(
        this.epochMs - (86_400 * 30 + (hash(this.seed, d, 12) % (86_400 * 700))) * 1000,
      ).toISOString(),
      last_reported: new Date(
        this.epochMs - (hash(this.seed, d, 11) % (86_400 * 30)) * 1000,
      ).toISOString(),
    };
    return this.scenario ? this.scenario.hexnodeDevice(d, device) : device;
  }

  /**
   * `GET devices/{id}/`: the listing's fields and the compliance information's encryption and
   * passcode state (one device in seven unencrypted, one in nine without a passcode).
   */
  deviceDetail(d: number): Record<string, unknown> {
    const detail = {
      ...this.device(d),
      encryption_status: hash(this.seed, d, 13) % 7 === 0 ? 'Not Encrypted' : 'Encrypted',
      passcode_status: hash(this.seed, d, 14) % 9 === 0 ? 'Not Set' : 'Set',
    };
    return this.scenario ? this.scenario.hexnodeDeviceDetail(d, detail) : detail;
  }

  deviceGroup(g: number): Record<string, unknown> {
    const n = this.deviceGroups;
    return {
      id: g + 1,
      groupname:
        pick(
          [
            'Corporate iPhones',
            'Field Tablets',
            'Kiosks',
            'Engineering Macs',
            'Windows Fleet',
            'BYOD',
          ],
          g,
        ) + (g >= 6 ? ` ${g + 1}` : ''),
      description: `Sandbox device group ${g + 1}`,
      grouptype: g % 3 === 2 ? 'dynamic' : 'custom',
      device_count: Math.max(0, Math.ceil((this.devices - g) / n)),
      modified_date: new Date(this.epochMs - (1 + (g % 90)) * 86_400_000).toISOString(),
    };
  }

  /** A device as a device group's detail lists it: the short form, with the platform key. */
  deviceGroupMember(d: number): Record<string, unknown> {
    const device = this.device(d);
    const user = device.user as { id: unknown; name: unknown };
    return {
      id: device.id,
      name: device.device_name,
      user_id: user.id,
      user_name: user.name,
      model_name: device.model_name,
      platform: this.devicePlatform(d),
    };
  }

  deviceGroupMembers(g: number): number[] {
    const out: number[] = [];
    for (let d = g; d < this.devices; d += this.deviceGroups) out.push(d);
    return out;
  }
}
