/**
 * Stable, machine-readable error codes. Host apps branch on these (or on the subclasses), never on
 * messages.
 */
export type ErrorCode =
  | 'config'
  | 'authentication'
  | 'permission'
  | 'rate_limit'
  | 'not_found'
  | 'bad_request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'validation'
  | 'pagination'
  | 'store'
  | 'state_locked'
  | 'removal_guard'
  | 'change_feed_overflow'
  | 'aborted';

/**
 * What a person has to do before the failed operation can succeed. `undefined` means nothing:
 * retrying later may work. `confirm_removals`: a poller held back a delta that removes more
 * accounts than its guard allows, until someone confirms it (`poller.confirmRemovals()`).
 */
export type UserAction = 'reconnect' | 'grant_permission' | 'fix_config' | 'confirm_removals';

/** Fields every {@link ConnectorError} may carry. */
export interface ConnectorErrorOptions {
  /** Vendor the failing call was made to, such as `hexnode`. */
  vendor?: string | undefined;
  /** Method and path of the failing call, without query string or secrets (`GET /api/v1/users/`). */
  endpoint?: string | undefined;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The vendor's request id (from a response header), when it sent one. */
  requestId?: string | undefined;
  /** Overrides the subclass default for whether retrying the same call may succeed. */
  retryable?: boolean | undefined;
  /** The underlying error. Callers must redact it first (see `redactError`). */
  cause?: unknown;
}

/**
 * Base class of every error the connectors throw. Carries a stable {@link ErrorCode}, the vendor
 * and endpoint, the HTTP status and request id when known, and whether a retry may help. Messages
 * never contain credentials.
 */
export class ConnectorError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Vendor the failing call was made to. */
  readonly vendor: string | undefined;
  /** Method and path of the failing call, without query string. */
  readonly endpoint: string | undefined;
  /** HTTP status, when a response was received. */
  readonly status: number | undefined;
  /** The vendor's request id, when it sent one. */
  readonly requestId: string | undefined;
  /** Whether the same call may succeed if retried later. */
  readonly retryable: boolean;
  /** What a person must do first, if anything. */
  readonly userAction: UserAction | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: ConnectorErrorOptions = {},
    defaults: { retryable?: boolean; userAction?: UserAction } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.vendor = options.vendor;
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? defaults.retryable ?? false;
    this.userAction = defaults.userAction;
  }

  /** A plain, secret-free object for logs and API responses. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      vendor: this.vendor,
      endpoint: this.endpoint,
      status: this.status,
      requestId: this.requestId,
      retryable: this.retryable,
      userAction: this.userAction,
    };
  }
}
