import { createHmac } from 'node:crypto';

/**
 * Consistent fakes for personal data: each is an HMAC of the original under the recording's
 * salt, so the same input always maps to the same fake (a user's email in the users list, in a
 * group's members and in another vendor's recording made with the same salt), while nobody
 * without the salt can map a fake back.
 */
export class Pseudonyms {
  readonly #salt: string;
  readonly #cache = new Map<string, string>();

  constructor(salt: string) {
    this.#salt = salt;
  }

  #digest(kind: string, value: string): Buffer {
    return createHmac('sha256', this.#salt).update(`${kind}\u0000${value}`).digest();
  }

  #memo(kind: string, value: string, make: () => string): string {
    const key = `${kind}\u0000${value}`;
    let out = this.#cache.get(key);
    if (out === undefined) {
      out = make();
      this.#cache.set(key, out);
    }
    return out;
  }

  /**
   * An email: `u<10 hex>@d<6 hex>.example`. Case is not part of an address's identity, so
   * `Ana@X.io` and `ana@x.io` get one fake; addresses of one domain share a fake domain.
   */
  email(value: string): string {
    const lower = value.toLowerCase();
    return this.#memo('email', lower, () => {
      const domain = lower.slice(lower.lastIndexOf('@') + 1);
      const local = this.#digest('email', lower).toString('hex').slice(0, 10);
      const host = this.#digest('domain', domain).toString('hex').slice(0, 6);
      return `u${local}@d${host}.example`;
    });
  }

  /** A word of a person's name: a made-up name of syllables, cased as the original was. */
  nameWord(word: string): string {
    const fake = this.#memo('name', word.toLowerCase(), () => {
      const d = this.#digest('name', word.toLowerCase());
      const consonants = 'bdfgklmnprstvz';
      const vowels = 'aeiou';
      let out = '';
      for (let i = 0; i < 3; i++) {
        out += consonants[(d[2 * i] as number) % consonants.length];
        out += vowels[(d[2 * i + 1] as number) % vowels.length];
      }
      return out;
    });
    if (word === word.toUpperCase() && word.length > 1) return fake.toUpperCase();
    if (word[0] === word[0]?.toUpperCase()) return `${fake[0]?.toUpperCase()}${fake.slice(1)}`;
    return fake;
  }

  /** A phone number: each digit replaced, `+`, spaces and separators kept. */
  phone(value: string): string {
    const digits = value.replace(/\D/g, '');
    if (digits === '') return value;
    const d = this.#digest('phone', digits);
    let i = 0;
    return value.replace(/\d/g, () => String((d[i++ % d.length] as number) % 10));
  }

  /** A serial number (or IMEI, UDID): each letter and digit replaced, length and case kept. */
  serial(value: string): string {
    const d = this.#digest('serial', value.toUpperCase());
    // A hexadecimal one (a UDID) stays hexadecimal.
    const letters = /^[0-9a-f-]+$/i.test(value) ? 6 : 26;
    let i = 0;
    return value.replace(/[A-Za-z0-9]/g, (c) => {
      const b = d[i++ % d.length] as number;
      if (/\d/.test(c)) return String(b % 10);
      const letter = String.fromCharCode(97 + (b % letters));
      return c === c.toUpperCase() ? letter.toUpperCase() : letter;
    });
  }
}

/** An email address anywhere in a text. */
export const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** A field name, lower case, without `_` and `-`: `first_name` and `firstName` alike. */
const norm = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** Fields that hold a person's name wherever they are. */
const NAME_PARTS = new Set(['firstname', 'lastname', 'middlename', 'givenname', 'familyname']);
/** Fields that hold a person's name in an object that has an email: a person's record. */
const PERSON_NAMES = new Set([
  'name',
  'displayname',
  'fullname',
  'nickname',
  'username',
  'login',
  'deviceusername',
]);
const isEmailKey = (key: string) => norm(key).includes('email') || norm(key) === 'mail';
const isPhoneKey = (key: string) => /phone|mobile|^fax$|^tel$/.test(norm(key));
const isSerialKey = (key: string) => /serial|^imei$|^meid$|^udid$/.test(norm(key));
/** Fields whose text may hold a person's name: `name`, `device_name`, `hostname`, `login`... */
const mayHoldName = (key: string) => /name|login/.test(norm(key));

/** The words of a name worth replacing: runs of two or more letters. */
const words = (text: string) => text.match(/\p{L}{2,}/gu) ?? [];

type Json = unknown;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Replaces the personal data in a recording's bodies, URLs and headers: emails wherever they
 * appear; names in name fields (the words of every person's name, collected first from people's
 * records across the whole recording, so `Ana's MacBook` and `ana-macbook` lose `Ana` too);
 * phone numbers in phone fields; serial numbers, IMEIs and UDIDs in their fields.
 */
export class PersonalData {
  readonly #fakes: Pseudonyms;
  readonly #names = new Set<string>();
  #pattern: RegExp | undefined;

  constructor(fakes: Pseudonyms) {
    this.#fakes = fakes;
  }

  /** First pass: notes the names of every person record in `body`. */
  collect(body: Json): void {
    if (Array.isArray(body)) for (const item of body) this.collect(item);
    else if (isObject(body)) {
      const person = Object.keys(body).some(isEmailKey);
      for (const [key, value] of Object.entries(body)) {
        const k = norm(key);
        if (typeof value === 'string' && (NAME_PARTS.has(k) || (person && PERSON_NAMES.has(k)))) {
          // A login is often an email: its words are the email's, replaced as one.
          for (const w of words(value.replace(EMAIL, ''))) this.#names.add(w.toLowerCase());
        } else this.collect(value);
      }
      this.#pattern = undefined;
    }
  }

  /** The names collected, as one pattern (longest first, whole words, any case). */
  #namePattern(): RegExp | undefined {
    if (this.#names.size === 0) return undefined;
    if (!this.#pattern) {
      const alternatives = [...this.#names]
        .sort((a, b) => b.length - a.length)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.#pattern = new RegExp(`(?<!\\p{L})(?:${alternatives.join('|')})(?!\\p{L})`, 'giu');
    }
    return this.#pattern;
  }

  /** A text with its emails replaced. */
  text(value: string): string {
    return value.replace(EMAIL, (email) => this.#fakes.email(email));
  }

  /** A field's value, by what its name says it holds. */
  field(key: string, value: string): string {
    if (isPhoneKey(key)) return this.#fakes.phone(value);
    if (isSerialKey(key)) return this.#fakes.serial(value);
    let out = this.text(value);
    const names = mayHoldName(key) ? this.#namePattern() : undefined;
    if (names) out = out.replace(names, (w) => this.#fakes.nameWord(w));
    return out;
  }

  /** Second pass: a copy of `body` with its personal data replaced. */
  body(body: Json, key = ''): Json {
    if (typeof body === 'string') return this.field(key, body);
    if (Array.isArray(body)) return body.map((item) => this.body(item, key));
    if (isObject(body)) {
      return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, this.body(v, k)]));
    }
    return body;
  }
}
