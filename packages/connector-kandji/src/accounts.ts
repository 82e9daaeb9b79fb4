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

/** Turns a Kandji user into the shared `SaasAccount` shape. */
export function toSaasAccount(user: KandjiUser, connection: string): SaasAccount {
  return {
    vendor: 'kandji',
    connection,
    id: user.id,
    // Directory users carry an email; an empty string marks the rare one that does not.
    email: (user.email ?? '').trim().toLowerCase(),
    name: user.name ?? undefined,
    status: kandjiAccountStatus(user),
    createdAt: user.created_at ?? undefined,
    raw: user,
  };
}
