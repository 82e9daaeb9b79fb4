/** What stands where a credential was. */
export const REDACTED = '[REDACTED]';

/** Headers that carry credentials, tokens or cookies (by name). */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|www-authenticate|proxy-authenticate)$|api-?key|token|secret|session|csrf|signature|credential|password/i;

/** A field name, lower case, without `_` and `-`: `client_secret` and `clientSecret` alike. */
const norm = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/**
 * Whether a field (of a JSON body, a form or a query) holds a credential, by its name:
 * `access_token`, `client_secret`, `client_assertion`, `password`, `apiKey`, `private_key`...
 * Only its text is removed: `password_expired: true` is no credential.
 */
export function isCredentialField(key: string): boolean {
  const k = norm(key);
  return (
    /(token|secret|password|passwd|apikey|privatekey|assertion|cookie|authorization)$/.test(k) ||
    k === 'key' ||
    k === 'code' ||
    k === 'sessionid'
  );
}

/** A PEM private key, a JWT: credentials whatever field they sit in. */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
const JWT = /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Removes every credential, token and cookie from what a recording keeps: headers that carry
 * them, fields named for them, PEM private keys and JWTs anywhere, a value its vendor marks
 * `sensitive`, and every secret it was told of or saw sent (an API key, a client secret, an
 * access token) wherever it appears, as is, base64-encoded or URL-encoded.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: readonly string[] = []) {
    for (const s of secrets) this.learn(s);
  }

  /** Adds a secret to remove wherever it appears (values shorter than 8 characters are no secret). */
  learn(secret: string): void {
    const s = secret.trim();
    if (s.length < 8) return;
    this.#secrets.add(s);
    this.#secrets.add(Buffer.from(s).toString('base64'));
    this.#secrets.add(encodeURIComponent(s));
  }

  /** A credential header's value, without its scheme (`Bearer x` → `x`), learned as a secret. */
  learnHeader(name: string, value: string): void {
    if (!CREDENTIAL_HEADER.test(name)) return;
    this.learn(value.replace(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s+(?=\S)/, ''));
    this.learn(value);
  }

  /** A text with every known secret, private key and JWT removed. */
  text(value: string): string {
    let out = value.replace(PRIVATE_KEY, REDACTED).replace(JWT, REDACTED);
    // Longest first, so a secret's encoded form is not cut by a shorter one inside it.
    for (const s of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return out;
  }

  /** Headers without credentials: those named for them lose their value, the others any secret. */
  headers(headers: ReadonlyArray<{ name: string; value: string }>) {
    return headers.map(({ name, value }) => ({
      name,
      value: CREDENTIAL_HEADER.test(name) ? REDACTED : this.text(value),
    }));
  }

  /** A field's value: removed when the field is named for a credential, else cleaned. */
  field(key: string, value: string): string {
    return isCredentialField(key) ? REDACTED : this.text(value);
  }

  /** A copy of a JSON body without credentials. */
  json(body: unknown, key = ''): unknown {
    if (typeof body === 'string') return this.field(key, body);
    if (Array.isArray(body)) return body.map((item) => this.json(item, key));
    if (isObject(body)) {
      return Object.fromEntries(
        Object.entries(body).map(([k, v]) =>
          // A value its vendor marks sensitive (a JumpCloud policy's password) is a secret.
          [k, k === 'value' && body.sensitive === true ? REDACTED : this.json(v, k)],
        ),
      );
    }
    return body;
  }
}
