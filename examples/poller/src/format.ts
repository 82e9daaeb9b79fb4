// Turns change sets and poller events into the lines the example prints.
import type { ChangeSet, PollerEvent } from '@org/connector-core';

const time = (d: Date) => d.toISOString().slice(11, 19);

/** One line per change, under a heading for the run. */
export function formatChangeSet(set: ChangeSet): string {
  const head = `[${time(set.finishedAt)}] ${set.connection} run ${set.run}`;
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

/** The events worth a line of their own (changes are printed from the change set). */
export function formatEvent(e: PollerEvent): string | undefined {
  switch (e.type) {
    case 'progress':
      return e.baseline ? `  baseline: ${e.seen} accounts read` : undefined;
    case 'scheduled':
      return `  next run at ${e.nextRunAt.toISOString()}${e.reason === 'interval' ? '' : ` (${e.reason})`}`;
    case 'run-failed': {
      const message = e.error instanceof Error ? e.error.message : String(e.error);
      return `  run ${e.run} failed, nothing saved: ${message}`;
    }
    case 'budget-warning':
      return `  budget: ${e.message}`;
    case 'stopped':
      return e.reason === 'needs-user-action'
        ? `stopped: a person must ${e.userAction?.replace('_', ' ')} (${e.error?.message})`
        : `stopped (${e.reason})`;
    default:
      return undefined;
  }
}
