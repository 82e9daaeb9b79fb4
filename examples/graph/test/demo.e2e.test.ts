import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../src/demo.ts';

let outDir: string;
let result: DemoResult;
const lines: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'graph-demo-'));
  result = await runDemo({ seed: 7, outDir, log: (line) => lines.push(line) });
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the graph example', () => {
  it('builds a complete baseline of the three sandboxes and prints its counts', () => {
    expect(result.baseline.status).toBe('baseline');
    expect(result.baseline.snapshot.complete).toBe(true);
    const output = lines.join('\n');
    expect(output).toContain('   40  jumpcloud_user');
    expect(output).toContain('   40  jumpcloud_group_has_user');
    expect(output).toContain('accounts with no directory person: 6');
  });

  it('writes every export, one NDJSON line per entity and relationship', async () => {
    const snapshot = result.baseline.snapshot;
    const ndjson = (await readFile(join(outDir, 'graph.ndjson'), 'utf8')).trim().split('\n');
    expect(ndjson).toHaveLength(snapshot.entities.size + snapshot.relationships.size);
    const jgf = JSON.parse(await readFile(join(outDir, 'graph.jgf.json'), 'utf8'));
    expect(Object.keys(jgf.graph.nodes)).toHaveLength(snapshot.entities.size);
    const graphml = await readFile(join(outDir, 'graph.graphml'), 'utf8');
    expect(graphml.match(/<edge /g)).toHaveLength(snapshot.relationships.size);
    expect(await readFile(join(outDir, 'person.mmd'), 'utf8')).toMatch(/^flowchart LR\n/);
  });

  it('shows the department change, the new membership and the offboarding in the change feed', () => {
    const { changes } = result.after;
    const { department, hire, offboarded } = result.changed;
    expect(result.after.status).toBe('changes');
    expect(changes.entities.changed).toContainEqual(
      expect.objectContaining({ key: `jumpcloud:user:${department}`, fields: ['department'] }),
    );
    expect(
      changes.relationships.added.filter(
        (r) =>
          r._type === 'jumpcloud_group_has_user' && r._toEntityKey === `jumpcloud:user:${hire}`,
      ),
    ).toHaveLength(1);
    expect(changes.entities.removed.map((e) => e._key)).toEqual([`jumpcloud:user:${offboarded}`]);
    expect(lines.join('\n')).toContain('department: "Operations" → "Security"');
  });
});
