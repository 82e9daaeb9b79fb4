import { createHmac, randomBytes } from 'node:crypto';
import type { GraphEntity, GraphRelationship, GraphSnapshot } from '@org/connector-graph';

/** What to do with one kind of personal data: keep it, replace it by a keyed hash, or drop it. */
export type PiiMode = 'keep' | 'hash' | 'drop';

/** Less personal data in the bundle, for auditors who must not see it. */
export interface PiiOptions {
  /** Email addresses, wherever they appear (fields, keys, messages). Default `keep`. */
  emails?: PiiMode | undefined;
  /**
   * People's names: the name fields of users, administrators and persons (`name`, `displayName`,
   * `firstname`, `lastname`, `username`...) and those names inside any other text (a device
   * called "Julia's MacBook"), matched as whole words, case-insensitively. Default `keep`.
   */
  names?: PiiMode | undefined;
  /**
   * Identifiers of people and their devices: the fields {@link IDENTIFIER_FIELDS} names (or
   * `identifierFields`) on every record, and their values wherever else they appear (a device
   * named by its serial number). Default `keep`.
   */
  identifiers?: PiiMode | undefined;
  /**
   * The field names `identifiers` covers, matched case-insensitively against the last part of a
   * flattened field name (`addresses.0.postalCode` → `postalCode`). Default
   * {@link IDENTIFIER_FIELDS}; give `[...IDENTIFIER_FIELDS, 'costCenter']` to add your own.
   */
  identifierFields?: readonly string[] | undefined;
  /**
   * The HMAC key of hashed values. Default: random per bundle, so hashes cannot be linked across
   * bundles or reversed by hashing a list of known addresses. Give a fixed one to link bundles.
   */
  salt?: string | undefined;
}

/**
 * The fields `identifiers` covers by default: employee ids, hardware serial numbers, device
 * UDIDs, IMEI and MEID, phone numbers and postal addresses, in the spellings the vendors and the
 * graph use.
 */
export const IDENTIFIER_FIELDS: readonly string[] = [
  'employeeId',
  'employeeIdentifier',
  'employeeNumber',
  'employee_id',
  'serial',
  'serialNumber',
  'serial_number',
  'udid',
  'imei',
  'meid',
  'phone',
  'phoneNumber',
  'phoneNumbers',
  'phone_number',
  'mobile',
  'mobileNumber',
  'mobilePhone',
  'workPhone',
  'homePhone',
  'address',
  'addresses',
  'streetAddress',
  'street_address',
  'postalCode',
  'postal_code',
  'poBox',
];

const PEOPLE_KINDS = new Set(['user', 'administrator', 'person']);
// The data model's names (`firstName`, `username` as a list...) and vendors' own spellings.
const NAME_FIELDS = [
  'name',
  'displayName',
  'displayname',
  'firstName',
  'firstname',
  'middleName',
  'middlename',
  'lastName',
  'lastname',
  'username',
  'login',
  'fullName',
  'full_name',
];
const KEY_FIELDS = new Set(['_key', '_fromEntityKey', '_toEntityKey', 'entity', 'entities']);
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern matching any of `values` as a whole word (no letter or digit either side), longest
 * first so "Julia Mendes" is replaced whole before "Julia" is; undefined for none.
 */
function wholeWords(values: ReadonlySet<string>, flags: string): RegExp | undefined {
  if (values.size === 0) return undefined;
  const alternatives = [...values]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})(?![\\p{L}\\p{N}])`, flags);
}

/** Rewrites strings of the bundle according to {@link PiiOptions}. */
export interface Redactor {
  /** Whether anything is rewritten at all. */
  readonly active: boolean;
  /** A string with its personal data hashed or dropped; `key` for strings that must stay unique. */
  text(value: string, key?: boolean): string | null;
  /** Any JSON-like value, rewritten deeply (`key` for values that must stay unique). */
  deep<T>(value: T, key?: boolean): T;
  /** The snapshot with every entity and relationship rewritten. */
  snapshot(snapshot: GraphSnapshot): GraphSnapshot;
}

/** Builds the {@link Redactor} of one snapshot: the names it knows come from its people. */
export function createRedactor(snapshot: GraphSnapshot, options: PiiOptions = {}): Redactor {
  const emails = options.emails ?? 'keep';
  const names = options.names ?? 'keep';
  const identifiers = options.identifiers ?? 'keep';
  const salt = options.salt ?? randomBytes(32).toString('hex');
  const active = emails !== 'keep' || names !== 'keep' || identifiers !== 'keep';
  const token = (kind: string, value: string) =>
    `${kind}:${createHmac('sha256', salt).update(value.toLowerCase()).digest('hex').slice(0, 16)}`;
  const identifierField = new Set(
    (options.identifierFields ?? IDENTIFIER_FIELDS).map((f) => f.toLowerCase()),
  );
  const isIdentifierField = (name: string) =>
    identifiers !== 'keep' && identifierField.has((name.split('.').pop() ?? name).toLowerCase());

  // Values of identifier fields, replaced wherever they appear (a device named by its serial).
  const identifierValues = new Set<string>();
  if (identifiers !== 'keep') {
    for (const e of snapshot.entities.values()) {
      for (const [field, v] of Object.entries(e)) {
        if (!isIdentifierField(field)) continue;
        for (const item of [v].flat()) {
          const text = typeof item === 'number' ? String(item) : item;
          if (typeof text === 'string' && text.trim().length >= 4)
            identifierValues.add(text.trim());
        }
      }
    }
  }
  const identifierPattern = wholeWords(identifierValues, 'gu');

  const known = new Set<string>();
  if (names !== 'keep') {
    for (const e of snapshot.entities.values()) {
      if (!PEOPLE_KINDS.has(e._kind)) continue;
      for (const f of NAME_FIELDS) {
        for (const v of [e[f]].flat()) {
          if (typeof v === 'string' && v.trim().length >= 2 && !v.includes('@'))
            known.add(v.trim());
        }
      }
    }
  }
  const namePattern = wholeWords(known, 'giu');

  const text = (value: string, key = false): string | null => {
    if (!active) return value;
    let out = value;
    if (emails !== 'keep') {
      const whole = out.match(EMAIL)?.[0] === out;
      if (whole && emails === 'drop' && !key) return null;
      out = out.replace(EMAIL, (m) => (emails === 'hash' || key ? token('email', m) : '[email]'));
    }
    if (namePattern) {
      namePattern.lastIndex = 0;
      const whole = out.replace(namePattern, '') === '' && out !== '';
      if (whole && names === 'drop' && !key) return null;
      out = out.replace(namePattern, (m) =>
        names === 'hash' || key ? token('name', m) : '[name]',
      );
    }
    if (identifierPattern) {
      identifierPattern.lastIndex = 0;
      const whole = out.replace(identifierPattern, '') === '' && out !== '';
      if (whole && identifiers === 'drop' && !key) return null;
      out = out.replace(identifierPattern, (m) =>
        identifiers === 'hash' || key ? token('id', m) : '[identifier]',
      );
    }
    return out;
  };

  const deep = <T>(value: T, key = false): T => {
    if (!active) return value;
    if (typeof value === 'string') return text(value, key) as T;
    if (Array.isArray(value)) {
      return value.map((v) => deep(v, key)).filter((v) => v !== null || key) as T;
    }
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      const out: Record<string, unknown> = {};
      // Fields holding entity keys keep a unique value (the token) even when dropping.
      for (const [k, v] of Object.entries(value)) {
        if (!isIdentifierField(k)) out[k] = deep(v, KEY_FIELDS.has(k));
        else if (identifiers === 'drop') out[k] = null;
        else out[k] = typeof v === 'number' ? token('id', String(v)) : deep(v);
      }
      return out as T;
    }
    return value;
  };

  return {
    active,
    text,
    deep,
    snapshot(s) {
      if (!active) return s;
      const entities = new Map<string, GraphEntity>();
      for (const e of s.entities.values()) {
        const r = deep(e) as GraphEntity;
        entities.set(r._key, { ...r, displayName: r.displayName ?? '[redacted]' });
      }
      const relationships = new Map<string, GraphRelationship>();
      for (const rel of s.relationships.values()) {
        const r = deep(rel) as GraphRelationship;
        relationships.set(r._key, r);
      }
      return { ...s, entities, relationships };
    },
  };
}
