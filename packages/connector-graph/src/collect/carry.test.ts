import { describe, expect, it } from 'vitest';
import type { GraphEntity, GraphRelationship } from '../model/entity.js';
import { GraphBuilder } from './builder.js';
import { carryIncomplete } from './carry.js';

const device = (fields: Record<string, unknown>, mergedFrom?: string[]): GraphEntity =>
  ({
    _key: 'k:device:1',
    _type: 'kandji_device',
    _class: ['Device'],
    _kind: 'device',
    _source: 'k/devices',
    displayName: 'Mac',
    ...(mergedFrom ? { _mergedFrom: mergedFrom } : {}),
    ...fields,
  }) as GraphEntity;

const edge = (from: string, to: string, source: string): GraphRelationship => ({
  _key: `${from}|has|${to}`,
  _type: 't',
  _class: 'HAS',
  _fromEntityKey: from,
  _toEntityKey: to,
  _source: source,
  displayName: 'HAS',
});

function previous(entities: GraphEntity[], relationships: GraphRelationship[] = []) {
  return {
    entities: new Map(entities.map((e) => [e._key, e])),
    relationships: new Map(relationships.map((r) => [r._key, r])),
  };
}

describe('carrying what a failed resource held', () => {
  it("keeps a failed merging resource's fields from the last snapshot, and fresh ones fresh", () => {
    const before = device(
      { osVersion: '15.5', 'filevault.filevaultEnabled': true, 'filevault.x': 1, encrypted: true },
      ['k/filevault'],
    );
    const builder = new GraphBuilder();
    builder.addEntity(device({ osVersion: '15.6', encrypted: false }));
    carryIncomplete(
      builder,
      previous([before]),
      new Set(['k/filevault']),
      new Map([['k/filevault', ['filevault.', 'encrypted']]]),
    );
    expect(builder.entities.get('k:device:1')).toEqual(
      device(
        {
          osVersion: '15.6',
          'filevault.filevaultEnabled': true,
          'filevault.x': 1,
          encrypted: true,
          _stale: true,
        },
        ['k/filevault'],
      ),
    );
  });

  it('keeps the whole entity when the failed source declared no fields', () => {
    const before = device({ displayName: 'Org', settings: 1 }, ['k/org']);
    const builder = new GraphBuilder();
    builder.addEntity(device({ displayName: 'k' }));
    carryIncomplete(
      builder,
      previous([before]),
      new Set(['k/org']),
      new Map([['k/org', undefined]]),
    );
    expect(builder.entities.get('k:device:1')).toMatchObject({
      displayName: 'Org',
      settings: 1,
      _stale: true,
    });
  });

  it('carries entities and edges of a failed source, never an edge to an entity that is gone', () => {
    const user = (id: string): GraphEntity => ({
      _key: `k:user:${id}`,
      _type: 'kandji_user',
      _class: ['User'],
      _kind: 'user',
      _source: 'k/users',
      displayName: id,
    });
    const builder = new GraphBuilder();
    builder.addEntity({ ...user('a'), _source: 'k/other' });
    carryIncomplete(
      builder,
      previous(
        [user('b'), { ...user('a'), _source: 'k/other' }],
        [edge('k:user:a', 'k:user:b', 'k/members'), edge('k:user:a', 'k:user:gone', 'k/members')],
      ),
      new Set(['k/users', 'k/members']),
      new Map(),
    );
    expect(builder.entities.get('k:user:b')).toMatchObject({ _stale: true });
    expect([...builder.relationships.keys()]).toEqual(['k:user:a|has|k:user:b']);
    expect(builder.relationships.get('k:user:a|has|k:user:b')?._stale).toBe(true);
  });

  it('carries nothing when every source was read', () => {
    const builder = new GraphBuilder();
    carryIncomplete(builder, previous([device({})]), new Set(), new Map());
    expect(builder.entities.size).toBe(0);
  });
});
