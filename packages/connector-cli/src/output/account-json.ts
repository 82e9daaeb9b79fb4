import type { SaasAccount } from '@org/connector-core';

/** An account as `--json` prints it: the shared shape, the vendor object only when asked for. */
export function accountJson(account: SaasAccount, raw: boolean): Record<string, unknown> {
  return {
    connection: account.connection,
    vendor: account.vendor,
    id: account.id,
    email: account.email,
    name: account.name ?? null,
    status: account.status,
    createdAt: account.createdAt?.toISOString() ?? null,
    ...(raw ? { raw: account.raw } : {}),
  };
}
