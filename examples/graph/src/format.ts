// Text for the terminal: counts per type and edge, resource statuses, the change feed.
import { countByType, type GraphChanges, type GraphSnapshot } from '@org/connector-graph';

export function formatCounts(snapshot: GraphSnapshot): string {
  const { entities, relationships } = countByType(snapshot);
  const rows = (counts: Record<string, number>) =>
    Object.entries(counts).map(([type, n]) => `  ${String(n).padStart(5)}  ${type}`);
  return [
    `entities (${snapshot.entities.size}):`,
    ...rows(entities),
    `relationships (${snapshot.relationships.size}):`,
    ...rows(relationships),
  ].join('\n');
}

export function formatResources(snapshot: GraphSnapshot): string {
  return snapshot.resources
    .map(
      (r) =>
        `  ${r.complete ? 'ok        ' : 'INCOMPLETE'}  ${r.source.padEnd(36)} ${r.entities} entities, ${r.relationships} edges${r.error ? `  (${r.error.code}: ${r.error.message})` : ''}`,
    )
    .join('\n');
}

export function formatChanges(changes: GraphChanges): string {
  const lines: string[] = [];
  for (const e of changes.entities.added) lines.push(`  + ${e._type} ${e.displayName} (${e._key})`);
  for (const c of changes.entities.changed) {
    const detail = c.fields.map(
      (f) => `${f}: ${JSON.stringify(c.previous[f])} → ${JSON.stringify(c.current[f])}`,
    );
    lines.push(`  ~ ${c.current._type} ${c.current.displayName}: ${detail.join(', ')}`);
  }
  for (const e of changes.entities.removed)
    lines.push(`  - ${e._type} ${e.displayName} (${e._key})`);
  for (const r of changes.relationships.added) lines.push(`  + edge ${r._type}: ${r._key}`);
  for (const r of changes.relationships.removed) lines.push(`  - edge ${r._type}: ${r._key}`);
  if (changes.withheld.length > 0)
    lines.push(`  (removals withheld for ${changes.withheld.join(', ')})`);
  return lines.length > 0 ? lines.join('\n') : '  (no changes)';
}
