// JupiterOne's conventions, in one place: relationship `_type`s, timestamps, operating-system
// types and the properties the data model's classes require (`User`, `Device`, `Person`).
import type { GraphValue } from './entity.js';

/**
 * A relationship's `_type` by JupiterOne's rule (integration SDK `generateRelationshipType`): the
 * source type, the verb, then the target type without the parts it shares with the source
 * (`jumpcloud_group` HAS `jumpcloud_user` → `jumpcloud_group_has_user`).
 */
export function relationshipType(verb: string, fromType: string, toType: string): string {
  const from = fromType.split('_');
  const to = toType.split('_');
  let i = 0;
  while (i < to.length - 1 && to[i] === from[i]) i++;
  return `${fromType}_${verb.toLowerCase()}_${to.slice(i).join('_')}`;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * A time as JupiterOne stores it: epoch milliseconds. Takes a `Date`, epoch milliseconds or ISO
 * 8601 text (`2026-01-01T06:00:00Z`, Kandji's `2023-01-01 10:00:00+00:00`); `null` otherwise.
 */
export function timestampOf(value: unknown): number | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? null : t;
  }
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || !ISO_TIME.test(value.trim())) return null;
  const t = Date.parse(value.trim().replace(' ', 'T'));
  return Number.isNaN(t) ? null : t;
}

/** Whether text looks like an ISO 8601 date-time (what {@link timestampOf} converts). */
export const isIsoTime = (value: string): boolean => ISO_TIME.test(value.trim());

/** The data model's `Device.osType` values (`platform` takes the same). */
export type OsType =
  | 'darwin'
  | 'linux'
  | 'unix'
  | 'windows'
  | 'android'
  | 'ios'
  | 'chromeos'
  | 'embedded'
  | 'other';

/**
 * The data model's operating-system type of a vendor's platform or OS name: `Mac`, `macOS`,
 * `Mac OS X` → `darwin`; `iPhone`, `iPad`, `iOS`, `iPadOS`, `AppleTV`, `tvOS` → `ios`; Windows,
 * Android, ChromeOS, Linux distributions; anything else `other`, nothing `null`.
 */
export function osTypeOf(platform: unknown): OsType | null {
  if (typeof platform !== 'string' || platform.trim() === '') return null;
  const p = platform.trim().toLowerCase();
  if (/^(mac|macos|mac ?os ?x|darwin|os ?x)\b/.test(p)) return 'darwin';
  if (/^(iphone|ipad|ipados|ios|appletv|apple ?tv|tvos|watchos|visionos)\b/.test(p)) return 'ios';
  if (p.startsWith('windows')) return 'windows';
  if (p.startsWith('android')) return 'android';
  if (p.startsWith('chrome')) return 'chromeos';
  if (/^(linux|ubuntu|debian|centos|rhel|red ?hat|fedora|amazon linux|rocky|alma|suse)/.test(p))
    return 'linux';
  return 'other';
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

const list = (v: unknown): string[] | null => {
  const t = text(v);
  return t === null ? null : [t];
};

/** The part of an email before `@` (JupiterOne's `shortLoginId`). */
const localPart = (email: string | null): string | null =>
  email === null ? null : (email.split('@')[0] ?? null);

/** What a `User` entity says about its person: the data model's required properties. */
export interface UserInit {
  email: string | null | undefined;
  username?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  active: boolean;
}

/**
 * The properties the data model's `User` class requires: `email`, `username` and
 * `shortLoginId` as lists (one value each), `firstName`, `lastName` (`null` when unknown),
 * `active`. The email is lower-cased (what people are joined by).
 */
export function userProperties(u: UserInit): Record<string, GraphValue> {
  const email = text(u.email)?.toLowerCase() ?? null;
  const username = text(u.username) ?? email;
  return {
    email: email === null ? null : [email],
    username: username === null ? null : [username],
    shortLoginId: list(localPart(email) ?? username),
    firstName: text(u.firstName),
    lastName: text(u.lastName),
    active: u.active,
  };
}

/** The one email of a `User` entity (`email` is a one-item list in the data model). */
export function emailOf(entity: object): string | undefined {
  const e = (entity as { email?: unknown }).email;
  if (Array.isArray(e)) return typeof e[0] === 'string' ? e[0] : undefined;
  return typeof e === 'string' && e !== '' ? e : undefined;
}

/** What a `Device` entity says about the hardware: the data model's required properties. */
export interface DeviceInit {
  /** `endpoint` (laptops, desktops), `mobile` (phones, tablets), `server`, `other`. */
  category: string | null;
  make: string | null | undefined;
  model: string | null | undefined;
  serial: string | null | undefined;
  /** The hardware identifier (UDID), when the vendor has one. */
  udid?: string | null | undefined;
  /** The last time the device checked in (anything {@link timestampOf} takes). */
  lastSeen: unknown;
  /** Vendor platform or OS name (`Mac`, `iOS`, `Windows`). */
  platform: string | null | undefined;
  osName?: string | null | undefined;
  osVersion?: string | null | undefined;
  /** Full OS description (`macOS 14.6 (23G80)`). */
  osDetails?: string | null | undefined;
  /** The host name (`julias-mbp.local`): its first label is `hostname`, all of it `fqdn`. */
  hostname?: string | null | undefined;
}

const HOSTNAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$/;
const FQDN = /(?=^.{4,253}$)(^((?!-)[a-zA-Z0-9-]{0,62}[a-zA-Z0-9]\.)+[a-zA-Z]{2,63}$)/;

/**
 * The properties the data model's `Device` class requires: category, make, model, serial,
 * deviceId, lastSeenOn (epoch ms), osName, osType (and `platform`, the same value), osDetails,
 * osVersion, hostname, fqdn and the address lists (`null` where the vendor reports none).
 */
export function deviceProperties(d: DeviceInit): Record<string, GraphValue> {
  const host = text(d.hostname);
  const short = host?.split('.')[0] ?? null;
  const osType = osTypeOf(d.platform ?? d.osName);
  return {
    category: d.category,
    make: text(d.make),
    model: text(d.model),
    serial: text(d.serial),
    deviceId: list(d.udid),
    lastSeenOn: timestampOf(d.lastSeen),
    osName: text(d.osName) ?? text(d.platform),
    osType,
    platform: osType,
    osDetails: text(d.osDetails),
    osVersion: text(d.osVersion),
    hostname: short !== null && HOSTNAME.test(short) ? short : null,
    fqdn: host?.includes('.') && FQDN.test(host) ? [host] : null,
    ipv4Addresses: null,
    ipv6Addresses: null,
    macAddresses: null,
    publicIpAddresses: null,
    privateIpAddresses: null,
  };
}

/** `mobile` for phones and tablets, `endpoint` for computers, by the data model's osType. */
export function deviceCategory(osType: OsType | null): string {
  return osType === 'ios' || osType === 'android' ? 'mobile' : 'endpoint';
}
