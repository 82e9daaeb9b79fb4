import type { SaasAccount, SaasAccountStatus } from '@org/connector-core';
import type { SystemUserAccount } from './schemas/user.js';

/**
 * The account status of a system user: `ACTIVATED` → active, `SUSPENDED` → suspended, `STAGED` →
 * pending. Users without a `state` (older records), or with one JumpCloud added later, are read
 * from `suspended` and `activated`.
 *
 * @param user - A validated system user.
 * @returns The shared status.
 */
export function accountStatus(user: SystemUserAccount): SaasAccountStatus {
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
export function toSaasAccount(user: SystemUserAccount, connection: string): SaasAccount {
  const name = user.displayname?.trim() || fullName(user) || user.username?.trim() || undefined;
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

/** First and last name joined, or an empty string. */
function fullName(user: SystemUserAccount): string {
  const first = user.firstname?.trim() ?? '';
  const last = user.lastname?.trim() ?? '';
  return first && last ? `${first} ${last}` : first || last;
}
