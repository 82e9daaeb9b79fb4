// The unified inventory: every account per connection, and the people the device tools know who
// have no account in the identity directory (the "unmanaged accounts" a SaaS-management product
// surfaces).
import type { SaasAccount } from '@org/connector-core';
import { DIRECTORY, type Vendor } from './vendors.ts';

/** What the inventory keeps of an account: no vendor object, no secrets. */
export interface InventoryAccount {
  vendor: string;
  connection: string;
  id: string;
  email: string;
  name: string | undefined;
  status: string;
}

/** A person found in a device tool with no directory account. */
export interface UnmanagedPerson {
  /** Display name, when a vendor gave one. */
  name: string | undefined;
  /** Emails the person's accounts carry. */
  emails: string[];
  /** The accounts, one per connection that holds the person. */
  accounts: InventoryAccount[];
}

/** Accounts of one connection, and how many have each status. */
export interface ConnectionSummary {
  vendor: string;
  connection: string;
  accounts: number;
  byStatus: Record<string, number>;
}

/** The inventory of every connection. */
export interface Inventory {
  connections: ConnectionSummary[];
  /** People in Hexnode or Kandji without a JumpCloud account, by name. */
  unmanaged: UnmanagedPerson[];
  /** How device-tool accounts were matched to directory accounts. */
  matched: { byEmail: number; byName: number };
  accounts: InventoryAccount[];
}

/** Drops the vendor object: the inventory is the shared shape only. */
export function toInventoryAccount(a: SaasAccount): InventoryAccount {
  return {
    vendor: a.vendor,
    connection: a.connection,
    id: a.id,
    email: a.email,
    name: a.name,
    status: a.status,
  };
}

/**
 * A name for matching: case, accents and spacing do not count. Tenants often use several email
 * domains (a device tool may hold an old or personal address), so a person is matched by email
 * first and by display name when the emails differ.
 */
export function nameKey(name: string | undefined): string | undefined {
  const key = name
    ?.normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return key || undefined;
}

/**
 * Builds the inventory from the accounts of every connection.
 *
 * @param connections - Each connection's vendor and name, in display order (so connections with
 *   no accounts are still listed).
 * @param accounts - Every account read.
 */
export function buildInventory(
  connections: ReadonlyArray<{ vendor: Vendor | string; connection: string }>,
  accounts: readonly InventoryAccount[],
): Inventory {
  const summaries = connections.map((c): ConnectionSummary => {
    const mine = accounts.filter((a) => a.connection === c.connection);
    const byStatus: Record<string, number> = {};
    for (const a of mine) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    return { vendor: c.vendor, connection: c.connection, accounts: mine.length, byStatus };
  });

  const directory = accounts.filter((a) => a.vendor === DIRECTORY);
  const emails = new Set(directory.map((a) => a.email).filter((e) => e !== ''));
  const names = new Set(directory.flatMap((a) => nameKey(a.name) ?? []));
  const matched = { byEmail: 0, byName: 0 };
  const unmanaged = new Map<string, UnmanagedPerson>();
  for (const a of accounts) {
    if (a.vendor === DIRECTORY) continue;
    const key = nameKey(a.name);
    if (a.email !== '' && emails.has(a.email)) {
      matched.byEmail++;
      continue;
    }
    if (key !== undefined && names.has(key)) {
      matched.byName++;
      continue;
    }
    // One entry per person: accounts in Hexnode and Kandji with the same name are one person.
    const personKey = key ?? a.email;
    const person = unmanaged.get(personKey) ?? { name: a.name, emails: [], accounts: [] };
    if (a.email !== '' && !person.emails.includes(a.email)) person.emails.push(a.email);
    person.accounts.push(a);
    unmanaged.set(personKey, person);
  }
  const sorted = [...unmanaged.values()].sort((x, y) =>
    (x.name ?? x.emails[0] ?? '').localeCompare(y.name ?? y.emails[0] ?? ''),
  );
  return { connections: summaries, unmanaged: sorted, matched, accounts: [...accounts] };
}
