import * as v from 'valibot';

// The only hosts plain http may name: a credential sent in clear text never leaves the machine.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `hostname` (as `URL.hostname` gives it) is this machine: `localhost`, `127.0.0.1`, `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Parses an admin-pasted URL: trims it, adds `https://` when the scheme is missing, and rejects
 * user info, a query or a fragment. Returns the problem (worded to follow the field's name) instead
 * of throwing, so schemas and connectors word their errors alike.
 */
export function parseHttpsUrl(text: string): URL | string {
  const trimmed = text.trim();
  // A bare path would otherwise become https:///api/… and parse as a host named after its first segment.
  if (trimmed.startsWith('/')) return 'is not a URL';
  // Only a scheme-less paste gets https:// prepended; `http://` stays and is judged below.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!URL.canParse(withScheme)) return 'is not a URL';
  const url = new URL(withScheme);
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash) return 'must not contain a query string or fragment';
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  return 'must use https (http only on localhost, 127.0.0.1 or [::1])';
}

/**
 * An https URL (http only on a loopback host: the sandbox, a local proxy), without user info, query
 * or fragment. Output: the URL's `href`, ending in `/`, so paths resolve under it.
 */
export function httpsUrl() {
  return v.pipe(
    v.string('must be a URL'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const url = parseHttpsUrl(dataset.value);
      if (typeof url === 'string') {
        addIssue({ message: url });
        return NEVER;
      }
      return url.href.endsWith('/') ? url.href : `${url.href}/`;
    }),
  );
}

// C0 controls, DEL and NUL: a header value with them never reaches the vendor.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const NON_ASCII = /[^\u0020-\u007e]/;

/**
 * A credential: a non-empty string of printable ASCII without spaces, trimmed. A key with a control
 * character, NUL or a non-ASCII character could never be sent in a header; rejecting it here gives a
 * `ConfigError` at construction instead of a retryable network error on every call. Messages never
 * quote the value.
 */
export function secret() {
  return v.pipe(
    v.string('is required'),
    v.trim(),
    v.nonEmpty('is required'),
    v.check((s) => !CONTROL.test(s), 'contains a control character'),
    v.check((s) => !NON_ASCII.test(s), 'contains a non-ASCII character'),
    v.check((s) => !/\s/.test(s), 'must be the bare secret, without spaces or a "Bearer " prefix'),
  );
}

/** A whole number within `[min, max]`. */
export function boundedInt(min: number, max: number) {
  return v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
}

/** A connection name: a non-empty string, trimmed. */
export function connectionName() {
  return v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty'));
}

/**
 * The option entries every connector shares, named alike everywhere: `name`, `pageSize`,
 * `concurrency` and `maxItems`. Spread them into the vendor's `v.object({...})`.
 *
 * @param o - The vendor's default and largest page size, and its default concurrency.
 */
export function connectorOptions(o: {
  defaultPageSize: number;
  maxPageSize: number;
  defaultConcurrency?: number | undefined;
}) {
  return {
    /** Name of the connection, shown in errors, events and snapshots (default: unique per tenant). */
    name: v.optional(connectionName()),
    /** Items per request, up to the vendor's largest page. */
    pageSize: v.optional(boundedInt(1, o.maxPageSize), o.defaultPageSize),
    /**
     * Requests in flight at once, and pages fetched ahead, 1 to 64 (the rate limit still applies).
     *
     * @defaultValue `4`
     */
    concurrency: v.optional(boundedInt(1, 64), o.defaultConcurrency ?? 4),
    /** Default cap on the items one listing yields (a call's own `maxItems` overrides it). */
    maxItems: v.optional(boundedInt(1, Number.MAX_SAFE_INTEGER)),
  };
}
