// The unified inventory: every account per connection, and the people the device tools know who
// have no account in the identity directory (the "unmanaged accounts" a SaaS-management product
// surfaces). People are joined across vendors by @org/connector-graph's joinPeople.
import type { SaasAccount } from '@org/connector-core';
import { joinPeople } from '@org/connector-graph';
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
  /** Device-tool accounts joined to a directory account by (normalised) email. */
  matched: { byEmail: number };
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

  // One person per normalised email (case and +tags ignored); managed when one of their accounts
  // is in the directory.
  const people = joinPeople(accounts, { directories: [DIRECTORY] });
  const matched = { byEmail: 0 };
  const unmanaged: UnmanagedPerson[] = [];
  for (const person of people) {
    const tools = person.accounts.filter((a) => a.vendor !== DIRECTORY);
    if (person.directory) {
      matched.byEmail += tools.length;
      continue;
    }
    unmanaged.push({
      name: tools.find((a) => a.name)?.name,
      emails: [...new Set(tools.map((a) => a.email))],
      accounts: tools,
    });
  }
  const sorted = unmanaged.sort((x, y) =>
    (x.name ?? x.emails[0] ?? '').localeCompare(y.name ?? y.emails[0] ?? ''),
  );
  return { connections: summaries, unmanaged: sorted, matched, accounts: [...accounts] };
}
