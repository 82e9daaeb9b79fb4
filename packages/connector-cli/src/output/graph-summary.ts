import { countByType, type GraphSnapshot } from '@org/connector-graph';

/** What `graph --json` prints: when, whether complete, counts and each resource's status. */
export function graphSummary(snapshot: GraphSnapshot, files: readonly string[]) {
  const counts = countByType(snapshot);
  return {
    takenAt: snapshot.takenAt.toISOString(),
    complete: snapshot.complete,
    connections: snapshot.connections.map((c) => ({
      name: c.name,
      vendor: c.vendor,
      identity: c.identity ?? null,
    })),
    entities: snapshot.entities.size,
    relationships: snapshot.relationships.size,
    counts,
    resources: snapshot.resources,
    files,
  };
}

/** The same as text: resource statuses, then counts per type. */
export function graphText(snapshot: GraphSnapshot, files: readonly string[]): string {
  const { entities, relationships } = countByType(snapshot);
  const rows = (counts: Record<string, number>) =>
    Object.entries(counts).map(([type, n]) => `  ${String(n).padStart(6)}  ${type}`);
  const resources = snapshot.resources.map(
    (r) =>
      `  ${r.complete ? 'ok        ' : 'INCOMPLETE'}  ${r.source.padEnd(40)} ${r.entities} entities, ${r.relationships} edges${r.error ? `  (${r.error.code}: ${r.error.message})` : ''}`,
  );
  return [
    `graph of ${snapshot.connections.length} connections at ${snapshot.takenAt.toISOString()}${snapshot.complete ? '' : ' (INCOMPLETE)'}`,
    ...resources,
    `entities (${snapshot.entities.size}):`,
    ...rows(entities),
    `relationships (${snapshot.relationships.size}):`,
    ...rows(relationships),
    ...(files.length > 0 ? [`wrote ${files.join(', ')}`] : []),
  ].join('\n');
}
