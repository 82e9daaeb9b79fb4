/** What an auth strategy is told about the request it handles. */
export interface AuthContext {
  /** Aborts any work the strategy does (such as fetching a token). */
  signal?: AbortSignal | undefined;
  /** Lowercased header names the request removed on purpose (set to `undefined`); do not add them. */
  omitHeaders?: ReadonlySet<string> | undefined;
}

/**
 * The request an {@link AuthStrategy} authorizes: its URL, method and headers, which the strategy
 * sets its credential on. A `Request` fits; the client passes a plain object, since building a
 * `Request` per call costs CPU and weakens abort propagation in Node (nodejs/node#55428).
 */
export interface AuthRequest {
  /** Full URL the request goes to. */
  readonly url: string;
  /** HTTP method. */
  readonly method: string;
  /** Headers to send; set the credential here. */
  readonly headers: Headers;
}

/** What {@link AuthStrategy.refresh} is told about the request that got a 401. */
export interface RefreshContext extends AuthContext {
  /** The request that was rejected, so a strategy can tell a stale credential from a fresh one. */
  request?: AuthRequest | undefined;
}

/**
 * How a client proves who it is. The HTTP client calls {@link AuthStrategy.authorize} only for
 * requests to the configured base URL's origin, so credentials never reach another host.
 */
export interface AuthStrategy {
  /** Adds credentials to a request that goes to the configured origin. */
  authorize(request: AuthRequest, ctx: AuthContext): Promise<void> | void;
  /** Called once after a 401; returns true when a fresh credential was obtained and a retry may help. */
  refresh?(ctx: RefreshContext): Promise<boolean>;
  /** Secret strings this strategy holds, for redaction. */
  secrets(): string[];
  /** A short, secret-free name of the strategy for descriptions (`bearer`, `api-key:x-api-key`). */
  readonly kind?: string;
}
