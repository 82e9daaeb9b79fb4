// The inventory and the poll as text.
import type { ChangeSet } from '@org/connector-core';
import type { Inventory } from './inventory.ts';

const SHOWN = 12;

/** The per-connection table and the unmanaged people. */
export function formatInventory(inventory: Inventory): string[] {
  const lines = ['  connection            accounts  by status'];
  for (const c of inventory.connections) {
    const statuses = Object.entries(c.byStatus)
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    lines.push(`  ${c.connection.padEnd(20)}  ${String(c.accounts).padStart(8)}  ${statuses}`);
  }
  lines.push(
    '',
    `  device-tool accounts matched to a JumpCloud account by email: ${inventory.matched.byEmail}`,
    `  unmanaged: ${inventory.unmanaged.length} people in Hexnode or Kandji with no JumpCloud directory account`,
  );
  for (const p of inventory.unmanaged.slice(0, SHOWN)) {
    const where = p.accounts.map(
      (a) => `${a.vendor}${a.status === 'active' ? '' : ` (${a.status})`}`,
    );
    lines.push(
      `    ${(p.name ?? '-').padEnd(24)} ${(p.emails[0] ?? '-').padEnd(38)} ${where.join(', ')}`,
    );
  }
  if (inventory.unmanaged.length > SHOWN) {
    lines.push(`    … and ${inventory.unmanaged.length - SHOWN} more in inventory.json`);
  }
  return lines;
}

/** What one poll captured. */
export function formatChangeSet(set: ChangeSet): string[] {
  const head = `  ${set.connection.padEnd(20)}  +${set.added.length} added, ${set.changed.length} changed, ${set.removed.length} removed (${set.previousTotal ?? '?'} → ${set.total} accounts)`;
  const lines = [head];
  for (const { account } of set.added) {
    lines.push(`    + ${(account.name ?? '-').padEnd(24)} ${account.email}`);
  }
  for (const { account, fields } of set.changed)
    lines.push(`    ~ ${account.email} (${fields.join(', ')})`);
  for (const { previous } of set.removed) lines.push(`    - ${previous.email}`);
  return lines;
}
