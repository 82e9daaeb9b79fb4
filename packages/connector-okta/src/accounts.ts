import type { SaasAccount, SaasAccountStatus } from '@org/connector-core';
import { accountEmail, type InvalidField, invalidField } from '@org/connector-core/kit';
import type { OktaUser, OktaUserStatus } from './schemas/user.js';

const text = (value: string | null | undefined): string | undefined => value?.trim() || undefined;

/**
 * An Okta lifecycle state in the shared vocabulary: STAGED and PROVISIONED (created, not yet
 * signed in with a password) are `pending`; ACTIVE, RECOVERY, PASSWORD_EXPIRED and LOCKED_OUT
 * can still reach their account and are `active`; SUSPENDED is `suspended`; DEPROVISIONED
 * (deactivated) is `archived`.
 */
export function oktaAccountStatus(status: OktaUserStatus): SaasAccountStatus {
  switch (status) {
    case 'STAGED':
    case 'PROVISIONED':
      return 'pending';
    case 'SUSPENDED':
      return 'suspended';
    case 'DEPROVISIONED':
      return 'archived';
    default:
      return 'active';
  }
}

/**
 * Turns an Okta user into the shared `SaasAccount`, its email from `profile.email`. A profile whose
 * `email` is `null` or empty (a custom profile) is no account and gives `undefined`; a profile
 * without the field at all means Okta's response changed shape and gives an `InvalidField`, so
 * the run fails instead of reporting removals. `lastLoginAt` is Okta's `lastLogin` (undefined
 * for a user who never signed in); MFA is not on the user object (see `users.factors(id)`).
 */
export function toOktaAccount(
  user: OktaUser,
  connection: string,
): SaasAccount | InvalidField | undefined {
  // Absent (not null): the profile changed shape; the field is named where Okta keeps it.
  if (user.profile.email === undefined) {
    return invalidField('profile.email', undefined, 'string or null');
  }
  const email = accountEmail(user.profile.email);
  if (typeof email !== 'string') return email;
  const p = user.profile;
  const name =
    text(p.displayName) ??
    ([text(p.firstName), text(p.lastName)].filter(Boolean).join(' ') || undefined);
  return {
    vendor: 'okta',
    connection,
    id: user.id,
    email,
    name,
    status: oktaAccountStatus(user.status),
    createdAt: user.created,
    lastLoginAt: user.lastLogin ?? undefined,
    department: text(p.department),
    title: text(p.title),
    externalId: text(p.employeeNumber),
    raw: user,
  };
}
