// The graph's exports as files, or one of them on stdout.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type GraphSnapshot, toGraphML, toJsonGraph, toNdjson } from '@org/connector-graph';
import { type TextSink, write } from '../cli/io.js';

/** The export formats `graph --format` writes to stdout. */
export const GRAPH_FORMATS = ['ndjson', 'jgf', 'graphml'] as const;

/** One of {@link GRAPH_FORMATS}. */
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** Writes NDJSON, JSON Graph Format and GraphML into `directory`; returns the paths. */
export async function writeGraphFiles(
  snapshot: GraphSnapshot,
  directory: string,
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const paths = {
    ndjson: join(directory, 'graph.ndjson'),
    jgf: join(directory, 'graph.jgf.json'),
    graphml: join(directory, 'graph.graphml'),
  };
  await pipeline(toNdjson(snapshot), createWriteStream(paths.ndjson));
  await writeFile(paths.jgf, `${JSON.stringify(toJsonGraph(snapshot), null, 2)}\n`);
  await pipeline(toGraphML(snapshot), createWriteStream(paths.graphml));
  return Object.values(paths);
}

/** Streams one export to `sink`. */
export async function printGraph(
  snapshot: GraphSnapshot,
  format: GraphFormat,
  sink: TextSink,
): Promise<void> {
  if (format === 'jgf') {
    await write(sink, `${JSON.stringify(toJsonGraph(snapshot), null, 2)}\n`);
    return;
  }
  for await (const chunk of format === 'ndjson' ? toNdjson(snapshot) : toGraphML(snapshot)) {
    await write(sink, String(chunk));
  }
}
