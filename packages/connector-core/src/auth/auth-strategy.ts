/** What an auth strategy is told about the request it handles. */
export interface AuthContext {
  /** Aborts any work the strategy does (such as fetching a token). */
  signal?: AbortSignal | undefined;
  /** Lowercased header names the request removed on purpose (set to `undefined`); do not add them. */
  omitHeaders?: ReadonlySet<string> | undefined;
}

/** What {@link AuthStrategy.refresh} is told about the request that got a 401. */
export interface RefreshContext extends AuthContext {
  /** The request that was rejected, so a strategy can tell a stale credential from a fresh one. */
  request?: Request | undefined;
}

/**
 * How a client proves who it is. The HTTP client calls {@link AuthStrategy.authorize} only for
 * requests to the configured base URL's origin, so credentials never reach another host.
 */
export interface AuthStrategy {
  /** Adds credentials to a request that goes to the configured origin. */
  authorize(request: Request, ctx: AuthContext): Promise<void> | void;
  /** Called once after a 401; returns true when a fresh credential was obtained and a retry may help. */
  refresh?(ctx: RefreshContext): Promise<boolean>;
  /** Secret strings this strategy holds, for redaction. */
  secrets(): string[];
  /** A short, secret-free name of the strategy for descriptions (`bearer`, `api-key:x-api-key`). */
  readonly kind?: string;
}
