import { describe, expect, it } from 'vitest';
import { fixtureGraph } from '../../test/graph-fixture.js';
import { toGraphML } from './graphml.js';
import { toJsonGraph } from './json-graph.js';
import { toMermaid } from './mermaid.js';
import { toNdjson } from './ndjson.js';
import { subgraph } from './subgraph.js';

const reversed = () => {
  const g = fixtureGraph();
  return {
    ...g,
    entities: new Map([...g.entities].reverse()),
    relationships: new Map([...g.relationships].reverse()),
  };
};

describe('exports', () => {
  it('writes NDJSON in one stable order whatever the insertion order', () => {
    const lines = [...toNdjson(fixtureGraph())];
    expect([...toNdjson(reversed())]).toEqual(lines);
    expect(lines.map((l) => JSON.parse(l)._key)).toEqual([
      'jc:account:org',
      'jc:group:g1',
      'jc:user:u1',
      'jc:user:u2',
      'jc:account:org|has|jc:user:u1',
      'jc:account:org|has|jc:user:u2',
      'jc:group:g1|has|jc:user:u1',
    ]);
    expect(lines[2]).toBe(
      '{"_class":["User"],"_key":"jc:user:u1","_kind":"user","_source":"jc/users","_type":"jumpcloud_user","department":"R&D","displayName":"u1","email":"ada@acme.com","name":"u1"}\n',
    );
  });

  it('writes JSON Graph Format with nodes by key and verbs as relations', () => {
    const { graph } = toJsonGraph(fixtureGraph());
    expect(Object.keys(graph.nodes)).toHaveLength(4);
    expect(graph.nodes['jc:user:u1']).toMatchObject({
      label: 'u1',
      metadata: { email: 'ada@acme.com' },
    });
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ source: 'jc:group:g1', target: 'jc:user:u1', relation: 'HAS' }),
    );
  });

  it('writes GraphML with escaped text', () => {
    const xml = [...toGraphML(fixtureGraph())].join('');
    expect(xml).toContain('<node id="jc:user:u1"><data key="label">u1</data>');
    expect(xml).toContain(
      '<edge id="jc:group:g1|has|jc:user:u1" source="jc:group:g1" target="jc:user:u1">',
    );
    expect(xml.match(/<node /g)).toHaveLength(4);
    const g = fixtureGraph({ users: [{ id: '<&>', email: null }], members: [] });
    expect([...toGraphML(g)].join('')).toContain('jc:user:&#60;&#38;&#62;');
  });

  it('draws a small graph as a Mermaid flowchart and refuses a big one', () => {
    const chart = toMermaid(subgraph(fixtureGraph(), ['jc:group:g1']));
    expect(chart).toBe(
      [
        'flowchart LR',
        '  n0["Engineers<br/><small>jumpcloud_group</small>"]',
        '  n1["u1<br/><small>jumpcloud_user</small>"]',
        '  n0 -->|HAS| n1',
        '',
      ].join('\n'),
    );
    expect(() => toMermaid(fixtureGraph(), { maxEntities: 3 })).toThrow(RangeError);
  });
});
