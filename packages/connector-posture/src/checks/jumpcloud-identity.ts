// JumpCloud checks of people: administrators, users, their MFA, passwords and lifecycle.
import type { GraphEntity } from '@org/connector-graph';
import { type AnyPostureCheck, type CheckInput, defineCheck } from '../model/check.js';
import { cis, daysSince, isActive, iso, isoOf, soc2 } from './helpers.js';

const USERS = 'JumpCloud Admin Portal › User Management › Users';
const ADMINS = 'JumpCloud Admin Portal › Settings › Administrators';
const ORG = 'JumpCloud Admin Portal › Settings › Organization Profile › Security';

const adminMfaDisabledSubjects = ({ entities }: Pick<CheckInput, 'entities'>) =>
  entities('administrator').filter((a) => a.suspended !== true);

export const adminMfaDisabled = defineCheck({
  id: 'jumpcloud.admin.mfa_disabled',
  title: 'Administrator without MFA',
  severity: 'critical',
  vendor: 'jumpcloud',
  rationale:
    'An administrator signs in to the console that controls every user, device and application; a stolen password alone gives all of it away.',
  remediation: {
    text: 'Enable TOTP MFA for the administrator and have them enrol.',
    console: `${ADMINS} › (administrator) › Enable MFA`,
  },
  frameworks: [...cis('6.5'), ...soc2('CC6.1'), ...iso('A.8.5')],
  reads: [
    {
      resource: 'administrators',
      kind: 'administrator',
      fields: ['enableMultiFactor', 'totpEnrolled'],
    },
  ],
  metric: 'mfa',
  subjects: adminMfaDisabledSubjects,
  evaluate: (input) =>
    adminMfaDisabledSubjects(input)
      .filter((a) => a.enableMultiFactor !== true || a.totpEnrolled !== true)
      .map((a) => ({
        entity: a._key,
        fields: { enableMultiFactor: a.enableMultiFactor, totpEnrolled: a.totpEnrolled },
        message: `${a.displayName} administers the organization without MFA`,
      })),
});

export const adminMfaNotRequired = defineCheck({
  id: 'jumpcloud.org.admin_mfa_not_required',
  title: 'MFA not required for administrators',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale: 'Unless the organization requires it, each administrator decides whether to use MFA.',
  remediation: { text: 'Turn on "Require MFA on Admin Portal".', console: ORG },
  frameworks: [...cis('6.5'), ...soc2('CC6.1'), ...iso('A.8.5')],
  reads: [
    { resource: 'organizationSettings', kind: 'account', fields: ['settings.requireAdminMFA'] },
  ],
  evaluate: ({ entities }) =>
    entities('account')
      .filter((o) => o['settings.requireAdminMFA'] !== true)
      .map((o) => ({
        entity: o._key,
        fields: { 'settings.requireAdminMFA': o['settings.requireAdminMFA'] },
        message: `${o.displayName} does not require MFA for administrators`,
      })),
});

/** The password policy baseline of {@link passwordPolicyWeak}. */
export interface PasswordBaseline extends Record<string, unknown> {
  minLength: number;
  maxHistory: number;
  maxLoginAttempts: number;
}

export const passwordPolicyWeak = defineCheck<PasswordBaseline>({
  id: 'jumpcloud.org.password_policy_weak',
  title: 'Password policy weaker than the baseline',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'Short, simple, reused passwords and unlimited guessing are how accounts fall to spraying and stuffing.',
  remediation: {
    text: 'Raise the minimum length, require upper, lower, numeric and symbol characters, remember previous passwords and lock out after failed attempts.',
    console: `${ORG} › User Password Policy`,
  },
  frameworks: [...cis('5.2'), ...soc2('CC6.1'), ...iso('A.5.17')],
  reads: [
    {
      resource: 'organizationSettings',
      kind: 'account',
      fields: ['settings.passwordPolicy.minLength'],
    },
  ],
  defaults: { minLength: 12, maxHistory: 5, maxLoginAttempts: 10 },
  evaluate: ({ entities, options }) =>
    entities('account').flatMap((o) => {
      const p = (name: string) => o[`settings.passwordPolicy.${name}`];
      const weak: Record<string, ReturnType<typeof p>> = {};
      const length = p('enableMinLength') === true ? Number(p('minLength') ?? 0) : 0;
      if (length < options.minLength) weak['settings.passwordPolicy.minLength'] = p('minLength');
      for (const needs of ['needsUppercase', 'needsLowercase', 'needsNumeric', 'needsSymbolic']) {
        if (p(needs) !== true) weak[`settings.passwordPolicy.${needs}`] = p(needs);
      }
      if (p('enableMaxHistory') !== true || Number(p('maxHistory') ?? 0) < options.maxHistory)
        weak['settings.passwordPolicy.maxHistory'] =
          p('enableMaxHistory') === true ? p('maxHistory') : null;
      if (
        p('enableMaxLoginAttempts') !== true ||
        Number(p('maxLoginAttempts')) > options.maxLoginAttempts
      )
        weak['settings.passwordPolicy.maxLoginAttempts'] =
          p('enableMaxLoginAttempts') === true ? p('maxLoginAttempts') : null;
      if (Object.keys(weak).length === 0) return [];
      return [
        {
          entity: o._key,
          fields: weak,
          message: `${o.displayName}'s password policy is below the baseline`,
        },
      ];
    }),
});

const userMfaNotEnrolledSubjects = ({ entities }: Pick<CheckInput, 'entities'>) =>
  entities('user').filter(isActive);

export const userMfaNotEnrolled = defineCheck({
  id: 'jumpcloud.user.mfa_not_enrolled',
  title: 'Active user not enrolled in MFA',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale:
    'A user without an MFA factor signs in to every SSO application with a password alone.',
  remediation: {
    text: 'Require MFA for the user portal and have the user enrol a TOTP, push or WebAuthn factor.',
    console: `${USERS} › (user) › Multi-Factor Authentication`,
  },
  frameworks: [...cis('6.3', '6.4'), ...soc2('CC6.1', 'CC6.6'), ...iso('A.8.5')],
  reads: [
    { resource: 'users', kind: 'user', fields: ['mfaEnrollment.overallStatus', 'mfa.configured'] },
  ],
  metric: 'mfa',
  subjects: userMfaNotEnrolledSubjects,
  evaluate: (input) =>
    userMfaNotEnrolledSubjects(input)
      .filter((u) =>
        u['mfaEnrollment.overallStatus'] !== undefined
          ? u['mfaEnrollment.overallStatus'] !== 'ENROLLED'
          : u['mfa.configured'] !== true,
      )
      .map((u) => ({
        entity: u._key,
        fields: {
          'mfaEnrollment.overallStatus': u['mfaEnrollment.overallStatus'],
          'mfa.configured': u['mfa.configured'],
        },
        message: `${u.displayName} has no MFA factor enrolled`,
      })),
});

export const userMfaExcluded = defineCheck({
  id: 'jumpcloud.user.mfa_excluded',
  title: 'Active user excluded from MFA',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'An MFA exclusion is meant to be temporary; a forgotten one leaves the account on a password alone.',
  remediation: {
    text: 'Remove the exclusion or give it an end date.',
    console: `${USERS} › (user) › Multi-Factor Authentication › Exclusion`,
  },
  frameworks: [...cis('6.3'), ...soc2('CC6.1'), ...iso('A.8.5')],
  reads: [{ resource: 'users', kind: 'user', fields: ['mfa.exclusion', 'mfa.configured'] }],
  evaluate: ({ entities }) =>
    entities('user')
      .filter((u) => isActive(u) && u['mfa.exclusion'] === true)
      .map((u) => ({
        entity: u._key,
        fields: { 'mfa.exclusion': true, 'mfa.exclusionUntil': u['mfa.exclusionUntil'] },
        message: `${u.displayName} is excluded from MFA`,
      })),
});

/** Users whose lifecycle state keeps them from signing in but not from their access. */
const inactive = (u: GraphEntity): boolean => u.active === false;

export const inactiveUserInGroups = defineCheck({
  id: 'jumpcloud.user.inactive_in_groups',
  title: 'Suspended or staged user still in groups',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'Group membership grants systems, applications and networks: a suspended user reactivated, or a staged one activated, gets all of it at once.',
  remediation: {
    text: 'Remove the user from its groups (or delete it when it left).',
    console: `${USERS} › (user) › User Groups`,
  },
  frameworks: [...cis('6.2'), ...soc2('CC6.2', 'CC6.3'), ...iso('A.5.18')],
  reads: [
    { resource: 'users', kind: 'user', fields: ['state', 'suspended'] },
    { resource: 'groupMembers' },
  ],
  evaluate: ({ entities, relationships }) => {
    const groupsOf = new Map<string, string[]>();
    for (const r of relationships('HAS')) {
      if (!r._fromEntityKey.includes(':group:') || !r._toEntityKey.includes(':user:')) continue;
      groupsOf.set(r._toEntityKey, [...(groupsOf.get(r._toEntityKey) ?? []), r._fromEntityKey]);
    }
    return entities('user')
      .filter((u) => inactive(u) && groupsOf.has(u._key))
      .map((u) => {
        const groups = (groupsOf.get(u._key) ?? []).sort();
        return {
          entity: u._key,
          related: groups,
          fields: { state: u.state, suspended: u.suspended, groups: groups.length },
          message: `${u.displayName} is ${String(u.state ?? 'inactive').toLowerCase()} but in ${groups.length} group(s)`,
        };
      });
  },
});

export const inactiveUserAssignedApps = defineCheck({
  id: 'jumpcloud.user.inactive_assigned_apps',
  title: 'Suspended or staged user still assigned applications',
  severity: 'high',
  vendor: 'jumpcloud',
  rationale:
    'SSO access, bound to the user or to a group it is in, outlives the suspension: reactivation restores every application at once.',
  remediation: {
    text: 'Remove the direct application bindings of the user and take it out of the groups the applications are bound to.',
    console: `${USERS} › (user) › Applications`,
  },
  frameworks: [...cis('6.2'), ...soc2('CC6.2', 'CC6.3'), ...iso('A.5.18')],
  reads: [
    { resource: 'users', kind: 'user', fields: ['state', 'suspended'] },
    { resource: 'applicationAssignments' },
  ],
  evaluate: ({ entities, relationships }) => {
    const appsOf = new Map<string, string[]>();
    for (const r of relationships('ASSIGNED')) {
      appsOf.set(r._fromEntityKey, [...(appsOf.get(r._fromEntityKey) ?? []), r._toEntityKey]);
    }
    return entities('user')
      .filter((u) => inactive(u) && appsOf.has(u._key))
      .map((u) => {
        const apps = (appsOf.get(u._key) ?? []).sort();
        return {
          entity: u._key,
          related: apps,
          fields: { state: u.state, suspended: u.suspended, applications: apps.length },
          message: `${u.displayName} is ${String(u.state ?? 'inactive').toLowerCase()} but can use ${apps.length} application(s)`,
        };
      });
  },
});

export const userInactiveLogin = defineCheck<{ days: number }>({
  id: 'jumpcloud.user.no_recent_login',
  title: 'Active user with no sign-in for N days',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale: 'Dormant accounts are unwatched accounts: nobody notices when someone else uses them.',
  remediation: {
    text: 'Suspend accounts unused for the period, after checking with their manager.',
    console: `${USERS} › (user) › Suspend`,
  },
  frameworks: [...cis('5.3'), ...soc2('CC6.2'), ...iso('A.5.18')],
  reads: [
    { resource: 'users' },
    {
      resource: 'lastLogins',
      kind: 'user',
      fields: ['lastLoginOn'],
      missingReason:
        'sign-ins come from Directory Insights, which the graph reads only when the connection sets accounts.lastLogin (createJumpCloudConnector)',
    },
  ],
  defaults: { days: 90 },
  evaluate: ({ entities, now, options, snapshot, connection }) => {
    const account = snapshot.connections.find((c) => c.name === connection)?.accountKey ?? '';
    // No sign-in within the window counts when the window is at least the threshold.
    const window = Number(snapshot.entities.get(account)?.lastLoginLookbackDays ?? 0);
    return entities('user')
      .filter(isActive)
      .filter((u) =>
        u.lastLoginOn === null
          ? window >= options.days
          : (daysSince(u.lastLoginOn, now) ?? 0) > options.days,
      )
      .map((u) => ({
        entity: u._key,
        fields: { lastLoginOn: isoOf(u.lastLoginOn) ?? null, lookbackDays: window },
        message:
          u.lastLoginOn === null
            ? `${u.displayName} has not signed in within the last ${window} days`
            : `${u.displayName} has not signed in for more than ${options.days} days`,
      }));
  },
});

export const passwordExpired = defineCheck({
  id: 'jumpcloud.user.password_expired',
  title: 'Active user with an expired password',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'An active account whose password expired is either unused (dormant) or bypassing the rotation it is subject to.',
  remediation: {
    text: 'Have the user reset the password, or suspend the account if it is unused.',
    console: `${USERS} › (user) › Reset Password`,
  },
  frameworks: [...cis('5.2', '5.3'), ...soc2('CC6.1'), ...iso('A.5.17')],
  reads: [{ resource: 'users', kind: 'user', fields: ['passwordExpired'] }],
  evaluate: ({ entities }) =>
    entities('user')
      .filter((u) => isActive(u) && u.passwordExpired === true)
      .map((u) => ({
        entity: u._key,
        fields: { passwordExpired: true, passwordDate: isoOf(u.passwordDate) },
        message: `${u.displayName}'s password has expired`,
      })),
});

export const passwordNeverExpires = defineCheck({
  id: 'jumpcloud.user.password_never_expires',
  title: 'Active user whose password never expires',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale: 'A password exempt from the policy can stay compromised indefinitely.',
  remediation: {
    text: 'Clear "Password never expires" on the user.',
    console: `${USERS} › (user) › User Security Settings and Permissions`,
  },
  frameworks: [...soc2('CC6.1'), ...iso('A.5.17')],
  reads: [{ resource: 'users', kind: 'user', fields: ['passwordNeverExpires'] }],
  evaluate: ({ entities }) =>
    entities('user')
      .filter((u) => isActive(u) && u.passwordNeverExpires === true)
      .map((u) => ({
        entity: u._key,
        fields: { passwordNeverExpires: true },
        message: `${u.displayName}'s password never expires`,
      })),
});

export const passwordlessSudo = defineCheck({
  id: 'jumpcloud.user.passwordless_sudo',
  title: 'User with passwordless sudo on every bound system',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'Global passwordless sudo makes any session of the user root on every system it is bound to.',
  remediation: {
    text: 'Clear "Enable as Admin/Sudo on all device associations" and "without password", and grant sudo per system where needed.',
    console: `${USERS} › (user) › User Security Settings and Permissions › Permission Settings`,
  },
  frameworks: [...cis('5.4'), ...soc2('CC6.3'), ...iso('A.8.2')],
  reads: [{ resource: 'users', kind: 'user', fields: ['passwordlessSudo'] }],
  evaluate: ({ entities }) =>
    entities('user')
      .filter((u) => u.passwordlessSudo === true)
      .map((u) => ({
        entity: u._key,
        fields: { sudo: u.sudo, passwordlessSudo: true },
        message: `${u.displayName} has passwordless sudo`,
      })),
});

export const tooManyAdministrators = defineCheck<{ maxAdministrators: number }>({
  id: 'jumpcloud.admin.too_many',
  title: 'More administrators than the baseline',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'Each administrator is a way into the whole organization; keep the number small and known.',
  remediation: {
    text: 'Remove administrators who do not need the console, or give them a narrower role.',
    console: ADMINS,
  },
  frameworks: [...cis('5.4'), ...soc2('CC6.3'), ...iso('A.8.2')],
  reads: [{ resource: 'administrators' }],
  defaults: { maxAdministrators: 4 },
  evaluate: ({ entities, options, snapshot, connection }) => {
    const admins = entities('administrator').filter((a) => a.suspended !== true);
    if (admins.length <= options.maxAdministrators) return [];
    const account = snapshot.connections.find((c) => c.name === connection)?.accountKey ?? '';
    return [
      {
        entity: account,
        related: admins.map((a) => a._key).sort(),
        fields: { administrators: admins.length, maxAdministrators: options.maxAdministrators },
        message: `${admins.length} active administrators, more than ${options.maxAdministrators}`,
      },
    ];
  },
});

/** The JumpCloud identity checks. */
export const jumpcloudIdentityChecks: readonly AnyPostureCheck[] = [
  adminMfaDisabled,
  adminMfaNotRequired,
  passwordPolicyWeak,
  userMfaNotEnrolled,
  userMfaExcluded,
  inactiveUserInGroups,
  inactiveUserAssignedApps,
  userInactiveLogin,
  passwordExpired,
  passwordNeverExpires,
  passwordlessSudo,
  tooManyAdministrators,
];
