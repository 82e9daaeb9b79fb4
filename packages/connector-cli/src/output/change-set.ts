import type { ChangeSet } from '@org/connector-core';
import { accountJson } from './account-json.js';

/** A change set as `poll --json` prints it: one line per run. */
export function changeSetJson(set: ChangeSet) {
  return {
    connection: set.connection,
    vendor: set.vendor,
    kind: set.kind,
    run: set.run,
    startedAt: set.startedAt.toISOString(),
    finishedAt: set.finishedAt.toISOString(),
    total: set.total,
    previousTotal: set.previousTotal ?? null,
    skipped: set.skipped,
    added: set.added.map((a) => accountJson(a.account, false)),
    changed: set.changed.map((c) => ({
      ...accountJson(c.account, false),
      fields: c.fields,
      previous: {
        email: c.previous.email,
        name: c.previous.name ?? null,
        status: c.previous.status,
      },
    })),
    removed: set.removed.map((r) => ({
      connection: set.connection,
      vendor: set.vendor,
      id: r.id,
      email: r.previous.email,
      name: r.previous.name ?? null,
      status: r.previous.status,
    })),
  };
}

/** The same as text: a heading for the run, then one line per change. */
export function changeSetText(set: ChangeSet): string {
  const head = `${set.finishedAt.toISOString()} ${set.connection} run ${set.run}`;
  if (set.kind === 'baseline') return `${head}: baseline of ${set.total} accounts`;
  if (set.kind === 'baseline-lost') {
    return `${head}: BASELINE LOST, the state store lost the previous snapshot; new baseline of ${set.total} accounts (changes since the last run were not reported)`;
  }
  const lines = [
    `${head}: ${set.added.length} added, ${set.changed.length} changed, ${set.removed.length} removed (${set.total} accounts)`,
  ];
  for (const { account } of set.added) lines.push(`  + ${account.email} (${account.status})`);
  for (const { previous, account, fields } of set.changed) {
    const detail = fields.map((f) =>
      f === 'raw'
        ? 'other fields'
        : `${f}: ${String(previous[f] ?? '-')} → ${String(account[f] ?? '-')}`,
    );
    lines.push(`  ~ ${account.email} ${detail.join(', ')}`);
  }
  for (const { previous } of set.removed) lines.push(`  - ${previous.email}`);
  return lines.join('\n');
}
