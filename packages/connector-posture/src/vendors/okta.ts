// Okta: its checks and the API call behind each resource the graph reads. Okta keeps MFA and
// admin roles off the user object: the graph reads each user's factors and role assignments
// (`mfaEnabled`, `mfaFactors`, `isAdmin`, `adminRoles` on `okta_user`).
import type { GraphEntity } from '@org/connector-graph';
import { cis, iso, soc2 } from '../checks/helpers.js';
import { type CheckInput, defineCheck } from '../model/check.js';
import type { VendorPosture } from './vendor-posture.js';

const PEOPLE = 'Okta Admin Console › Directory › People › (user)';
const ADMINS = 'Okta Admin Console › Security › Administrators';

/** Users Okta lets sign in (status ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT or RECOVERY). */
const SIGNS_IN = new Set(['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY']);
const canSignIn = (u: GraphEntity) => SIGNS_IN.has(String(u.status));
const isAdmin = (u: GraphEntity) => u.isAdmin === true && u.status !== 'DEPROVISIONED';
const roles = (u: GraphEntity) => (Array.isArray(u.adminRoles) ? u.adminRoles.map(String) : []);

const usersWhoSignIn = ({ entities }: CheckInput) => entities('user').filter(canSignIn);
const adminsWhoSignIn = ({ entities }: CheckInput) =>
  entities('user').filter((u) => canSignIn(u) && isAdmin(u));

const withoutFactor = (users: GraphEntity[], message: (u: GraphEntity) => string) =>
  users
    .filter((u) => u.mfaEnabled !== true)
    .map((u) => ({
      entity: u._key,
      fields: { status: u.status, mfaEnabled: u.mfaEnabled, mfaFactors: u.mfaFactors ?? [] },
      message: message(u),
    }));

export const oktaUserMfaNotEnrolled = defineCheck({
  id: 'okta.user.mfa_not_enrolled',
  title: 'Okta user who can sign in has no MFA factor',
  severity: 'high',
  vendor: 'okta',
  rationale:
    'Okta is the door to every application it signs people in to: a user without an enrolled factor opens it with a password alone.',
  remediation: {
    text: 'Require a factor in the authenticator enrollment policy and have the user enrol Okta Verify, WebAuthn or another phishing-resistant factor.',
    console: `${PEOPLE} › More Actions › Reset Multifactor; Security › Authenticators › Enrollment`,
  },
  frameworks: [...cis('6.3', '6.5'), ...soc2('CC6.1', 'CC6.6'), ...iso('A.8.5')],
  reads: [{ resource: 'factors', kind: 'user', fields: ['mfaEnabled'] }],
  metric: 'mfa',
  subjects: usersWhoSignIn,
  evaluate: (input) =>
    withoutFactor(usersWhoSignIn(input), (u) => `${u.displayName} has no MFA factor enrolled`),
});

export const oktaAdminMfaNotEnrolled = defineCheck({
  id: 'okta.admin.mfa_not_enrolled',
  title: 'Okta administrator has no MFA factor',
  severity: 'critical',
  vendor: 'okta',
  rationale:
    'An administrator can change every user, policy and application of the org; on a password alone, one phished password hands all of it over.',
  remediation: {
    text: 'Have the administrator enrol a phishing-resistant factor now, and require MFA for the Admin Console in its app sign-on policy.',
    console: `${PEOPLE}; Security › Authentication Policies › Okta Admin Console`,
  },
  frameworks: [...cis('6.5'), ...soc2('CC6.1', 'CC6.3'), ...iso('A.8.2', 'A.8.5')],
  reads: [
    { resource: 'factors', kind: 'user', fields: ['mfaEnabled'] },
    { resource: 'roles', kind: 'user', fields: ['isAdmin'] },
  ],
  subjects: adminsWhoSignIn,
  evaluate: (input) =>
    withoutFactor(
      adminsWhoSignIn(input),
      (u) => `${u.displayName} holds ${roles(u).join(', ')} with no MFA factor enrolled`,
    ),
});

export const oktaTooManyAdmins = defineCheck<{ maxAdministrators: number }>({
  id: 'okta.admin.too_many',
  title: 'More Okta administrators than the baseline',
  severity: 'medium',
  vendor: 'okta',
  rationale:
    'Each administrator is a way into every application Okta signs people in to; keep the number small and known.',
  remediation: {
    text: 'Remove admin roles from people who do not need the Admin Console, or give them a narrower role (Read-only, Help Desk, a custom role).',
    console: ADMINS,
  },
  frameworks: [...cis('5.4'), ...soc2('CC6.3'), ...iso('A.8.2')],
  reads: [{ resource: 'roles', kind: 'user', fields: ['isAdmin'] }],
  defaults: { maxAdministrators: 4 },
  evaluate: ({ entities, options, snapshot, connection }) => {
    const admins = entities('user').filter((u) => isAdmin(u) && u.status !== 'SUSPENDED');
    if (admins.length <= options.maxAdministrators) return [];
    const account = snapshot.connections.find((c) => c.name === connection)?.accountKey ?? '';
    const superAdmins = admins.filter((u) => roles(u).includes('SUPER_ADMIN'));
    return [
      {
        entity: account,
        related: admins.map((u) => u._key).sort(),
        fields: {
          administrators: admins.length,
          superAdministrators: superAdmins.length,
          maxAdministrators: options.maxAdministrators,
        },
        message: `${admins.length} users hold admin roles, more than ${options.maxAdministrators}`,
      },
    ];
  },
});

/** Okta's posture: its checks and the API calls behind its resources. */
export const okta: VendorPosture = {
  checks: [oktaUserMfaNotEnrolled, oktaAdminMfaNotEnrolled, oktaTooManyAdmins],
  apiPaths: {
    users: 'GET /api/v1/users',
    factors: 'GET /api/v1/users/{id}/factors',
    roles: 'GET /api/v1/users/{id}/roles',
    groups: 'GET /api/v1/groups',
    groupMembers: 'GET /api/v1/groups/{id}/users',
  },
};
