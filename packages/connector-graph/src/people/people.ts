import { type GraphBuilder, relationship } from '../collect/builder.js';
import type { GraphEntity } from '../model/entity.js';
import type { GraphSnapshot } from '../model/snapshot.js';
import { type EmailNormalization, normalizeEmail } from './normalize-email.js';

/** The `_source` of persons and their `IS` edges. */
export const PEOPLE_SOURCE = 'graph/people';

/** Options for joining people across vendors. */
export interface PeopleOptions extends EmailNormalization {
  /**
   * Connections that are the identity directory, by vendor or connection name (default
   * `['jumpcloud']`): a person with an account there is managed.
   */
  directories?: readonly string[] | undefined;
}

const PERSON_KINDS = new Set(['user', 'administrator']);

function isDirectory(entity: GraphEntity, directories: readonly string[]): boolean {
  const connection = entity._source.slice(0, entity._source.lastIndexOf('/'));
  const vendor = entity._type.slice(0, entity._type.indexOf('_'));
  return directories.includes(connection) || directories.includes(vendor);
}

/**
 * Adds one `person` per normalised email to `builder`, with `person IS user` (and `IS
 * administrator`) edges. A person's `displayName` comes from a directory account when there is
 * one; `directory` says whether there is.
 */
export function addPeople(builder: GraphBuilder, options: PeopleOptions = {}): void {
  const directories = options.directories ?? ['jumpcloud'];
  const people = new Map<string, { accounts: GraphEntity[]; directory: GraphEntity | undefined }>();
  for (const entity of builder.entities.values()) {
    if (!PERSON_KINDS.has(entity._kind)) continue;
    const email = normalizeEmail(entity.email as string | null | undefined, options);
    if (!email) continue;
    const person = people.get(email) ?? { accounts: [], directory: undefined };
    person.accounts.push(entity);
    if (!person.directory && isDirectory(entity, directories)) person.directory = entity;
    people.set(email, person);
  }
  for (const [email, { accounts, directory }] of people) {
    const key = `person:${email}`;
    const named = directory ?? accounts[0];
    builder.addEntity({
      _key: key,
      _type: 'person',
      _class: ['Person'],
      _kind: 'person',
      _source: PEOPLE_SOURCE,
      displayName: named?.displayName ?? email,
      email,
      emails: [...new Set(accounts.map((a) => String(a.email).toLowerCase()))].sort(),
      vendors: [...new Set(accounts.map((a) => a._type.slice(0, a._type.indexOf('_'))))].sort(),
      directory: directory !== undefined,
    });
    const from = { key, type: 'person' };
    for (const account of accounts) {
      builder.addRelationship(
        relationship(from, 'IS', { key: account._key, type: account._type }, PEOPLE_SOURCE),
      );
    }
  }
}

/** An account whose person has no account in the directory. */
export interface UnmanagedAccount {
  /** `_key` of the user entity. */
  key: string;
  connection: string;
  vendor: string;
  /** The account's email (lower-cased). */
  email: string;
  displayName: string;
  /** `_key` of its person, when it has an email. */
  person: string | undefined;
}

/**
 * The accounts of the device tools (every connection that is not a directory) whose person has no
 * directory account: the people a device tool knows and the
 * directory does not. Sorted by display name, then key.
 */
export function unmanagedAccounts(
  snapshot: Pick<GraphSnapshot, 'entities' | 'relationships'>,
  options: Pick<PeopleOptions, 'directories'> = {},
): UnmanagedAccount[] {
  const directories = options.directories ?? ['jumpcloud'];
  const personOf = new Map<string, string>();
  for (const r of snapshot.relationships.values()) {
    if (r._class === 'IS') personOf.set(r._toEntityKey, r._fromEntityKey);
  }
  const out: UnmanagedAccount[] = [];
  for (const e of snapshot.entities.values()) {
    if (e._kind !== 'user' || isDirectory(e, directories)) continue;
    // No email, nothing to join by: Hexnode's "Default User" is no person.
    if (typeof e.email !== 'string' || e.email === '') continue;
    const person = personOf.get(e._key);
    if (person && snapshot.entities.get(person)?.directory === true) continue;
    out.push({
      key: e._key,
      connection: e._source.slice(0, e._source.lastIndexOf('/')),
      vendor: e._type.slice(0, e._type.indexOf('_')),
      email: e.email,
      displayName: e.displayName,
      person,
    });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.key < b.key ? -1 : 1));
}
