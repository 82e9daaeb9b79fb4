// Verify each connection, then read every account with a progress line, keeping the inventory
// fields and the fingerprint the poller will compare the next run with.
import {
  type AccountFingerprint,
  fingerprintAccount,
  type Snapshot,
  type VerifyResult,
} from '@org/connector-core';
import type { Connection } from './connections.ts';
import { type InventoryAccount, toInventoryAccount } from './inventory.ts';
import type { Output } from './output.ts';

/** What verifying and reading one connection found. */
export interface SyncedConnection extends Connection {
  verified: VerifyResult;
  verifyMs: number;
  accounts: InventoryAccount[];
  pages: number;
  syncMs: number;
  /** The first sync as a poller snapshot, so the poll after it reports a delta. */
  baseline: Snapshot;
}

/** Counts pages per vendor from connector events, for the progress line. */
export interface PageCounter {
  pages(vendor: string): number;
}

const pad = (s: string) => s.padEnd(10);

/** Checks the credentials of one connection, printing the result. */
export async function verifyConnection(
  c: Connection,
  out: Output,
): Promise<{ verified: VerifyResult; ms: number }> {
  const started = performance.now();
  const verified = await c.connector.verify();
  const ms = performance.now() - started;
  const details = Object.entries(verified.details ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  out.line(
    `  ✓ ${pad(c.vendor)} ${c.source.padEnd(11)} ${verified.connection}${details ? ` (${details})` : ''}  ${ms.toFixed(0)} ms`,
  );
  return { verified, ms };
}

/** Reads every account of one connection, showing progress as pages arrive. */
export async function syncConnection(
  c: Connection,
  verified: VerifyResult,
  out: Output,
  counter: PageCounter,
): Promise<Omit<SyncedConnection, keyof Connection | 'verified' | 'verifyMs'>> {
  const started = performance.now();
  const firstPage = counter.pages(c.vendor);
  const takenAt = new Date();
  const total = verified.details?.users;
  const accounts: InventoryAccount[] = [];
  const fingerprints = new Map<string, AccountFingerprint>();
  for await (const account of c.connector.accounts()) {
    accounts.push(toInventoryAccount(account));
    fingerprints.set(account.id, fingerprintAccount(account));
    if (accounts.length % 50 === 0) {
      const of = typeof total === 'number' ? ` (${total} users listed)` : '';
      out.progress(`  … ${pad(c.vendor)} ${accounts.length} accounts read${of}`);
    }
  }
  const syncMs = performance.now() - started;
  const pages = counter.pages(c.vendor) - firstPage;
  // A vendor may list users that are no account: Hexnode's built-in "Default User" has no email.
  const notAccounts = typeof total === 'number' ? total - accounts.length : 0;
  const why =
    notAccounts > 0
      ? `  (${total} users listed; ${notAccounts} without an email ${notAccounts === 1 ? 'is' : 'are'} not ${notAccounts === 1 ? 'an account' : 'accounts'})`
      : '';
  out.line(
    `  ✓ ${pad(c.vendor)} ${String(accounts.length).padStart(5)} accounts  ${pages} page${pages === 1 ? '' : 's'}  ${syncMs.toFixed(0)} ms${why}`,
  );
  return {
    accounts,
    pages,
    syncMs,
    baseline: {
      connection: c.connector.name,
      vendor: c.connector.vendor,
      takenAt,
      accounts: fingerprints,
    },
  };
}
