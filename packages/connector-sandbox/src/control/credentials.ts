import { randomBytes } from 'node:crypto';

/** Who a secret belongs to and what it may do. */
export interface Principal {
  /** Vendor permission names (or JumpCloud role names); `'*'` allows everything. */
  permissions: ReadonlySet<string> | '*';
  /** JumpCloud: a multi-tenant (MSP) administrator, who must send `x-org-id`. */
  multiTenant: boolean;
  /** The key this principal came from (service-account tokens point at their account). */
  owner: string;
}

/** Secrets a sandbox accepts. Revoking an owner revokes the tokens issued to it. */
export class CredentialStore {
  readonly #principals = new Map<string, Principal>();

  add(
    secret: string,
    o: { permissions?: readonly string[]; multiTenant?: boolean; owner?: string },
  ): void {
    const p = o.permissions;
    this.#principals.set(secret, {
      permissions: p === undefined || p.includes('*') ? '*' : new Set(p),
      multiTenant: o.multiTenant ?? false,
      owner: o.owner ?? secret,
    });
  }

  get(secret: string | undefined): Principal | undefined {
    if (!secret) return undefined;
    const p = this.#principals.get(secret);
    if (!p) return undefined;
    // A token outlives nothing: its account must still exist.
    if (p.owner !== secret && !this.#principals.has(p.owner)) return undefined;
    return p;
  }

  revoke(secret: string): void {
    this.#principals.delete(secret);
  }
}

/** A random secret: `prefix` + `bytes` of hex. */
export function secret(bytes: number, prefix = ''): string {
  return prefix + randomBytes(bytes).toString('hex');
}

/** Normalises a permission name for comparison: case, spacing and `>` vs `›`. */
export function normalizePermission(name: string): string {
  return name.replace(/>/g, '›').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether `principal` holds `permission` (one of the names in `anyOf`). */
export function allows(principal: Principal, anyOf: readonly string[]): boolean {
  if (principal.permissions === '*') return true;
  const held = new Set([...principal.permissions].map(normalizePermission));
  return anyOf.some((p) => held.has(normalizePermission(p)));
}
