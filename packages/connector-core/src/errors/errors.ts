import { ConnectorError, type ConnectorErrorOptions } from './connector-error.js';

/**
 * The connector was configured wrongly (bad URL, missing key, unknown region, an option name it
 * does not know). Thrown at construction.
 */
export class ConfigError extends ConnectorError {
  /** Dot path of the option at fault, such as `timeout.perAttemptMs`, when one is. */
  readonly option: string | undefined;
  /** For an option name that does not exist: the valid name it most likely meant. */
  readonly suggestion: string | undefined;

  constructor(
    message: string,
    options: ConnectorErrorOptions & { option?: string; suggestion?: string | undefined } = {},
  ) {
    super('config', message, options, { userAction: 'fix_config' });
    this.option = options.option;
    this.suggestion = options.suggestion;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option, suggestion: this.suggestion };
  }
}

/** The credential was rejected (HTTP 401): revoked, expired or wrong. A person must reconnect. */
export class AuthenticationError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super('authentication', message, options, { userAction: 'reconnect' });
  }
}

/** The credential works but lacks a permission (HTTP 403). Names the permission to grant. */
export class PermissionError extends ConnectorError {
  /** The vendor's name for the missing permission, such as `Users › List users`. */
  readonly permission: string | undefined;

  constructor(message: string, options: ConnectorErrorOptions & { permission?: string } = {}) {
    super('permission', message, options, { userAction: 'grant_permission' });
    this.permission = options.permission;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), permission: this.permission };
  }
}

/** Which budget ran out: a short window (per second or minute) or a long quota (hour, day). */
export type RateLimitScope = 'window' | 'quota';

/** A rate limit or quota was hit and retries could not wait it out (or it would take too long). */
export class RateLimitError extends ConnectorError {
  /** How long until the budget allows another call, when known. */
  readonly retryAfterMs: number | undefined;
  /** Which budget ran out. */
  readonly scope: RateLimitScope;

  constructor(
    message: string,
    options: ConnectorErrorOptions & { retryAfterMs?: number; scope?: RateLimitScope } = {},
  ) {
    super('rate_limit', message, options, { retryable: true });
    this.retryAfterMs = options.retryAfterMs;
    this.scope = options.scope ?? 'window';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs, scope: this.scope };
  }
}

/** The requested object does not exist (HTTP 404). */
export class NotFoundError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super('not_found', message, options);
  }
}

/**
 * The vendor rejected the request itself (HTTP 400, 409, 422 and other 4xx without a more specific
 * class): a bad parameter or a route that refuses it. Retrying the same call will not help.
 */
export class BadRequestError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super('bad_request', message, options);
  }
}

/** The vendor failed (HTTP 5xx, or an unparseable success body). */
export class ServerError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super('server', message, options, { retryable: true });
  }
}

/** The request never got a response: DNS, connection refused or reset, TLS. */
export class NetworkError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super('network', message, options, { retryable: true });
  }
}

/** A per-attempt or total timeout ran out. */
export class TimeoutError extends ConnectorError {
  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super('timeout', message, options, { retryable: true });
  }
}

/** The caller aborted the operation through its `AbortSignal`. */
export class AbortError extends ConnectorError {
  constructor(message = 'The operation was aborted', options: ConnectorErrorOptions = {}) {
    super('aborted', message, options);
  }
}

/** Details of one schema mismatch. */
export interface ValidationIssue {
  /** JSON path of the offending value, such as `$.results[3].email`. */
  path: string;
  /** What the schema expected, such as `string`. */
  expected: string;
  /** The kind of value received (`null`, `number`, ...), never the value itself. */
  received: string;
}

/**
 * A response did not match the vendor's schema. Says where and what kind, never the value. Keeps
 * the first few mismatches and counts the rest, so a page of a million bad items costs no more
 * memory than one.
 */
export class ValidationError extends ConnectorError {
  /** The first mismatches found (the message names the first); at most a few. */
  readonly issues: readonly ValidationIssue[];
  /** How many mismatches there were in all (at least `issues.length`). */
  readonly issueCount: number;

  constructor(
    message: string,
    options: ConnectorErrorOptions & {
      issues?: readonly ValidationIssue[];
      issueCount?: number | undefined;
    } = {},
  ) {
    super('validation', message, options);
    this.issues = options.issues ?? [];
    this.issueCount = Math.max(options.issueCount ?? 0, this.issues.length);
  }

  /** JSON path of the first mismatch. */
  get path(): string | undefined {
    return this.issues[0]?.path;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues, issueCount: this.issueCount };
  }
}

/**
 * Paging went wrong: a cursor, next link or page repeated, a listing ran past its total, or a page
 * did not add up (a total that is no count, a page reaching past it, a page far larger than asked
 * for). Names the vendor, the endpoint and, when one page is at fault, which.
 */
export class PaginationError extends ConnectorError {
  /** Zero-based index of the page at fault, when one is. */
  readonly page: number | undefined;

  constructor(
    message: string,
    options: ConnectorErrorOptions & { page?: number | undefined } = {},
  ) {
    super('pagination', message, options);
    this.page = options.page;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), page: this.page };
  }
}

/**
 * A state or rate-limit store could not read or write. Two kinds, told apart by `userAction`:
 * - an outage (a Redis server down or paused, a store that did not answer in time): `retryable`,
 *   no `userAction`; retry later, as the poller does with backoff;
 * - a store a person must fix (permissions, a directory where a file should be, a wrong
 *   password): `userAction: 'fix_config'`, not retryable.
 *
 * Carries the path or key involved.
 */
export class StoreError extends ConnectorError {
  /** File path or store key the failing operation used. */
  readonly location: string | undefined;

  constructor(
    message: string,
    options: ConnectorErrorOptions & {
      location?: string | undefined;
      /** Set when a person must fix the store before a retry can succeed. */
      userAction?: 'fix_config' | undefined;
    } = {},
  ) {
    super(
      'store',
      message,
      options,
      options.userAction ? { userAction: options.userAction } : { retryable: true },
    );
    this.location = options.location;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), location: this.location };
  }
}

/**
 * Another writer holds the snapshot of this connection (a second poller, in this process or
 * another). Retrying after the holder stops, or its lease expires, may succeed.
 */
export class StateLockedError extends ConnectorError {
  /** Who holds the lock (`pid@host`), when the store knows. */
  readonly holder: string | undefined;

  constructor(message: string, options: ConnectorErrorOptions & { holder?: string } = {}) {
    super('state_locked', message, options, { retryable: true });
    this.holder = options.holder;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), holder: this.holder };
  }
}

/**
 * Schema drift: accounts that mapped in the previous snapshot no longer do (a field the connector
 * maps was renamed or dropped by the vendor). A poller fails such a run instead of reporting those
 * accounts as removed. Names the vendor, the field and where the first such item sits.
 */
export class SchemaDriftError extends ValidationError {
  /** The field that no longer maps, such as `email`. */
  readonly field: string;
  /** Where the first such item sits in the vendor's response, such as `$.results[37]`. */
  readonly itemPath: string;
  /** Resource the items came from, such as `users`. */
  readonly resource: string;
  /** Items of the previous snapshot (or without a readable id) that could not be mapped this run. */
  readonly unmappable: number;

  constructor(
    message: string,
    options: ConnectorErrorOptions & {
      field: string;
      itemPath: string;
      resource: string;
      unmappable: number;
      issues?: readonly ValidationIssue[];
    },
  ) {
    super(message, options);
    this.field = options.field;
    this.itemPath = options.itemPath;
    this.resource = options.resource;
    this.unmappable = options.unmappable;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      field: this.field,
      itemPath: this.itemPath,
      resource: this.resource,
      unmappable: this.unmappable,
    };
  }
}

/**
 * A poller run would remove more accounts than its `maxRemovals` guard allows. Nothing was
 * committed; the delta waits for `poller.confirmRemovals()` or a later run under the guard.
 */
export class RemovalGuardError extends ConnectorError {
  /** Accounts the held delta would remove. */
  readonly removals: number;
  /** The guard that applied to this run. */
  readonly maxRemovals: number;

  constructor(
    message: string,
    options: ConnectorErrorOptions & { removals: number; maxRemovals: number },
  ) {
    super('removal_guard', message, options, { userAction: 'confirm_removals' });
    this.removals = options.removals;
    this.maxRemovals = options.maxRemovals;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), removals: this.removals, maxRemovals: this.maxRemovals };
  }
}

/**
 * A change-set iterator fell more than its buffer behind and was cut off: the change sets after
 * the buffered ones were not delivered to it. Read faster, or resynchronise from the snapshot.
 */
export class ChangeFeedOverflowError extends ConnectorError {
  /** Change sets the iterator could hold unread. */
  readonly maxBuffered: number;

  constructor(message: string, options: ConnectorErrorOptions & { maxBuffered: number }) {
    super('change_feed_overflow', message, options);
    this.maxBuffered = options.maxBuffered;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), maxBuffered: this.maxBuffered };
  }
}
