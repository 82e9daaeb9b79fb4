// Posture scenarios: tenants whose security settings are known exactly, so posture checks can be
// asserted finding by finding. `clean` overrides every setting a check reads with a compliant
// value; `misconfigured` is the clean tenant plus the flaws listed in MISCONFIGURATIONS, each on
// one named object. Times are relative to the sandbox's epoch, so staleness never depends on the
// day a test runs.
import type { SandboxScenario, SandboxSize } from '../options.js';

type Obj = Record<string, unknown>;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Sizes a scenario tenant has unless the caller's `size` says otherwise. */
export const SCENARIO_SIZE: Record<SandboxScenario, Partial<SandboxSize>> = {
  clean: { users: 12, groups: 3, devices: 6, policies: 2, apps: 3, admins: 3, events: 0 },
  // Five administrators: one more than a posture baseline of four allows.
  misconfigured: { users: 12, groups: 3, devices: 6, policies: 2, apps: 3, admins: 5, events: 0 },
};

/** OS and agent versions a scenario device runs: current in `clean`, older where a flaw says. */
export const SCENARIO_VERSIONS = {
  mac: '15.6',
  mobile: '18.6',
  windows: '11 Pro',
  ubuntu: '24.04',
  android: '15',
  jumpcloudAgent: '1.180.0',
  kandjiAgent: '4.8.1',
  outdated: { mac: '13.6', mobile: '16.7', windows: '10 Pro', ubuntu: '20.04', android: '12' },
  outdatedAgent: { jumpcloud: '1.100.0', kandji: '4.0.2' },
} as const;

/**
 * The flaws of the `misconfigured` scenario this file's patches plant, by vendor and object index
 * (JumpCloud users, systems, administrators, applications; Kandji users and devices; Hexnode
 * devices). A vendor that plants its own declares them in its folder (`misconfigurations`);
 * `MISCONFIGURATIONS` holds both.
 */
export const PATCHED_MISCONFIGURATIONS = {
  jumpcloud: {
    organization: {
      settings:
        'MFA not required for administrators; a password policy of 8 characters, no symbols, no history, no lockout',
      authnPolicies: 'every conditional-access policy disabled',
      appleMdm:
        'APNs certificate expires 10 days after the epoch; DEP token expired 5 days before it',
    },
    users: {
      0: 'sudo on every system it is bound to (with a password)',
      1: 'not enrolled in MFA',
      2: 'suspended (still in its group, directly assigned application 0)',
      3: 'staged (still in its group)',
      4: 'password expired',
      5: 'password never expires',
      6: 'excluded from MFA',
      7: 'passwordless sudo',
      8: 'account locked',
      9: '7 failed sign-in attempts',
      10: 'password last changed 400 days before the epoch',
      11: 'no sign-in within the 90 days before the epoch (Directory Insights)',
    },
    systems: {
      0: 'full-disk encryption off',
      1: 'encryption recovery key not escrowed',
      2: 'last contact 45 days before the epoch',
      3: 'SSH root login and password authentication allowed',
      4: 'policy 0 failed on it; no primary user',
      5: 'an outdated OS and JumpCloud agent',
    },
    administrators: {
      1: 'MFA off',
      2: 'an API key',
      3: 'Administrator with Billing (with administrators 0 and 4: three billing administrators)',
    },
    applications: {
      0: 'IdP certificate expired 10 days before the epoch',
      1: 'IdP certificate expires 10 days after the epoch',
      2: 'assigned to nobody',
    },
  },
  kandji: {
    users: { 5: 'email outside the directory (temp.contractor@<domain>)' },
    devices: {
      0: 'a Mac last checked in 40 days before the epoch, FileVault key not escrowed, an old Kandji agent',
      1: 'OS 12.7, not supervised',
      2: 'no assigned user, MDM profile removed',
      3: 'on no blueprint, reported missing',
      4: 'a Mac without the Kandji agent',
      5: "a Mac with FileVault, the firewall, Gatekeeper and SIP off, under a user's Activation Lock",
    },
  },
  hexnode: {
    devices: {
      0: 'non-compliant',
      1: 'last reported 40 days before the epoch',
      2: 'assigned to the Default User',
      3: 'enrollment pending',
      4: 'storage not encrypted (device detail)',
      5: 'no passcode (device detail), an outdated OS',
    },
  },
} as const;

/** A Kandji device's security state, as Prism and device details report it. */
export interface KandjiSecurity {
  supervised: boolean;
  filevault: boolean | null;
  escrowed: boolean;
  userActivationLock: boolean;
  gatekeeper: boolean | null;
  firewall: boolean | null;
  sip: boolean | null;
}

/** Per-object patches a vendor's data applies last (before mutations made through `control`). */
export interface ScenarioPatches {
  readonly name: SandboxScenario;
  jumpcloudUser(index: number, u: Obj): Obj;
  jumpcloudSystem(index: number, s: Obj): Obj;
  jumpcloudAdmin(index: number, a: Obj): Obj;
  jumpcloudApplication(index: number, a: Obj): Obj;
  /** The organization's settings (`GET /api/organizations/{id}`). */
  jumpcloudSettings(settings: Obj): Obj;
  /** Its conditional-access policies. */
  jumpcloudAuthnPolicy(p: Obj): Obj;
  /** Its Apple MDM server. */
  jumpcloudAppleMdm(m: Obj): Obj;
  /** Users with a successful sign-in in Directory Insights, and when (epoch ms). */
  jumpcloudLogins(users: number): Array<{ user: number; at: number }>;
  /** Whether application `index` has no assignees at all. */
  jumpcloudAppUnassigned(index: number): boolean;
  /** Every policy applies to every system in a scenario. */
  jumpcloudPolicyStatus(policy: number, system: number, s: Obj): Obj;
  kandjiUser(index: number, u: Obj): Obj;
  /** The device's user index, or undefined for none. */
  kandjiDeviceOwner(device: number, users: number): number | undefined;
  kandjiDevice(index: number, d: Obj): Obj;
  kandjiSecurity(index: number, mac: boolean): KandjiSecurity;
  /** The device's user index (0 is Hexnode's Default User). */
  hexnodeDeviceOwner(device: number, users: number): number;
  hexnodeDevice(index: number, d: Obj): Obj;
  /** What `GET devices/{id}/` adds to the listing's fields. */
  hexnodeDeviceDetail(index: number, d: Obj): Obj;
}

/** A version for `os` (JumpCloud `os`, Hexnode `os_name`, Kandji platform), current or outdated. */
function versionFor(os: string, outdated: boolean): string {
  const v = outdated ? SCENARIO_VERSIONS.outdated : SCENARIO_VERSIONS;
  if (/^mac/i.test(os)) return v.mac;
  if (/windows/i.test(os)) return v.windows;
  if (/ubuntu|linux/i.test(os)) return v.ubuntu;
  if (/android/i.test(os)) return v.android;
  return v.mobile;
}

/** The patches of `scenario`, with times relative to `epochMs`. */
export function scenarioPatches(scenario: SandboxScenario, epochMs: number): ScenarioPatches {
  const bad = scenario === 'misconfigured';
  const recent = iso(epochMs - 3_600_000);
  return {
    name: scenario,
    jumpcloudUser(i, u) {
      const state = bad && i === 2 ? 'SUSPENDED' : bad && i === 3 ? 'STAGED' : 'ACTIVATED';
      const enrolled = !(bad && i === 1);
      return {
        ...u,
        state,
        activated: state !== 'STAGED',
        suspended: state === 'SUSPENDED',
        account_locked: bad && i === 8,
        account_locked_date: bad && i === 8 ? iso(epochMs - 2 * DAY) : null,
        badLoginAttempts: bad && i === 9 ? 7 : 0,
        enable_user_portal_multifactor: enrolled,
        mfa: { configured: enrolled, exclusion: bad && i === 6 },
        mfaEnrollment: {
          overallStatus: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
          pushStatus: 'NOT_ENROLLED',
          totpStatus: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
          webAuthnStatus: 'NOT_ENROLLED',
        },
        totp_enabled: enrolled,
        password_date: iso(epochMs - (bad && i === 10 ? 400 : 10) * DAY),
        password_expired: bad && i === 4,
        password_never_expires: bad && i === 5,
        passwordless_sudo: bad && i === 7,
        sudo: bad && (i === 7 || i === 0),
      };
    },
    jumpcloudSystem(i, s) {
      const old = bad && i === 5;
      return {
        ...s,
        active: true,
        fde: { active: !(bad && i === 0), keyPresent: !(bad && (i === 0 || i === 1)) },
        lastContact: bad && i === 2 ? iso(epochMs - 45 * DAY) : recent,
        allowSshRootLogin: bad && i === 3,
        allowSshPasswordAuthentication: bad && i === 3,
        allowMultiFactorAuthentication: true,
        version: versionFor(String(s.os), old),
        agentVersion: old
          ? SCENARIO_VERSIONS.outdatedAgent.jumpcloud
          : SCENARIO_VERSIONS.jumpcloudAgent,
        ...(bad && i === 4 ? { primarySystemUser: { id: null } } : {}),
      };
    },
    jumpcloudAdmin(i, a) {
      const mfa = !(bad && i === 1);
      const billing = bad ? i === 0 || i === 3 || i === 4 : i === 0;
      return {
        ...a,
        enableMultiFactor: mfa,
        totpEnrolled: mfa,
        suspended: false,
        apiKeyAllowed: bad && i === 2,
        apiKeySet: bad && i === 2,
        roleName: billing ? 'Administrator with Billing' : 'Administrator',
      };
    },
    jumpcloudApplication(i, a) {
      const sso = (a.sso ?? {}) as Obj;
      const expires =
        bad && i === 0
          ? epochMs - 10 * DAY
          : bad && i === 1
            ? epochMs + 10 * DAY
            : epochMs + 365 * DAY;
      return { ...a, active: true, sso: { ...sso, idpCertExpirationAt: iso(expires) } };
    },
    jumpcloudSettings(settings) {
      const policy = (settings.passwordPolicy ?? {}) as Obj;
      return {
        ...settings,
        requireAdminMFA: !bad,
        passwordPolicy: {
          ...policy,
          enableMinLength: true,
          minLength: bad ? 8 : 14,
          needsLowercase: true,
          needsUppercase: true,
          needsNumeric: true,
          needsSymbolic: !bad,
          enableMaxHistory: !bad,
          maxHistory: 5,
          enableMaxLoginAttempts: !bad,
          maxLoginAttempts: 5,
          enableLockoutTimeInSeconds: true,
          lockoutTimeInSeconds: 900,
          disallowCommonlyUsedPasswords: true,
        },
      };
    },
    jumpcloudAuthnPolicy: (p) => ({ ...p, disabled: bad }),
    jumpcloudAppleMdm: (m) => ({
      ...m,
      apnsCertExpiry: iso(epochMs + (bad ? 10 : 300) * DAY),
      depAccessTokenExpiry: iso(epochMs + (bad ? -5 : 200) * DAY),
      depServerTokenState: bad ? 'expired' : 'valid',
    }),
    jumpcloudLogins(users) {
      const out: Array<{ user: number; at: number }> = [];
      for (let i = 0; i < users; i++) {
        // User 11 signed in last 120 days before the epoch: outside a 90-day window.
        if (bad && i === 11) continue;
        out.push({ user: i, at: epochMs - (1 + (i % 5)) * DAY });
      }
      return out;
    },
    jumpcloudAppUnassigned: (i) => bad && i === 2,
    jumpcloudPolicyStatus(p, d, s) {
      const failed = bad && p === 0 && d === 4;
      return {
        ...s,
        state: failed ? 'failed' : 'success',
        success: !failed,
        exitStatus: failed ? 1 : 0,
        detail: failed ? 'policy could not be applied' : '',
      };
    },
    kandjiUser(i, u) {
      const email = bad && i === 5 ? `temp.contractor@${String(u.email).split('@')[1]}` : u.email;
      return { ...u, email, active: true, archived: false };
    },
    kandjiDeviceOwner: (d, users) => (users === 0 || (bad && d === 2) ? undefined : d % users),
    kandjiDevice(i, d) {
      const mac = d.platform === 'Mac' || (bad && (i === 0 || i === 4 || i === 5));
      const agent = mac && !(bad && i === 4);
      const out: Obj = {
        ...d,
        platform: mac ? 'Mac' : d.platform,
        agent_installed: agent,
        agent_version: !agent
          ? ''
          : bad && i === 0
            ? SCENARIO_VERSIONS.outdatedAgent.kandji
            : SCENARIO_VERSIONS.kandjiAgent,
        os_version: bad && i === 1 ? '12.7' : versionFor(mac ? 'Mac' : 'iOS', false),
        last_check_in: bad && i === 0 ? iso(epochMs - 40 * DAY) : recent,
        is_missing: bad && i === 3,
        is_removed: false,
        mdm_enabled: !(bad && i === 2),
        lost_mode_status: '',
      };
      if (bad && i === 3) {
        out.blueprint_id = null;
        out.blueprint_name = null;
      }
      return out;
    },
    kandjiSecurity(i, mac) {
      const off = bad && i === 5;
      return {
        supervised: !(bad && i === 1),
        filevault: mac ? !off : null,
        escrowed: mac && !off && !(bad && i === 0),
        userActivationLock: off,
        gatekeeper: mac ? !off : null,
        firewall: mac ? !off : null,
        sip: mac ? !off : null,
      };
    },
    hexnodeDeviceOwner: (d, users) => (users <= 1 || (bad && d === 2) ? 0 : 1 + (d % (users - 1))),
    hexnodeDevice(i, d) {
      return {
        ...d,
        compliant: !(bad && i === 0),
        enrollment_status: bad && i === 3 ? 'Pending' : 'Enrolled',
        last_reported: bad && i === 1 ? iso(epochMs - 40 * DAY) : recent,
        os_version: versionFor(String(d.os_name), bad && i === 5),
      };
    },
    hexnodeDeviceDetail(i, d) {
      return {
        ...d,
        encryption_status: bad && i === 4 ? 'Not Encrypted' : 'Encrypted',
        passcode_status: bad && i === 5 ? 'Not Set' : 'Set',
      };
    },
  };
}
