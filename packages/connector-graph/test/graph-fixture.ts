// A hand-built graph for unit tests: an account with two users, a group and a device.
import { GraphBuilder } from '../src/collect/builder.js';
import type { GraphSnapshot, ResourceStatus } from '../src/index.js';

export interface FixtureOptions {
  users?: Array<{ id: string; email: string | null; department?: string }>;
  members?: string[];
  incomplete?: string[];
  connection?: string;
}

export function fixtureGraph(o: FixtureOptions = {}): GraphSnapshot {
  const connection = o.connection ?? 'jc';
  const users = o.users ?? [
    { id: 'u1', email: 'ada@acme.com', department: 'R&D' },
    { id: 'u2', email: 'bob@acme.com', department: 'Sales' },
  ];
  const builder = new GraphBuilder();
  const ctx = (resource: string) =>
    builder.context({
      connection,
      vendor: 'jumpcloud',
      resource,
      accountId: 'org',
      signal: undefined,
      onItem: () => undefined,
    });
  const account = ctx('account').entity({
    kind: 'account',
    id: 'org',
    class: ['Account'],
    displayName: 'Acme',
    fields: {},
  });
  for (const u of users) {
    const c = ctx('users');
    const user = c.entity({
      kind: 'user',
      id: u.id,
      class: ['User'],
      displayName: u.id,
      fields: { email: u.email, department: u.department ?? null },
    });
    c.relate(account, 'HAS', user);
  }
  const g = ctx('groups').entity({
    kind: 'group',
    id: 'g1',
    class: ['UserGroup'],
    displayName: 'Engineers',
    fields: {},
  });
  const m = ctx('groupMembers');
  for (const id of o.members ?? ['u1']) m.relate(g, 'HAS', m.ref('user', id));
  const sources = ['account', 'users', 'groups', 'groupMembers'];
  const resources: ResourceStatus[] = sources.map((resource) => {
    const complete = !(o.incomplete ?? []).includes(resource);
    return {
      source: `${connection}/${resource}`,
      connection,
      resource,
      complete,
      entities: 0,
      relationships: 0,
      ...(complete ? {} : { error: { code: 'server', message: 'boom' } }),
    };
  });
  return {
    takenAt: new Date('2026-01-01T00:00:00Z'),
    connections: [
      {
        name: connection,
        vendor: 'jumpcloud',
        identity: { vendor: 'jumpcloud', host: 'console.jumpcloud.com', tenant: 'org' },
        accountKey: account.key,
      },
    ],
    entities: builder.entities,
    relationships: builder.relationships,
    resources,
    complete: resources.every((r) => r.complete),
  };
}
