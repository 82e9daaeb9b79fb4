import { describe, expect, it } from 'vitest';
import { fixtureGraph } from '../../test/graph-fixture.js';
import { carryForward, changedFieldNames, diffGraphs } from './diff.js';

describe('diffGraphs', () => {
  it('reports nothing between equal graphs', () => {
    const changes = diffGraphs(fixtureGraph(), fixtureGraph());
    expect(changes.entities).toEqual({ added: [], changed: [], removed: [] });
    expect(changes.relationships).toEqual({ added: [], changed: [], removed: [] });
  });

  it('names the changed fields and reports added and removed items of every type', () => {
    const before = fixtureGraph();
    const after = fixtureGraph({
      users: [
        { id: 'u1', email: 'ada@acme.com', department: 'Finance' },
        { id: 'u3', email: 'cy@acme.com' },
      ],
      members: ['u3'],
    });
    const changes = diffGraphs(before, after);
    expect(changes.entities.changed.map((c) => [c.key, c.fields])).toEqual([
      ['jc:user:u1', ['department']],
    ]);
    expect(changes.entities.added.map((e) => e._key)).toEqual(['jc:user:u3']);
    expect(changes.entities.removed.map((e) => e._key)).toEqual(['jc:user:u2']);
    expect(changes.relationships.added.map((r) => r._key)).toEqual([
      'jc:account:org|has|jc:user:u3',
      'jc:group:g1|has|jc:user:u3',
    ]);
    expect(changes.relationships.removed.map((r) => r._key)).toEqual([
      'jc:account:org|has|jc:user:u2',
      'jc:group:g1|has|jc:user:u1',
    ]);
    expect(changes.withheld).toEqual([]);
  });

  it('never turns the missing items of an incomplete resource into removals', () => {
    const before = fixtureGraph({ members: ['u1', 'u2'] });
    const after = fixtureGraph({ users: [], members: [], incomplete: ['users', 'groupMembers'] });
    const changes = diffGraphs(before, after);
    expect(changes.entities.removed).toEqual([]);
    expect(changes.relationships.removed).toEqual([]);
    expect(changes.withheld).toEqual(['jc/groupMembers', 'jc/users']);
  });

  it('withholds removals of a connection that was not read at all', () => {
    const after = { ...fixtureGraph(), resources: [] };
    expect(
      diffGraphs(fixtureGraph(), { ...after, entities: new Map(), relationships: new Map() }),
    ).toMatchObject({ entities: { removed: [] }, relationships: { removed: [] } });
  });

  it('carries the unseen items of an incomplete resource into the next baseline', () => {
    const before = fixtureGraph({ members: ['u1', 'u2'] });
    const after = fixtureGraph({ members: [], incomplete: ['groupMembers'] });
    const next = carryForward(before, after);
    expect([...next.relationships.keys()].filter((k) => k.startsWith('jc:group:'))).toEqual([
      'jc:group:g1|has|jc:user:u1',
      'jc:group:g1|has|jc:user:u2',
    ]);
    const complete = fixtureGraph();
    expect(carryForward(before, complete)).toBe(complete);
  });
});

describe('changedFieldNames', () => {
  it('compares arrays by value and counts dropped fields', () => {
    expect(changedFieldNames({ a: ['x'], b: 1 }, { a: ['x'] })).toEqual(['b']);
    expect(changedFieldNames({ a: ['x'] }, { a: ['y'], c: null })).toEqual(['a', 'c']);
    expect(changedFieldNames({ _source: 'a/b', _key: 'k' }, { _source: 'a/c', _key: 'k' })).toEqual(
      [],
    );
  });
});
