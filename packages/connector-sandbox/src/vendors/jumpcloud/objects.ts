import { createdAt, objectId, objectIdIndex } from '../../data/ids.js';
import { APP_CATALOG, DEPARTMENTS, GROUP_NAMES, JOB_TITLES } from '../../data/names.js';
import { Overlay } from '../../data/overlay.js';
import { person } from '../../data/people.js';
import { hash, hex, pick, Stream } from '../../data/random.js';
import type { SandboxSize } from '../../options.js';
import type { ScenarioPatches } from '../../scenario/scenario.js';

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;
/** Days from the epoch to an IdP certificate's expiry: some expired, some expiring, most not. */
const certDays = (h: number): number =>
  h % 8 === 0 ? -(5 + (h % 40)) : h % 8 === 1 ? 5 + (h % 20) : 180 + (h % 550);
/** `YYYYMMDD`, as System Insights' `programs.install_date`. */
const ymd = (ms: number) => iso(ms).slice(0, 10).replace(/-/g, '');
/** `M/D/YYYY`, as System Insights' `patches.installed_on`. */
const mdy = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
};

/**
 * Every System Insights table JumpCloud documents (`GET /api/v2/systeminsights/<table>`). The
 * sandbox derives rows for a few (`os_version`, `disk_encryption`, `bitlocker_info`, `apps`,
 * `programs`, `patches`, `users`, `logged_in_users`); the others answer an empty list, as a real
 * table no agent has reported to does, and a table JumpCloud does not have answers 404.
 */
const INSIGHTS_TABLES = new Set(
  `alf alf_exceptions alf_explicit_auths appcompat_shims apps authorized_keys
   azure_instance_metadata azure_instance_tags battery bitlocker_info browser_plugins
   certificates chassis_info chrome_extensions connectivity crashes cups_destinations
   disk_encryption disk_info dns_resolvers etc_hosts firefox_addons groups ie_extensions
   interface_addresses interface_details kernel_info launchd linux_packages logged_in_users
   logical_drives managed_policies mounts os_version patches programs python_packages
   safari_extensions scheduled_tasks secureboot services shadow shared_folders shared_resources
   sharing_preferences sip_config startup_items system_controls system_info tpm_info uptime
   usb_devices user_groups user_ssh_keys userassist users wifi_networks wifi_status
   windows_security_center windows_security_products`.split(/\s+/),
);
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
    /** The sandbox's reference time: every time that ages (contacts, expiries) is relative to it. */
    readonly epochMs = Date.UTC(2026, 0, 1),
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
      // No end date on an exclusion: `exclusionUntil` (a date-time in the spec) is left out.
      mfa: { configured: enrolled, exclusion: h(11) % 25 === 0 },
      mfaEnrollment: {
        overallStatus: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
        pushStatus: enrolled && !totp ? 'ENROLLED' : 'NOT_ENROLLED',
        totpStatus: totp ? 'ENROLLED' : 'NOT_ENROLLED',
        webAuthnStatus: 'NOT_ENROLLED',
      },
      middlename: '',
      organization: this.orgId,
      password_date: iso(this.epochMs - (h(12) % 200) * DAY),
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
      lastContact: iso(this.epochMs - (h(13) % 86_400) * 1000),
      organization: this.orgId,
      os,
      osFamily: os === 'Mac OS X' ? 'darwin' : os === 'Windows' ? 'windows' : 'linux',
      policyStats: { failed, passed: total - failed, pending: 0, total },
      // One system in ten has no primary user.
      primarySystemUser: {
        id:
          (!this.scenario && h(15) % 10 === 0) || this.size.users === 0 ? null : this.userId(owner),
      },
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
    const started = this.epochMs - (h(2) % 86_400) * 1000;
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

  /** `GET /api/v2/policies/{id}`: the policy with its template's fields and the values set. */
  policyDetail(p: number): Obj {
    const base = this.policy(p);
    const h = (salt: number) => hash(this.seed, Stream.policy, p, salt);
    const field = (k: number, name: string, sensitive: boolean) => ({
      defaultValue: '',
      // A secret is a text field marked `sensitive` (the spec's displayTypes have no password).
      displayType: 'text',
      id: objectId(this.seed, Stream.policy, 1_000_000 + p * 10 + k),
      label: name,
      name,
      position: k,
      readOnly: false,
      required: !sensitive,
      sensitive,
    });
    // Every policy has a setting; one in three also carries a secret (a recovery or admin password).
    const fields = [
      field(0, 'setting', false),
      ...(h(1) % 3 === 0 ? [field(1, 'secret', true)] : []),
    ];
    return {
      ...base,
      notes: '',
      configFields: fields,
      values: fields.map((f) => ({
        configFieldID: f.id,
        sensitive: f.sensitive,
        value: f.sensitive ? `pw-${hex(16, this.seed, Stream.policy, p, 2)}` : String(h(3) % 60),
      })),
    };
  }

  /** The organization's one Apple MDM server. */
  appleMdm(): Obj {
    const mdm: Obj = {
      allowMobileUserEnrollment: false,
      apnsCertExpiry: iso(this.epochMs + 270 * DAY),
      apnsPushTopic: `com.apple.mgmt.External.${hex(8, this.seed, Stream.mdm, 0, 1)}`,
      depAccessTokenExpiry: iso(this.epochMs + 240 * DAY),
      depServerTokenState: 'valid',
      id: objectId(this.seed, Stream.mdm, 0),
      name: 'Apple MDM',
      organization: this.orgId,
    };
    return this.scenario ? this.scenario.jumpcloudAppleMdm(mdm) : mdm;
  }

  /** Systems enrolled in Apple MDM: the Macs. */
  macSystems(): number[] {
    const out: number[] = [];
    for (let d = 0; d < this.size.devices; d++) if (this.system(d).os === 'Mac OS X') out.push(d);
    return out;
  }

  /** `GET /api/v2/applemdms/{id}/devices`: one Mac as MDM sees it. */
  appleMdmDevice(d: number): Obj {
    const s = this.system(d);
    const h = (salt: number) => hash(this.seed, Stream.mdm, d, salt);
    const supervised = h(1) % 4 !== 0;
    return {
      createdAt: s.created,
      depRegistered: supervised,
      deviceInformation: {
        activationLockAllowedWhileSupervised: supervised && h(2) % 2 === 0,
        deviceName: s.displayName,
        isSupervised: supervised,
        modelName: 'MacBook Pro',
        osBuildVersion: `23A${100 + (h(3) % 300)}`,
      },
      enrolled: h(4) % 10 !== 0,
      hasActivationLockBypassCodes: supervised,
      id: objectId(this.seed, Stream.mdm, 1 + d),
      mdmOsFamily: 'macos',
      modelFamily: 'Mac',
      osVersion: s.version,
      securityInfo: {
        enrolledViaDep: supervised,
        filevaultEnabled: (s.fde as { active: boolean }).active,
        isActivationLockManageable: supervised,
        passcodePresent: true,
        userApprovedEnrollment: true,
      },
      serialNumber: s.serialNumber,
      udid: hex(32, this.seed, Stream.mdm, d, 5).toUpperCase(),
    };
  }

  /** Rows of a System Insights table, system by system; `undefined` for a table not served. */
  insightsRows(table: string): Obj[] | undefined {
    const rows: Obj[] = [];
    const at = iso(this.epochMs - 6 * 3_600_000);
    for (let d = 0; d < this.size.devices; d++) {
      const s = this.system(d);
      const h = (salt: number) => hash(this.seed, Stream.device, d, 100 + salt);
      const base = { collection_time: at, system_id: s._id };
      const win = s.os === 'Windows';
      const encrypted = (s.fde as { active: boolean }).active;
      const [major, minor] = String(s.version).split('.').map(Number);
      if (table === 'os_version') {
        rows.push({
          ...base,
          build: win ? '22631' : '',
          codename: '',
          major: win ? 10 : (major ?? 0),
          minor: win ? 0 : (minor ?? 0),
          name: win ? 'Microsoft Windows 11 Pro' : s.os === 'Ubuntu' ? 'Ubuntu' : 'macOS',
          patch: 0,
          platform: s.osFamily,
          version: s.version,
        });
      } else if (table === 'disk_encryption' && !win) {
        rows.push({
          ...base,
          encrypted: encrypted ? 1 : 0,
          encryption_status: encrypted ? 'encrypted' : 'not encrypted',
          name: s.os === 'Ubuntu' ? '/dev/sda1' : '/dev/disk3s1',
          type: s.os === 'Ubuntu' ? 'LUKS' : 'APFS',
          uuid: hex(32, this.seed, Stream.device, d, 101),
        });
      } else if (table === 'bitlocker_info' && win) {
        rows.push({
          ...base,
          conversion_status: encrypted ? 1 : 0,
          device_id: `\\?\\Volume{${hex(8, this.seed, Stream.device, d, 102)}}`,
          drive_letter: 'C:',
          encryption_method: encrypted ? 'XTS_AES_128' : 'NONE',
          percentage_encrypted: encrypted ? 100 : 0,
          protection_status: encrypted ? 1 : 0,
        });
      } else if (table === 'apps' && s.os === 'Mac OS X') {
        for (const [k, app] of APP_CATALOG.slice(0, 2 + (h(1) % 3)).entries()) {
          rows.push({
            ...base,
            bundle_identifier: `com.${app.name}.desktop`,
            bundle_short_version: `${4 + k}.${h(2) % 10}`,
            bundle_version: `${4 + k}${h(2) % 10}0`,
            last_opened_time: Math.floor(this.epochMs / 1000) - (h(3 + k) % 86_400),
            name: `${app.label}.app`,
            path: `/Applications/${app.label}.app`,
          });
        }
      } else if (table === 'programs' && win) {
        for (const [k, app] of APP_CATALOG.slice(0, 2 + (h(1) % 3)).entries()) {
          rows.push({
            ...base,
            identifying_number: `{${hex(8, this.seed, Stream.device, d, 110 + k).toUpperCase()}}`,
            install_date: ymd(this.epochMs - (45 + (h(6) % 60)) * DAY),
            name: app.label,
            publisher: app.label,
            version: `${4 + k}.${h(2) % 10}`,
          });
        }
      } else if (table === 'patches' && win) {
        for (let k = 0; k < 1 + (h(4) % 3); k++) {
          rows.push({
            ...base,
            caption: `http://support.microsoft.com/?kbid=50${31000 + k * 7}`,
            description: k === 0 ? 'Security Update' : 'Update',
            hotfix_id: `KB50${31000 + k * 7}`,
            installed_by: 'NT AUTHORITY\\SYSTEM',
            installed_on: mdy(this.epochMs - (20 + k * 7) * DAY),
          });
        }
      } else if (table === 'users') {
        const owner = String(s.hostname).split('-')[0] ?? 'user';
        rows.push(
          {
            ...base,
            admin: h(5) % 5 === 0,
            description: '',
            directory: win ? `C:\\Users\\${owner}` : `/Users/${owner}`,
            last_login: at,
            managed: true,
            shell: win ? '' : '/bin/zsh',
            suspended: false,
            type: 'local',
            uid: '501',
            username: owner,
            uuid: hex(32, this.seed, Stream.device, d, 120),
          },
          {
            ...base,
            admin: true,
            description: 'local admin',
            directory: win ? 'C:\\Users\\Administrator' : '/var/root',
            last_login: '',
            managed: false,
            shell: win ? '' : '/bin/sh',
            suspended: false,
            type: 'local',
            uid: win ? '500' : '0',
            username: win ? 'Administrator' : 'root',
            uuid: hex(32, this.seed, Stream.device, d, 121),
          },
        );
      } else if (table === 'logged_in_users' && s.active === true && h(6) % 2 === 0) {
        rows.push({
          ...base,
          host: '',
          pid: 400 + (h(7) % 9000),
          time: 1_767_240_000 + (h(8) % 3600),
          tty: win ? 'console' : 'console',
          type: 'user',
          user: String(s.hostname).split('-')[0],
        });
      }
    }
    return INSIGHTS_TABLES.has(table) ? rows : undefined;
  }

  authnPolicies(): Obj[] {
    const id = (k: number) => objectId(this.seed, Stream.policy, 10_000 + k);
    const group = this.size.groups > 0 ? [this.groupId(0)] : [];
    const policies: Obj[] = [
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
    return this.scenario
      ? policies.map((p) => this.scenario?.jumpcloudAuthnPolicy(p) ?? p)
      : policies;
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
        // One application in eight has an expired IdP certificate, one in eight one expiring within
        // a month; the rest expire between six months and two years after the epoch.
        idpCertExpirationAt: iso(this.epochMs + certDays(hash(this.seed, Stream.app, a, 9)) * DAY),
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
export function organization(
  rootSeed: number,
  k: number,
  detail: boolean,
  scenario?: ScenarioPatches,
): Obj {
  const name = `${pick(['Initech', 'Globex', 'Vandelay', 'Wayne', 'Stark', 'Acme'], rootSeed, k, 0xd3)} ${k === 0 ? 'HQ' : `Client ${k}`}`;
  const base: Obj = {
    _id: objectId(rootSeed, Stream.org, k),
    created: iso(createdAt(rootSeed, Stream.org, k)),
    displayName: name,
    logoUrl: '',
  };
  if (!detail) return base;
  const h = (salt: number) => hash(rootSeed, Stream.org, k, salt);
  const settings: Obj = {
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
  };
  return {
    ...base,
    accessRestriction: '',
    hasCreditCard: false,
    settings: scenario ? scenario.jumpcloudSettings(settings) : settings,
  };
}
