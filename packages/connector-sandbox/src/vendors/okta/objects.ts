import { createdAt } from '../../data/ids.js';
import { DEPARTMENTS, JOB_TITLES } from '../../data/names.js';
import { Overlay } from '../../data/overlay.js';
import { person } from '../../data/people.js';
import { hash, hex, pick, Stream } from '../../data/random.js';
import type { OktaScenario } from './scenario.js';

/** Okta's user lifecycle states (the spec's `UserStatus`). */
export const OKTA_STATUSES = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'SUSPENDED',
  'DEPROVISIONED',
] as const;

const BASE36 = 36;
const DAY = 86_400_000;

/**
 * Okta ids are 20 characters: a 3-character prefix naming the kind (`00u` users, `00g` groups),
 * then letters and digits. Here: the prefix, 6 characters from the seed, then the index in base
 * 36, so ids sort the way users were created, as Okta's `after` cursor walks them.
 */
function oktaId(prefix: string, seed: number, stream: number, index: number): string {
  return `${prefix}${hex(6, seed, stream, 0x0c7a)}${index.toString(BASE36).padStart(11, '0')}`;
}

function oktaIndex(prefix: string, seed: number, stream: number, id: string): number | undefined {
  const head = `${prefix}${hex(6, seed, stream, 0x0c7a)}`;
  if (id.length !== 20 || !id.startsWith(head)) return undefined;
  const tail = id.slice(head.length);
  if (!/^[0-9a-z]{11}$/.test(tail)) return undefined;
  return Number.parseInt(tail, BASE36);
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');

/** Factor kinds a user may have enrolled: `[factorType, provider, vendorName]`. */
const FACTORS = [
  ['push', 'OKTA', 'OKTA'],
  ['token:software:totp', 'OKTA', 'OKTA'],
  ['sms', 'OKTA', 'OKTA'],
  ['webauthn', 'FIDO', 'FIDO'],
  ['email', 'OKTA', 'OKTA'],
] as const;

/** An Okta org's users, groups, factors and admin roles, derived from the seed. */
export class OktaData {
  readonly users: Overlay;
  readonly domain: string;
  readonly groups: number;
  readonly origin: string;

  constructor(
    readonly seed: number,
    baseUsers: number,
    groups: number,
    origin: string,
    domain?: string,
    /** A posture scenario's statuses, factors and admin roles, when one was chosen. */
    readonly scenario?: OktaScenario | undefined,
  ) {
    this.users = new Overlay(baseUsers);
    const org = pick(['initech', 'umbrella', 'hooli', 'globex', 'vandelay'], seed, 0x0c7a);
    this.domain = domain ?? `${org}.example`;
    // Group 0 is Okta's built-in "Everyone"; the others are the org's own.
    this.groups = groups + 1;
    this.origin = origin;
  }

  userId(index: number): string {
    return oktaId('00u', this.seed, Stream.user, index);
  }

  userIndex(id: string): number | undefined {
    const i = oktaIndex('00u', this.seed, Stream.user, id);
    return i !== undefined && this.users.has(i) ? i : undefined;
  }

  groupId(g: number): string {
    return oktaId('00g', this.seed, Stream.group, g);
  }

  groupIndex(id: string): number | undefined {
    const g = oktaIndex('00g', this.seed, Stream.group, id);
    return g !== undefined && g < this.groups ? g : undefined;
  }

  /** The status of a user (most are ACTIVE; a few in every other state). */
  status(index: number): (typeof OKTA_STATUSES)[number] {
    const patched = this.users.patchOf(index)?.status;
    if (typeof patched === 'string') return patched as (typeof OKTA_STATUSES)[number];
    if (this.scenario) return this.scenario.status(index);
    const r = hash(this.seed, Stream.status, index) % 40;
    if (r < 33) return 'ACTIVE';
    return OKTA_STATUSES[[0, 1, 3, 4, 5, 6, 7][r - 33] as number] as (typeof OKTA_STATUSES)[number];
  }

  user(index: number): Record<string, unknown> {
    const p = person(this.seed, index, this.domain);
    const created = createdAt(this.seed, Stream.user, index);
    const status = this.status(index);
    const activated =
      status === 'STAGED' ? null : created + (hash(this.seed, index, 0xa1) % 3_600) * 1000;
    const signsIn =
      !['STAGED', 'PROVISIONED'].includes(status) && hash(this.seed, index, 0x1a) % 9 !== 0;
    const lastLogin = signsIn
      ? Date.UTC(2026, 0, 1) - (hash(this.seed, index, 0x1b) % 90) * DAY
      : null;
    const changed = created + (hash(this.seed, index, 0x5c) % 200) * DAY;
    const department =
      hash(this.seed, index, 0xde) % 5 === 0 ? null : pick(DEPARTMENTS, this.seed, index, 0xdf);
    const id = this.userId(index);
    const base: Record<string, unknown> = {
      id,
      status,
      created: iso(created),
      activated: activated === null ? null : iso(activated),
      statusChanged: status === 'ACTIVE' ? null : iso(changed),
      lastLogin: lastLogin === null ? null : iso(lastLogin),
      lastUpdated: iso(changed),
      passwordChanged:
        status === 'STAGED' || status === 'PROVISIONED' ? null : iso(activated ?? created),
      type: { id: `oty${hex(17, this.seed, 0x7e)}` },
      profile: {
        firstName: p.firstName,
        lastName: p.lastName,
        mobilePhone: null,
        secondEmail: null,
        login: p.email,
        email: p.email,
        ...(department === null ? {} : { department }),
        title:
          hash(this.seed, index, 0x70) % 3 === 0 ? null : pick(JOB_TITLES, this.seed, index, 0x71),
        employeeNumber: String(10_000 + index),
      },
      credentials: {
        ...(status === 'STAGED' ? {} : { password: {} }),
        provider: { type: 'OKTA', name: 'OKTA' },
      },
      _links: { self: { href: `${this.origin}/api/v1/users/${id}` } },
    };
    const patch = this.users.patchOf(index);
    if (!patch) return base;
    const { profile, ...rest } = patch;
    return {
      ...base,
      ...rest,
      profile: { ...(base.profile as object), ...(profile as object | undefined) },
    };
  }

  /** Whether the default listing shows the user: Okta leaves DEPROVISIONED users out. */
  listed(index: number): boolean {
    return this.status(index) !== 'DEPROVISIONED';
  }

  group(g: number): Record<string, unknown> {
    const created = createdAt(this.seed, Stream.group, g);
    const id = this.groupId(g);
    const everyone = g === 0;
    const name = everyone
      ? 'Everyone'
      : pick(DEPARTMENTS, this.seed, g, 0x6e) + (g > 10 ? ` ${g}` : '');
    return {
      id,
      created: iso(created),
      lastUpdated: iso(created + DAY),
      lastMembershipUpdated: iso(created + 2 * DAY),
      objectClass: ['okta:user_group'],
      type: everyone ? 'BUILT_IN' : 'OKTA_GROUP',
      profile: {
        name,
        description: everyone ? 'All users in your organization' : `${name} team`,
      },
      _links: {
        logo: [
          {
            name: 'medium',
            href: `${this.origin}/img/logos/groups/okta-medium.png`,
            type: 'image/png',
          },
        ],
        users: { href: `${this.origin}/api/v1/groups/${id}/users` },
        apps: { href: `${this.origin}/api/v1/groups/${id}/apps` },
      },
    };
  }

  /** Whether user `index` is in group `g` (everyone is in "Everyone"; one own group each). */
  isMember(index: number, g: number): boolean {
    if (g === 0) return true;
    return this.groups > 1 && index % (this.groups - 1) === g - 1;
  }

  /** The factors a user enrolled: none for about one in five, up to three otherwise. */
  factors(index: number): Array<Record<string, unknown>> {
    const status = this.status(index);
    if (status === 'STAGED' || status === 'PROVISIONED') return [];
    const seeded =
      hash(this.seed, index, 0xfa) % 5 === 0 ? 0 : 1 + (hash(this.seed, index, 0xfb) % 3);
    const n = !this.scenario ? seeded : this.scenario.enrolled(index) ? Math.max(1, seeded) : 0;
    const userId = this.userId(index);
    return Array.from({ length: n }, (_, k) => {
      const [factorType, provider, vendorName] = FACTORS[
        (index + k) % FACTORS.length
      ] as (typeof FACTORS)[number];
      const id = `${factorType === 'push' ? 'opf' : factorType === 'sms' ? 'mbl' : 'uft'}${hex(17, this.seed, index, k, 0xf0)}`;
      const at = iso(createdAt(this.seed, Stream.user, index) + (k + 1) * DAY);
      const profile: Record<string, unknown> =
        factorType === 'push'
          ? {
              credentialId: (this.user(index).profile as { login: string }).login,
              deviceType: 'SmartPhone_IPhone',
              name: 'iPhone',
              platform: 'IOS',
              version: '17.2',
            }
          : factorType === 'sms'
            ? { phoneNumber: `+1415555${String(1000 + (index % 9000)).padStart(4, '0')}` }
            : factorType === 'email'
              ? { email: (this.user(index).profile as { email: string }).email }
              : factorType === 'webauthn'
                ? { credentialId: hex(24, this.seed, index, 0xfe), authenticatorName: 'Touch ID' }
                : { credentialId: (this.user(index).profile as { login: string }).login };
      return {
        id,
        factorType,
        provider,
        vendorName,
        status: 'ACTIVE',
        created: at,
        lastUpdated: at,
        profile,
        _links: {
          self: {
            href: `${this.origin}/api/v1/users/${userId}/factors/${id}`,
            hints: { allow: ['GET', 'DELETE'] },
          },
          user: { href: `${this.origin}/api/v1/users/${userId}`, hints: { allow: ['GET'] } },
        },
      };
    });
  }

  /** Admin role assignments: a super admin in every 50 users, an org admin in every 23. */
  roles(index: number): Array<Record<string, unknown>> {
    const userId = this.userId(index);
    const role = (type: string, label: string, k: number) => {
      const at = iso(createdAt(this.seed, Stream.admin, index) + k * DAY);
      return {
        id: `ra1${hex(17, this.seed, index, k, 0xad)}`,
        label,
        type,
        status: 'ACTIVE',
        created: at,
        lastUpdated: at,
        assignmentType: 'USER',
        _links: { assignee: { href: `${this.origin}/api/v1/users/${userId}` } },
      };
    };
    if (this.scenario) {
      const held = this.scenario.role(index);
      return held ? [role(held[0], held[1], held[0] === 'SUPER_ADMIN' ? 0 : 1)] : [];
    }
    if (index % 50 === 0) return [role('SUPER_ADMIN', 'Super Administrator', 0)];
    if (index % 23 === 0) return [role('ORG_ADMIN', 'Organizational Administrator', 1)];
    return [];
  }
}
