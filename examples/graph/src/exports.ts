// Writes the graph's exports: NDJSON, JSON Graph Format, GraphML and a Mermaid picture of one
// person's neighbourhood.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  type GraphSnapshot,
  subgraph,
  toGraphML,
  toJsonGraph,
  toMermaid,
  toNdjson,
} from '@org/connector-graph';

/** Writes the exports into `directory`; returns the paths written. */
export async function writeExports(snapshot: GraphSnapshot, directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const paths = {
    ndjson: join(directory, 'graph.ndjson'),
    jgf: join(directory, 'graph.jgf.json'),
    graphml: join(directory, 'graph.graphml'),
    mermaid: join(directory, 'person.mmd'),
  };
  await pipeline(toNdjson(snapshot), createWriteStream(paths.ndjson));
  await writeFile(paths.jgf, `${JSON.stringify(toJsonGraph(snapshot), null, 2)}\n`);
  await pipeline(toGraphML(snapshot), createWriteStream(paths.graphml));
  // The first person every vendor knows: a picture of one identity across the three tools.
  const person = [...snapshot.entities.values()].find(
    (e) => e._kind === 'person' && Array.isArray(e.vendors) && e.vendors.length === 3,
  );
  if (person) await writeFile(paths.mermaid, toMermaid(subgraph(snapshot, [person._key], 2)));
  return Object.values(paths);
}
