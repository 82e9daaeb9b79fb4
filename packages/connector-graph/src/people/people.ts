import { type GraphBuilder, relationship } from '../collect/builder.js';
import type { GraphEntity } from '../model/entity.js';
import { emailOf } from '../model/jupiterone.js';
import type { GraphSnapshot } from '../model/snapshot.js';
import { DIRECTORY_VENDORS } from '../vendors/registry.js';
import { type EmailNormalization, normalizeEmail } from './normalize-email.js';

/** The `_source` of persons and their `IS` edges. */
export const PEOPLE_SOURCE = 'graph/people';

/** Options for joining people across vendors. */
export interface PeopleOptions extends EmailNormalization {
  /**
   * Connections that are the identity directory, by vendor or connection name (default
   * {@link DIRECTORY_VENDORS}: the built-in adapters that say they are one): a person with an
   * account there is managed.
   */
  directories?: readonly string[] | undefined;
}

const PERSON_KINDS = new Set(['user', 'administrator']);

function isDirectory(entity: GraphEntity, directories: readonly string[]): boolean {
  const connection = entity._source.slice(0, entity._source.lastIndexOf('/'));
  const vendor = entity._type.slice(0, entity._type.indexOf('_'));
  return directories.includes(connection) || directories.includes(vendor);
}

/** What {@link joinPeople} needs of an account. */
export interface PersonAccount {
  vendor: string;
  connection: string;
  email: string | null | undefined;
}

/** One person and the accounts that are theirs, as {@link joinPeople} finds them. */
export interface Person<A extends PersonAccount> {
  /** The normalised email the accounts share. */
  email: string;
  /** Whether an account is in a directory connection. */
  directory: boolean;
  /** The accounts, in the order given (a directory account first when there is one). */
  accounts: A[];
}

/**
 * Groups accounts of any connections into people by normalised email (see
 * {@link normalizeEmail}): the join the graph's `person` entities come from, usable on plain
 * account lists too (`SaasAccount`s). Accounts without an email join no one. People come in the
 * order their first account was given.
 */
export function joinPeople<A extends PersonAccount>(
  accounts: Iterable<A>,
  options: PeopleOptions = {},
): Person<A>[] {
  const directories = options.directories ?? DIRECTORY_VENDORS;
  const people = new Map<string, Person<A>>();
  for (const account of accounts) {
    const email = normalizeEmail(account.email, options);
    if (!email) continue;
    let person = people.get(email);
    if (!person) {
      person = { email, directory: false, accounts: [] };
      people.set(email, person);
    }
    const inDirectory =
      directories.includes(account.vendor) || directories.includes(account.connection);
    if (inDirectory && !person.directory) {
      person.directory = true;
      person.accounts.unshift(account);
    } else person.accounts.push(account);
  }
  return [...people.values()];
}

/** First and last name of a person: from the first account that has them, else its name split. */
function namesOf(entities: readonly GraphEntity[], displayName: string) {
  for (const e of entities) {
    if (typeof e.firstName === 'string' && typeof e.lastName === 'string') {
      return { firstName: e.firstName, lastName: e.lastName };
    }
  }
  const parts = displayName.includes('@') ? [displayName] : displayName.split(/\s+/);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

/**
 * Adds one `person` per normalised email to `builder`, with `person IS user` (and `IS
 * administrator`) edges. `person` is this graph's own type, beyond JupiterOne's integrations: a
 * data-model `Person` whose `email` lists the normalised email first, then its accounts' own;
 * `displayName`, `firstName` and `lastName` come from a directory account when there is one;
 * `directory` says whether there is, `vendors` where the person has accounts. A person with an
 * account carried from the last snapshot (its resource failed) is `_stale` too.
 */
export function addPeople(builder: GraphBuilder, options: PeopleOptions = {}): void {
  const accounts: Array<PersonAccount & { entity: GraphEntity }> = [];
  for (const entity of builder.entities.values()) {
    if (!PERSON_KINDS.has(entity._kind)) continue;
    accounts.push({
      vendor: entity._type.slice(0, entity._type.indexOf('_')),
      connection: entity._source.slice(0, entity._source.lastIndexOf('/')),
      email: emailOf(entity) ?? null,
      entity,
    });
  }
  for (const person of joinPeople(accounts, options)) {
    const key = `person:${person.email}`;
    const entities = person.accounts.map((a) => a.entity);
    const displayName = entities[0]?.displayName ?? person.email;
    const own = entities
      .map((e) => String(emailOf(e)).toLowerCase())
      .filter((e) => e !== person.email);
    builder.addEntity({
      _key: key,
      _type: 'person',
      _class: ['Person'],
      _kind: 'person',
      _source: PEOPLE_SOURCE,
      name: displayName,
      displayName,
      ...namesOf(entities, displayName),
      email: [person.email, ...[...new Set(own)].sort()],
      vendors: [...new Set(person.accounts.map((a) => a.vendor))].sort(),
      directory: person.directory,
      ...(entities.some((e) => e._stale === true) ? { _stale: true } : {}),
    });
    const from = { key, type: 'person' };
    for (const e of entities) {
      builder.addRelationship(
        relationship(from, 'IS', { key: e._key, type: e._type }, PEOPLE_SOURCE),
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
  const directories = options.directories ?? DIRECTORY_VENDORS;
  const personOf = new Map<string, string>();
  for (const r of snapshot.relationships.values()) {
    if (r._class === 'IS') personOf.set(r._toEntityKey, r._fromEntityKey);
  }
  const out: UnmanagedAccount[] = [];
  for (const e of snapshot.entities.values()) {
    if (e._kind !== 'user' || isDirectory(e, directories)) continue;
    // No email, nothing to join by: Hexnode's "Default User" is no person.
    const email = emailOf(e);
    if (email === undefined) continue;
    const person = personOf.get(e._key);
    if (person && snapshot.entities.get(person)?.directory === true) continue;
    out.push({
      key: e._key,
      connection: e._source.slice(0, e._source.lastIndexOf('/')),
      vendor: e._type.slice(0, e._type.indexOf('_')),
      email,
      displayName: e.displayName,
      person,
    });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.key < b.key ? -1 : 1));
}
