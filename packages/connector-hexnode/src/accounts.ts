import type { SaasAccount } from '@org/connector-core';
import { accountEmail, type InvalidField } from '@org/connector-core/kit';
import type { HexnodeUser } from './schemas/user.js';

/**
 * Turns a Hexnode user into the shared `SaasAccount` shape, email lowercased. A user whose email is
 * `null` or empty (the portal's "Default User") is no account and gives `undefined`; a user without
 * an `email` field at all means Hexnode's response changed shape, and gives an `InvalidField`
 * (core kit) so the run fails instead of reporting every user removed.
 */
export function toHexnodeAccount(
  user: HexnodeUser,
  connection: string,
): SaasAccount | InvalidField | undefined {
  const email = accountEmail(user.email);
  if (typeof email !== 'string') return email;
  return {
    vendor: 'hexnode',
    connection,
    id: String(user.id),
    email,
    name: user.name ?? undefined,
    status: 'active',
    createdAt: undefined,
    raw: user,
  };
}
