import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../collect/builder.js';
import { addPeople, joinPeople, unmanagedAccounts } from './people.js';

function graph() {
  const b = new GraphBuilder();
  const add = (connection: string, vendor: string, id: string, email: string | null) =>
    b
      .context({
        connection,
        vendor,
        resource: 'users',
        accountId: 'a',
        signal: undefined,
        onItem: () => undefined,
      })
      .entity({ kind: 'user', id, class: ['User'], displayName: id, fields: { email } });
  add('dir', 'jumpcloud', 'ada', 'ada@acme.com');
  add('mdm', 'hexnode', 'ada2', 'Ada+phone@ACME.io');
  add('mdm', 'hexnode', 'bob', 'bob@acme.com');
  add('mdm', 'hexnode', 'default', null);
  return b;
}

describe('people across vendors', () => {
  it('joins accounts by normalised email, with domain aliases', () => {
    const b = graph();
    addPeople(b, { domainAliases: { 'acme.io': 'acme.com' } });
    expect(b.entities.get('person:ada@acme.com')).toMatchObject({
      _class: ['Person'],
      name: 'ada',
      displayName: 'ada',
      firstName: 'ada',
      lastName: '',
      directory: true,
      // The normalised email first, then the accounts' own.
      email: ['ada@acme.com', 'ada+phone@acme.io'],
      vendors: ['hexnode', 'jumpcloud'],
    });
    const is = [...b.relationships.values()].filter(
      (r) => r._fromEntityKey === 'person:ada@acme.com',
    );
    expect(is.map((r) => r._toEntityKey)).toEqual(['dir:user:ada', 'mdm:user:ada2']);
    expect(unmanagedAccounts(b).map((a) => a.key)).toEqual(['mdm:user:bob']);
  });

  it('lists the account as unmanaged when its domain is not an alias', () => {
    const b = graph();
    addPeople(b);
    expect(unmanagedAccounts(b).map((a) => [a.key, a.person])).toEqual([
      ['mdm:user:ada2', 'person:ada@acme.io'],
      ['mdm:user:bob', 'person:bob@acme.com'],
    ]);
    expect(unmanagedAccounts(b, { directories: ['mdm'] }).map((a) => a.key)).toEqual([]);
  });

  it('joins plain account lists, directory account first', () => {
    const people = joinPeople(
      [
        { vendor: 'kandji', connection: 'k', email: 'Ada@acme.com', id: 1 },
        { vendor: 'jumpcloud', connection: 'j', email: 'ada+x@acme.com', id: 2 },
        { vendor: 'kandji', connection: 'k', email: 'bob@acme.com', id: 3 },
        { vendor: 'kandji', connection: 'k', email: '', id: 4 },
      ],
      { directories: ['jumpcloud'] },
    );
    expect(people.map((p) => [p.email, p.directory, p.accounts.map((a) => a.id)])).toEqual([
      ['ada@acme.com', true, [2, 1]],
      ['bob@acme.com', false, [3]],
    ]);
  });
});
