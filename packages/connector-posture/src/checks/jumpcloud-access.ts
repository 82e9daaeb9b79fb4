// JumpCloud checks of how accounts can be used: administrative rights, API keys, billing
// administrators, lockouts and failed sign-ins, and password age.
import { type AnyPostureCheck, defineCheck } from '../model/check.js';
import { cis, daysSince, isActive, iso, isoOf, soc2 } from './helpers.js';

const USERS = 'JumpCloud Admin Portal › User Management › Users';
const ADMINS = 'JumpCloud Admin Portal › Settings › Administrators';

export const userSudoAllSystems = defineCheck({
  id: 'jumpcloud.user.sudo_all_systems',
  title: 'User with sudo on every bound system',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'Global administrator rights make every system the user is bound to, now and later, fully theirs: least privilege grants them per system.',
  remediation: {
    text: 'Clear "Enable as Admin/Sudo on all device associations" and grant administrator rights on the systems that need them.',
    console: `${USERS} › (user) › User Security Settings and Permissions › Permission Settings`,
  },
  frameworks: [...cis('5.4', '6.8'), ...soc2('CC6.3'), ...iso('A.8.2')],
  reads: [{ resource: 'users', kind: 'user', fields: ['sudo'] }],
  // Passwordless sudo is jumpcloud.user.passwordless_sudo: one finding per flaw.
  evaluate: ({ entities }) =>
    entities('user')
      .filter((u) => isActive(u) && u.sudo === true && u.passwordlessSudo !== true)
      .map((u) => ({
        entity: u._key,
        fields: { sudo: true, passwordlessSudo: u.passwordlessSudo ?? null },
        message: `${u.displayName} is an administrator (sudo) on every system it is bound to`,
      })),
});

export const userAccountLocked = defineCheck({
  id: 'jumpcloud.user.account_locked',
  title: 'Active user locked out',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'A lockout follows repeated failed sign-ins: someone may be guessing the password, and the user cannot work until it is cleared.',
  remediation: {
    text: 'Check the failed sign-ins in Directory Insights, confirm with the user, reset the password and unlock the account.',
    console: `${USERS} › (user) › Unlock`,
  },
  frameworks: [...cis('8.11'), ...soc2('CC7.2'), ...iso('A.8.16')],
  reads: [{ resource: 'users', kind: 'user', fields: ['accountLocked'] }],
  evaluate: ({ entities }) =>
    entities('user')
      .filter((u) => isActive(u) && u.accountLocked === true)
      .map((u) => ({
        entity: u._key,
        fields: { accountLocked: true, accountLockedDate: isoOf(u.accountLockedDate) ?? null },
        message: `${u.displayName} is locked out`,
      })),
});

export const userBadLogins = defineCheck<{ attempts: number }>({
  id: 'jumpcloud.user.bad_login_attempts',
  title: 'User with repeated failed sign-ins',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'Failed sign-ins that keep counting up are password guessing or a stale credential in some client; either wants a look.',
  remediation: {
    text: 'Review the user’s failed sign-ins in Directory Insights; reset the password if they were not the user’s.',
    console: 'JumpCloud Admin Portal › Insights › Directory',
  },
  frameworks: [...cis('8.11'), ...soc2('CC7.2'), ...iso('A.8.16')],
  reads: [{ resource: 'users', kind: 'user', fields: ['badLoginAttempts'] }],
  defaults: { attempts: 5 },
  evaluate: ({ entities, options }) =>
    entities('user')
      .filter((u) => isActive(u) && Number(u.badLoginAttempts ?? 0) >= options.attempts)
      .map((u) => ({
        entity: u._key,
        fields: { badLoginAttempts: u.badLoginAttempts },
        message: `${u.displayName} has ${String(u.badLoginAttempts)} failed sign-in attempts`,
      })),
});

export const userPasswordOld = defineCheck<{ days: number }>({
  id: 'jumpcloud.user.password_old',
  title: 'Active user whose password is older than N days',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'The longer a password lives, the likelier it sits in a breach corpus or a reused-password list.',
  remediation: {
    text: 'Have the user change the password; set a maximum password age in the password policy.',
    console: `${USERS} › (user) › Reset Password`,
  },
  frameworks: [...cis('5.2'), ...soc2('CC6.1'), ...iso('A.5.17')],
  reads: [{ resource: 'users', kind: 'user', fields: ['passwordDate'] }],
  defaults: { days: 365 },
  evaluate: ({ entities, now, options }) =>
    entities('user')
      .filter((u) => isActive(u) && (daysSince(u.passwordDate, now) ?? 0) > options.days)
      .map((u) => ({
        entity: u._key,
        fields: { passwordDate: isoOf(u.passwordDate) },
        message: `${u.displayName}'s password is more than ${options.days} days old`,
      })),
});

export const adminApiKey = defineCheck({
  id: 'jumpcloud.admin.api_key',
  title: 'Administrator with an API key',
  severity: 'medium',
  vendor: 'jumpcloud',
  rationale:
    'An administrator’s API key carries all of the administrator’s rights, needs no MFA and does not expire: a service account with a narrow role is safer for automation.',
  remediation: {
    text: 'Revoke the key, or move the integration to a service account with the least role it needs.',
    console: `${ADMINS} › (administrator) › API Key`,
  },
  frameworks: [...cis('5.4', '6.5'), ...soc2('CC6.1'), ...iso('A.5.17', 'A.8.2')],
  reads: [{ resource: 'administrators', kind: 'administrator', fields: ['apiKeySet'] }],
  evaluate: ({ entities }) =>
    entities('administrator')
      .filter((a) => a.suspended !== true && a.apiKeySet === true)
      .map((a) => ({
        entity: a._key,
        fields: {
          apiKeySet: true,
          apiKeyUpdatedAt: isoOf(a.apiKeyUpdatedAt) ?? null,
          roleName: a.roleName,
        },
        message: `${a.displayName} has an API key`,
      })),
});

export const tooManyBillingAdmins = defineCheck<{ maxBillingAdministrators: number }>({
  id: 'jumpcloud.admin.billing_too_many',
  title: 'More "Administrator with Billing" administrators than the baseline',
  severity: 'low',
  vendor: 'jumpcloud',
  rationale:
    'The Billing role can change the subscription and every other administrator: it belongs to few people.',
  remediation: {
    text: 'Give the other administrators the Administrator role (or narrower).',
    console: ADMINS,
  },
  frameworks: [...cis('5.4'), ...soc2('CC6.3'), ...iso('A.8.2')],
  reads: [{ resource: 'administrators', kind: 'administrator', fields: ['roleName'] }],
  defaults: { maxBillingAdministrators: 2 },
  evaluate: ({ entities, options, snapshot, connection }) => {
    const billing = entities('administrator').filter(
      (a) => a.suspended !== true && a.roleName === 'Administrator with Billing',
    );
    if (billing.length <= options.maxBillingAdministrators) return [];
    const account = snapshot.connections.find((c) => c.name === connection)?.accountKey ?? '';
    return [
      {
        entity: account,
        related: billing.map((a) => a._key).sort(),
        fields: {
          billingAdministrators: billing.length,
          maxBillingAdministrators: options.maxBillingAdministrators,
        },
        message: `${billing.length} administrators have the Billing role, more than ${options.maxBillingAdministrators}`,
      },
    ];
  },
});

/** The JumpCloud account-use checks. */
export const jumpcloudAccessChecks: readonly AnyPostureCheck[] = [
  userSudoAllSystems,
  userAccountLocked,
  userBadLogins,
  userPasswordOld,
  adminApiKey,
  tooManyBillingAdmins,
];
