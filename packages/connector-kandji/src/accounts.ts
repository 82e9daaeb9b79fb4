import type { SaasAccount, SaasAccountStatus } from '@org/connector-core';
import { accountEmail, type InvalidField } from '@org/connector-core/kit';
import type { KandjiUser } from './schemas/user.js';

const text = (value: string | null): string | undefined => value?.trim() || undefined;

/** The lifecycle status of a Kandji user in the shared vocabulary. */
export function kandjiAccountStatus(
  user: Pick<KandjiUser, 'active' | 'archived'>,
): SaasAccountStatus {
  if (user.archived) return 'archived';
  if (!user.active) return 'suspended';
  return 'active';
}

/**
 * Turns a Kandji user into the shared `SaasAccount` shape. A user whose email is `null` or empty is
 * no account (an empty email would collide with every other one wherever accounts are matched by
 * email) and gives `undefined`; a user without an `email` field at all means Kandji's response
 * changed shape, and gives an `InvalidField` (core kit) so the run fails instead of reporting removals.
 */
export function toKandjiAccount(
  user: KandjiUser,
  connection: string,
): SaasAccount | InvalidField | undefined {
  const email = accountEmail(user.email);
  if (typeof email !== 'string') return email;
  return {
    vendor: 'kandji',
    connection,
    id: user.id,
    email,
    name: user.name ?? undefined,
    status: kandjiAccountStatus(user),
    createdAt: user.created_at ?? undefined,
    // What the directory integration synced; Kandji keeps no sign-in, MFA, admin or external id
    // of a directory user, so those stay undefined.
    department: text(user.department),
    title: text(user.job_title),
    raw: user,
  };
}
