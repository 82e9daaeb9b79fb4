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

/**
 * The flaws of the `misconfigured` scenario, by vendor and object index (JumpCloud users, systems,
 * administrators, applications; Kandji users and devices; Hexnode devices). Documented in the
 * sandbox README; posture tests assert on exactly these.
 */
export const MISCONFIGURATIONS = {
  jumpcloud: {
    users: {
      1: 'not enrolled in MFA',
      2: 'suspended (still in its group, directly assigned application 0)',
      3: 'staged (still in its group)',
      4: 'password expired',
      5: 'password never expires',
      6: 'excluded from MFA',
      7: 'passwordless sudo',
    },
    systems: {
      0: 'full-disk encryption off',
      1: 'encryption recovery key not escrowed',
      2: 'last contact 45 days before the epoch',
      3: 'SSH root login and password authentication allowed',
      4: 'policy 0 failed on it',
    },
    administrators: { 1: 'MFA off' },
    applications: { 1: 'IdP certificate expires 10 days after the epoch', 2: 'assigned to nobody' },
  },
  kandji: {
    users: { 5: 'email outside the directory (temp.contractor@<domain>)' },
    devices: {
      0: 'last check-in 40 days before the epoch',
      1: 'OS 12.7',
      2: 'no assigned user',
      3: 'on no blueprint',
      4: 'a Mac without the Kandji agent',
      5: "a Mac with FileVault off, under a user's Activation Lock",
    },
  },
  hexnode: {
    devices: {
      0: 'non-compliant',
      1: 'last reported 40 days before the epoch',
      2: 'assigned to the Default User',
      3: 'enrollment pending',
    },
  },
} as const;

/** Per-object patches a vendor's data applies last (before mutations made through `control`). */
export interface ScenarioPatches {
  readonly name: SandboxScenario;
  jumpcloudUser(index: number, u: Obj): Obj;
  jumpcloudSystem(index: number, s: Obj): Obj;
  jumpcloudAdmin(index: number, a: Obj): Obj;
  jumpcloudApplication(index: number, a: Obj): Obj;
  /** Whether application `index` has no assignees at all. */
  jumpcloudAppUnassigned(index: number): boolean;
  /** Every policy applies to every system in a scenario. */
  jumpcloudPolicyStatus(policy: number, system: number, s: Obj): Obj;
  kandjiUser(index: number, u: Obj): Obj;
  /** The device's user index, or undefined for none. */
  kandjiDeviceOwner(device: number, users: number): number | undefined;
  kandjiDevice(index: number, d: Obj): Obj;
  /** The device's user index (0 is Hexnode's Default User). */
  hexnodeDeviceOwner(device: number, users: number): number;
  hexnodeDevice(index: number, d: Obj): Obj;
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
        account_locked: false,
        enable_user_portal_multifactor: enrolled,
        mfa: { configured: enrolled, exclusion: bad && i === 6, exclusionUntil: '' },
        mfaEnrollment: {
          overallStatus: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
          pushStatus: 'NOT_ENROLLED',
          totpStatus: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
          webAuthnStatus: 'NOT_ENROLLED',
        },
        totp_enabled: enrolled,
        password_date: iso(epochMs - 10 * DAY),
        password_expired: bad && i === 4,
        password_never_expires: bad && i === 5,
        passwordless_sudo: bad && i === 7,
        sudo: bad && i === 7,
      };
    },
    jumpcloudSystem(i, s) {
      return {
        ...s,
        active: true,
        fde: { active: !(bad && i === 0), keyPresent: !(bad && (i === 0 || i === 1)) },
        lastContact: bad && i === 2 ? iso(epochMs - 45 * DAY) : recent,
        allowSshRootLogin: bad && i === 3,
        allowSshPasswordAuthentication: bad && i === 3,
        allowMultiFactorAuthentication: true,
      };
    },
    jumpcloudAdmin(i, a) {
      const mfa = !(bad && i === 1);
      return { ...a, enableMultiFactor: mfa, totpEnrolled: mfa, suspended: false };
    },
    jumpcloudApplication(i, a) {
      const sso = (a.sso ?? {}) as Obj;
      const expires = bad && i === 1 ? epochMs + 10 * DAY : epochMs + 365 * DAY;
      return { ...a, active: true, sso: { ...sso, idpCertExpirationAt: iso(expires) } };
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
      const mac = d.platform === 'Mac' || (bad && (i === 4 || i === 5));
      const out: Obj = {
        ...d,
        platform: mac ? 'Mac' : d.platform,
        agent_installed: mac && !(bad && i === 4),
        agent_version: mac && !(bad && i === 4) ? '4.8.1' : '',
        os_version: bad && i === 1 ? '12.7' : mac ? '14.6' : '17.6',
        last_check_in: bad && i === 0 ? iso(epochMs - 40 * DAY) : recent,
        is_missing: false,
        is_removed: false,
      };
      if (bad && i === 3) {
        out.blueprint_id = null;
        out.blueprint_name = null;
      }
      return out;
    },
    hexnodeDeviceOwner: (d, users) => (users <= 1 || (bad && d === 2) ? 0 : 1 + (d % (users - 1))),
    hexnodeDevice(i, d) {
      return {
        ...d,
        compliant: !(bad && i === 0),
        enrollment_status: bad && i === 3 ? 'Pending' : 'Enrolled',
        last_reported: bad && i === 1 ? iso(epochMs - 40 * DAY) : recent,
      };
    },
  };
}
