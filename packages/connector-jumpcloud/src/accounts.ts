import type { SaasAccount, SaasAccountStatus } from '@org/connector-core';
import type { SystemUser } from './schemas/user.js';

/**
 * The account status of a system user: `ACTIVATED` → active, `SUSPENDED` → suspended, `STAGED` →
 * pending. Users without a `state` (older records) are read from `suspended` and `activated`.
 *
 * @param user - A validated system user.
 * @returns The shared status.
 */
export function accountStatus(user: SystemUser): SaasAccountStatus {
  switch (user.state) {
    case 'ACTIVATED':
      return 'active';
    case 'SUSPENDED':
      return 'suspended';
    case 'STAGED':
      return 'pending';
    default:
      if (user.suspended === true) return 'suspended';
      return user.activated === false ? 'pending' : 'active';
  }
}

/**
 * Builds the shared `SaasAccount` of a system user: email lowercased and trimmed, name from
 * `displayname` or first and last name, the validated user as `raw`.
 *
 * @param user - A validated system user.
 * @param connection - Name of the connection it was read through.
 * @returns The account.
 */
export function toSaasAccount(user: SystemUser, connection: string): SaasAccount {
  const full = [user.firstname, user.lastname]
    .filter((s) => typeof s === 'string' && s.trim() !== '')
    .join(' ');
  const name = user.displayname?.trim() || full.trim() || user.username?.trim() || undefined;
  const created = user.created ? new Date(user.created) : undefined;
  return {
    vendor: 'jumpcloud',
    connection,
    id: user._id,
    email: user.email.trim().toLowerCase(),
    name,
    status: accountStatus(user),
    createdAt: created && !Number.isNaN(created.getTime()) ? created : undefined,
    raw: user,
  };
}
