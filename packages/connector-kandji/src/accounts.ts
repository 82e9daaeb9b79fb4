import type { SaasAccount, SaasAccountStatus } from '@org/connector-core';
import type { KandjiUser } from './schemas/user.js';

/** The lifecycle status of a Kandji user in the shared vocabulary. */
export function kandjiAccountStatus(
  user: Pick<KandjiUser, 'active' | 'archived'>,
): SaasAccountStatus {
  if (user.archived) return 'archived';
  if (!user.active) return 'suspended';
  return 'active';
}

/**
 * Turns a Kandji user into the shared `SaasAccount` shape, or `undefined` for a user without an
 * email: like Hexnode's "Default User", it is no SaaS account, and an empty email would collide
 * with every other one wherever accounts are matched by email. `users.list()` still returns it.
 */
export function toSaasAccount(user: KandjiUser, connection: string): SaasAccount | undefined {
  const email = user.email?.trim().toLowerCase();
  if (!email) return undefined;
  return {
    vendor: 'kandji',
    connection,
    id: user.id,
    email,
    name: user.name ?? undefined,
    status: kandjiAccountStatus(user),
    createdAt: user.created_at ?? undefined,
    raw: user,
  };
}
