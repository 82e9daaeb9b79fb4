import { createdAt, objectId, objectIdIndex } from '../../data/ids.js';
import { APP_CATALOG, DEPARTMENTS, GROUP_NAMES, JOB_TITLES } from '../../data/names.js';
import { Overlay } from '../../data/overlay.js';
import { person } from '../../data/people.js';
import { hash, hex, pick, Stream } from '../../data/random.js';
import type { SandboxSize } from '../../options.js';
import type { ScenarioPatches } from '../../scenario/scenario.js';

const iso = (ms: number) => new Date(ms).toISOString();
type Obj = Record<string, unknown>;

const POLICY_TEMPLATES = [
  { name: 'darwin_Screensaver_Lock', displayName: 'Lock Screen - macOS', osMetaFamily: 'darwin' },
  {
    name: 'windows_Disable_USB_Storage',
    displayName: 'Disable USB Storage - Windows',
    osMetaFamily: 'windows',
  },
  { name: 'darwin_FileVault', displayName: 'FileVault 2 - macOS', osMetaFamily: 'darwin' },
  {
    name: 'windows_BitLocker',
    displayName: 'BitLocker Full Disk Encryption - Windows',
    osMetaFamily: 'windows',
  },
  {
    name: 'linux_Disable_Root_SSH',
    displayName: 'Disable SSH Root Login - Linux',
    osMetaFamily: 'linux',
  },
  { name: 'darwin_Firewall', displayName: 'Application Firewall - macOS', osMetaFamily: 'darwin' },
  {
    name: 'windows_Password_Complexity',
    displayName: 'Password Complexity - Windows',
    osMetaFamily: 'windows',
  },
  { name: 'ios_Passcode', displayName: 'Passcode Settings - iOS', osMetaFamily: 'ios' },
] as const;

const ADMIN_ROLES = [
  'Administrator with Billing',
  'Administrator',
  'Manager',
  'Read Only',
  'Help Desk',
  'Command Runner',
];

/** A fake PEM block: recognisable, never a real key. */
function fakePem(label: string, ...parts: number[]): string {
  const body = Buffer.from(`SANDBOX-FAKE-${label}-${hex(96, ...parts)}`).toString('base64');
  return `-----BEGIN ${label}-----\n${body.match(/.{1,64}/g)?.join('\n') ?? body}\n-----END ${label}-----`;
}

/** One JumpCloud organization's data, derived from (seed, org index) on demand. */
export class JumpCloudOrgData {
  readonly users: Overlay;
  readonly seed: number;
  readonly domain: string;
  readonly orgId: string;

  constructor(
    rootSeed: number,
    readonly orgIndex: number,
    readonly size: Required<SandboxSize>,
    readonly missingMfa: boolean,
    domain?: string,
    readonly scenario?: ScenarioPatches,
  ) {
    this.seed = orgIndex === 0 ? rootSeed : hash(rootSeed, Stream.org, orgIndex);
    this.users = new Overlay(size.users);
    this.domain =
      (orgIndex === 0 ? domain : undefined) ??
      `${pick(['initech', 'globex', 'vandelay', 'wayne', 'stark', 'acme'], this.seed, 0xd2)}.example`;
    this.orgId = objectId(rootSeed, Stream.org, orgIndex);
  }

  userId(index: number): string {
    return objectId(this.seed, Stream.user, index);
  }

  userIndex(id: string): number | undefined {
    const i = objectIdIndex(this.seed, Stream.user, id);
    return i !== undefined && this.users.has(i) ? i : undefined;
  }

  systemuser(index: number): Obj {
    const p = person(this.seed, index, this.domain);
    const h = (salt: number) => hash(this.seed, Stream.user, index, salt);
    const created = createdAt(this.seed, Stream.user, index);
    const state = h(1) % 20 === 0 ? 'SUSPENDED' : h(1) % 20 === 1 ? 'STAGED' : 'ACTIVATED';
    const enrolled = h(2) % 3 !== 0;
    const totp = enrolled && h(3) % 2 === 0;
    // As real tenants send them: an ACTIVATED user who has not set a password yet has
    // `activated: false`, and records older than `state` have none (a staged user always has it).
    const passwordPending = state === 'ACTIVATED' && h(17) % 10 === 0;
    const legacyRecord = !this.scenario && state !== 'STAGED' && h(18) % 8 === 0;
    const u: Obj = {
      _id: this.userId(index),
      account_locked: h(4) % 50 === 0,
      account_locked_date: null,
      activated: state !== 'STAGED' && !passwordPending,
      addresses: [],
      allow_public_key: true,
      alternateEmail: '',
      attributes: h(5) % 4 === 0 ? [{ name: 'costCenter', value: `CC-${(h(6) % 900) + 100}` }] : [],
      badLoginAttempts: h(7) % 3,
      company: this.domain.split('.')[0],
      costCenter: '',
      created: iso(created),
      department: pick(DEPARTMENTS, this.seed, index, 8),
      description: '',
      disableDeviceMaxLoginAttempts: false,
      displayname: `${p.firstName} ${p.lastName}`,
      email: p.email,
      employeeIdentifier: `E${String(index + 1).padStart(7, '0')}`,
      employeeType: h(9) % 10 === 0 ? 'Contractor' : 'Full-time',
      enable_managed_uid: false,
      enable_user_portal_multifactor: enrolled,
      externally_managed: false,
      firstname: p.firstName,
      jobTitle: pick(JOB_TITLES, this.seed, index, 10),
      lastname: p.lastName,
      ldap_binding_user: false,
      location: '',
      mfa: { configured: enrolled, exclusion: h(11) % 25 === 0, exclusionUntil: '' },
      mfaEnrollment: {
        overallStatus: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
        pushStatus: enrolled && !totp ? 'ENROLLED' : 'NOT_ENROLLED',
        totpStatus: totp ? 'ENROLLED' : 'NOT_ENROLLED',
        webAuthnStatus: 'NOT_ENROLLED',
      },
      middlename: '',
      organization: this.orgId,
      password_date: iso(created + (h(12) % 90) * 86_400_000),
      password_expiration_date: null,
      password_expired: h(13) % 30 === 0,
      password_never_expires: h(14) % 12 === 0,
      passwordless_sudo: false,
      phoneNumbers: [],
      public_key: '',
      relationships: [],
      samba_service_user: false,
      ssh_keys: [],
      state,
      sudo: h(15) % 15 === 0,
      suspended: state === 'SUSPENDED',
      totp_enabled: totp,
      unix_guid: 5000 + index,
      unix_uid: 5000 + index,
      username: p.username,
    };
    // Quirk: some users carry no mfa object at all (integrations have crashed on this).
    if (this.missingMfa && h(16) % 7 === 0) delete u.mfa;
    if (legacyRecord) delete u.state;
    const shaped = this.scenario ? this.scenario.jumpcloudUser(index, u) : u;
    const patch = this.users.patchOf(index);
    return patch ? { ...shaped, ...patch } : shaped;
  }

  groupId(g: number): string {
    return objectId(this.seed, Stream.group, g);
  }

  groupIndex(id: string): number | undefined {
    const g = objectIdIndex(this.seed, Stream.group, id);
    return g !== undefined && g < this.size.groups ? g : undefined;
  }

  usergroup(g: number): Obj {
    const name =
      GROUP_NAMES[g % GROUP_NAMES.length] +
      (g >= GROUP_NAMES.length ? ` ${Math.floor(g / GROUP_NAMES.length) + 1}` : '');
    return {
      attributes: {},
      description: `${name} (sandbox)`,
      email:
        hash(this.seed, Stream.group, g, 1) % 2 === 0
          ? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@${this.domain}`
          : '',
      id: this.groupId(g),
      membershipMethod: g % 4 === 3 ? 'DYNAMIC_AUTOMATED' : 'STATIC',
      name,
      type: 'user_group',
    };
  }

  /** Whether group g has group g+1... as a nested member: only group 0 contains group 1. */
  nestedGroup(g: number): number | undefined {
    return g === 0 && this.size.groups >= 2 ? 1 : undefined;
  }

  /** Direct user members of group g: users with index ≡ g (mod groups). */
  memberCount(g: number): number {
    return this.users.stridedCount(g, this.size.groups);
  }

  members(g: number, skip: number, limit: number): number[] {
    return this.users.strided(g, this.size.groups, skip, limit);
  }

  systemId(d: number): string {
    return objectId(this.seed, Stream.device, d);
  }

  systemIndex(id: string): number | undefined {
    const d = objectIdIndex(this.seed, Stream.device, id);
    return d !== undefined && d < this.size.devices ? d : undefined;
  }

  system(d: number): Obj {
    const h = (salt: number) => hash(this.seed, Stream.device, d, salt);
    const os = pick(['Mac OS X', 'Mac OS X', 'Windows', 'Ubuntu'], this.seed, Stream.device, d, 1);
    const version = os === 'Mac OS X' ? `14.${h(2) % 6}` : os === 'Windows' ? '11 Pro' : '22.04';
    const owner = this.size.users > 0 ? d % this.size.users : 0;
    const p = person(this.seed, owner, this.domain);
    const failed = h(3) % 4 === 0 ? 1 + (h(4) % 2) : 0;
    const total = 2 + (h(5) % 3);
    const s: Obj = {
      _id: this.systemId(d),
      active: h(6) % 8 !== 0,
      agentVersion: `1.${150 + (h(7) % 20)}.0`,
      allowMultiFactorAuthentication: h(8) % 3 !== 0,
      allowPublicKeyAuthentication: true,
      allowSshPasswordAuthentication: os === 'Ubuntu' && h(9) % 2 === 0,
      allowSshRootLogin: os === 'Ubuntu' && h(10) % 5 === 0,
      arch: os === 'Mac OS X' ? 'arm64' : 'x86_64',
      created: iso(createdAt(this.seed, Stream.device, d)),
      displayName: `${p.username.split('.')[0]}-${os === 'Mac OS X' ? 'mbp' : os === 'Windows' ? 'pc' : 'linux'}-${d + 1}`,
      fde: { active: h(11) % 5 !== 0, keyPresent: h(12) % 5 !== 0 },
      hostname: `${p.username.replace('.', '-')}-${d + 1}.local`,
      lastContact: iso(Date.UTC(2026, 0, 1) - (h(13) % 86_400) * 1000),
      organization: this.orgId,
      os,
      osFamily: os === 'Mac OS X' ? 'darwin' : os === 'Windows' ? 'windows' : 'linux',
      policyStats: { failed, passed: total - failed, pending: 0, total },
      serialNumber: hex(12, this.seed, Stream.device, d, 14).toUpperCase(),
      version,
    };
    if (!this.scenario) return s;
    // A scenario's policy results decide the failure count a system reports.
    const failures = Array.from({ length: this.size.policies }, (_, p) =>
      this.policyStatus(p, d),
    ).filter((r) => r.success === false).length;
    const stats = { failed: failures, passed: this.size.policies - failures, pending: 0 };
    return this.scenario.jumpcloudSystem(d, {
      ...s,
      policyStats: { ...stats, total: this.size.policies },
    });
  }

  policyId(p: number): string {
    return objectId(this.seed, Stream.policy, p);
  }

  policyIndex(id: string): number | undefined {
    const p = objectIdIndex(this.seed, Stream.policy, id);
    return p !== undefined && p < this.size.policies ? p : undefined;
  }

  policy(p: number): Obj {
    const t = POLICY_TEMPLATES[p % POLICY_TEMPLATES.length] as (typeof POLICY_TEMPLATES)[number];
    return {
      id: this.policyId(p),
      name:
        p < POLICY_TEMPLATES.length
          ? t.displayName
          : `${t.displayName} ${Math.floor(p / POLICY_TEMPLATES.length) + 1}`,
      template: {
        id: objectId(0, Stream.policy, p % POLICY_TEMPLATES.length),
        name: t.name,
        displayName: t.displayName,
        osMetaFamily: t.osMetaFamily,
      },
    };
  }

  /** Systems a policy applies to: two in three of all systems. */
  policySystems(p: number): number[] {
    if (this.scenario) return Array.from({ length: this.size.devices }, (_, d) => d);
    const out: number[] = [];
    for (let d = 0; d < this.size.devices; d++)
      if (hash(this.seed, Stream.status, p, d) % 3 !== 0) out.push(d);
    return out;
  }

  policyStatus(p: number, d: number): Obj {
    const h = (salt: number) => hash(this.seed, Stream.status, p, d, salt);
    const state = h(1) % 10 === 0 ? 'failed' : h(1) % 10 === 1 ? 'pending' : 'success';
    const started = Date.UTC(2026, 0, 1) - (h(2) % 86_400) * 1000;
    const status: Obj = {
      detail: state === 'failed' ? 'policy could not be applied' : '',
      endedAt: iso(started + 1500),
      exitStatus: state === 'failed' ? 1 : 0,
      id: objectId(this.seed, Stream.status, p * 1_000_000 + d),
      policyID: this.policyId(p),
      startedAt: iso(started),
      state,
      stdErr: '',
      stdOut: '',
      success: state === 'success',
      systemID: this.systemId(d),
    };
    return this.scenario ? this.scenario.jumpcloudPolicyStatus(p, d, status) : status;
  }

  authnPolicies(): Obj[] {
    const id = (k: number) => objectId(this.seed, Stream.policy, 10_000 + k);
    const group = this.size.groups > 0 ? [this.groupId(0)] : [];
    return [
      {
        id: id(0),
        name: 'Require MFA for the admin portal',
        description: '',
        disabled: false,
        type: 'admin_portal',
        effect: { action: 'allow', obligations: { mfa: { required: true } } },
        targets: { users: { inclusions: ['ALL'] } },
        conditions: {},
      },
      {
        id: id(1),
        name: 'User portal MFA',
        description: '',
        disabled: false,
        type: 'user_portal',
        effect: { action: 'allow', obligations: { mfa: { required: true } } },
        targets: { userGroups: { inclusions: group } },
        conditions: {},
      },
      {
        id: id(2),
        name: 'Block legacy locations',
        description: 'Deny sign-in from untrusted countries',
        disabled: true,
        type: 'application',
        effect: { action: 'deny' },
        targets: { resources: [{ type: 'application' }] },
        conditions: { not: { locationIn: { countries: ['US', 'CA', 'GB', 'DE'] } } },
      },
    ];
  }

  appId(a: number): string {
    return objectId(this.seed, Stream.app, a);
  }

  appIndex(id: string): number | undefined {
    const a = objectIdIndex(this.seed, Stream.app, id);
    return a !== undefined && a < this.size.apps ? a : undefined;
  }

  /** An SSO application, with a `config` full of (fake) certificates and keys. */
  application(a: number): Obj {
    const c = APP_CATALOG[a % APP_CATALOG.length] as (typeof APP_CATALOG)[number];
    const suffix = a >= APP_CATALOG.length ? ` ${Math.floor(a / APP_CATALOG.length) + 1}` : '';
    const created = createdAt(this.seed, Stream.app, a);
    const app: Obj = {
      _id: this.appId(a),
      active: a % 5 !== 4,
      beta: false,
      color: '#006CAC',
      config: {
        acsUrl: {
          label: 'ACS URL',
          type: 'text',
          value: c.url,
          visible: true,
          readOnly: false,
          required: true,
          position: 1,
        },
        idpCertificate: {
          label: 'IdP Certificate',
          type: 'file',
          value: fakePem('CERTIFICATE', this.seed, a, 1),
          visible: true,
          readOnly: false,
          required: true,
          position: 2,
        },
        idpPrivateKey: {
          label: 'IdP Private Key',
          type: 'file',
          value: fakePem('PRIVATE KEY', this.seed, a, 2),
          visible: true,
          readOnly: false,
          required: true,
          position: 3,
        },
        spCertificate: {
          label: 'SP Certificate',
          type: 'file',
          value: fakePem('CERTIFICATE', this.seed, a, 3),
          visible: true,
          readOnly: false,
          required: false,
          position: 4,
        },
        idpEntityId: {
          label: 'IdP Entity ID',
          type: 'text',
          value: `JumpCloud-${this.appId(a)}`,
          visible: true,
          readOnly: false,
          required: true,
          position: 5,
        },
        spEntityId: {
          label: 'SP Entity ID',
          type: 'text',
          value: c.url,
          visible: true,
          readOnly: false,
          required: true,
          position: 6,
        },
      },
      created: iso(created),
      description: '',
      displayLabel: c.label + suffix,
      displayName: c.label,
      learnMore: '',
      name: c.name,
      organization: this.orgId,
      sso: {
        type: 'saml',
        idpCertExpirationAt: iso(created + 3 * 365 * 86_400_000),
        jit: a % 3 === 0,
        hidden: false,
        beta: false,
      },
      ssoUrl: `https://sso.jumpcloud.com/saml2/${c.name}${suffix.trim()}`,
    };
    return this.scenario ? this.scenario.jumpcloudApplication(a, app) : app;
  }

  /** The user group bound to app a. */
  appGroup(a: number): number | undefined {
    if (this.scenario?.jumpcloudAppUnassigned(a)) return undefined;
    return this.size.groups > 0 ? a % this.size.groups : undefined;
  }

  /** Up to three users bound to app a directly, none of them members of its group. */
  appDirectUsers(a: number): number[] {
    if (this.scenario?.jumpcloudAppUnassigned(a)) return [];
    const g = this.appGroup(a);
    const out: number[] = [];
    for (let i = a * 3; i < this.users.total && out.length < 3; i++) {
      if ((g === undefined || i % this.size.groups !== g) && this.users.has(i)) out.push(i);
    }
    return out;
  }

  adminId(k: number): string {
    return objectId(this.seed, Stream.admin, k);
  }

  admin(k: number): Obj {
    const p = person(hash(this.seed, Stream.admin), k, this.domain);
    const mfa = k % 3 !== 2;
    const admin: Obj = {
      _id: this.adminId(k),
      apiKeyAllowed: k < 2,
      apiKeySet: k === 0,
      created: iso(createdAt(this.seed, Stream.admin, k)),
      email: p.email,
      enableMultiFactor: mfa,
      firstname: p.firstName,
      lastname: p.lastName,
      organization: this.orgId,
      roleName: ADMIN_ROLES[k % ADMIN_ROLES.length],
      suspended: k % 7 === 6,
      totpEnrolled: mfa,
    };
    return this.scenario ? this.scenario.jumpcloudAdmin(k, admin) : admin;
  }
}

/** Organization objects (list item and detail with settings), shared by every org's data. */
export function organization(rootSeed: number, k: number, detail: boolean): Obj {
  const name = `${pick(['Initech', 'Globex', 'Vandelay', 'Wayne', 'Stark', 'Acme'], rootSeed, k, 0xd3)} ${k === 0 ? 'HQ' : `Client ${k}`}`;
  const base: Obj = {
    _id: objectId(rootSeed, Stream.org, k),
    created: iso(createdAt(rootSeed, Stream.org, k)),
    displayName: name,
    logoUrl: '',
  };
  if (!detail) return base;
  const h = (salt: number) => hash(rootSeed, Stream.org, k, salt);
  return {
    ...base,
    accessRestriction: '',
    hasCreditCard: false,
    settings: {
      contactEmail: `it@${name.split(' ')[0]?.toLowerCase()}.example`,
      contactName: 'IT Team',
      disableLdap: false,
      name,
      requireAdminMFA: h(1) % 3 !== 0,
      passwordPolicy: {
        allowUsernameSubstring: false,
        disallowCommonlyUsedPasswords: h(2) % 2 === 0,
        disallowSequentialOrRepetitiveChars: false,
        enableLockoutTimeInSeconds: true,
        enableMaxHistory: h(3) % 2 === 0,
        enableMaxLoginAttempts: h(4) % 4 !== 0,
        enableMinLength: true,
        enablePasswordExpirationInDays: h(5) % 2 === 0,
        lockoutTimeInSeconds: 600,
        maxHistory: 5,
        maxLoginAttempts: 5 + (h(6) % 6),
        minLength: 8 + (h(7) % 8),
        needsLowercase: true,
        needsNumeric: h(8) % 3 !== 0,
        needsSymbolic: h(9) % 2 === 0,
        needsUppercase: true,
        passwordExpirationInDays: 90,
      },
      systemUserPasswordExpirationInDays: 0,
      userPortal: { idleSessionDurationMinutes: 60 },
    },
  };
}
