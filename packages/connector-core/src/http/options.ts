import type * as v from 'valibot';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import type { Clock } from '../clock/clock.js';
import type { ConnectorError } from '../errors/connector-error.js';
import type { BudgetSnapshot } from '../model/connector.js';
import type { RateLimiter } from '../rate-limit/limiter.js';
import type { RateLimitHeaderVocabulary } from '../rate-limit/rate-limit-headers.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import type { ConnectorEvent } from './events.js';
import type { RetryOptions } from './retry-timing.js';

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query parameters; `undefined` values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** What a vendor's {@link HttpClientOptions.mapError} hook is given about an error response. */
export interface ErrorContext {
  /** HTTP status. */
  status: number;
  /** The body parsed defensively: JSON when it was JSON, else the text, undefined when empty. */
  body: unknown;
  /** The raw body text. */
  bodyText: string;
  /** Response headers. */
  headers: Headers;
  /** `METHOD /path` of the failing call. */
  endpoint: string;
  /** The wait `Retry-After` asks for (seconds or an HTTP date, read on the client's clock). */
  retryAfterMs: number | undefined;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** `hexnode`, `kandji`, `jumpcloud`: used in errors and events. */
  vendor: string;
  /** Base URL every path is resolved against; credentials go only to its origin. */
  baseUrl: string;
  /** How requests are authenticated. */
  auth?: AuthStrategy | undefined;
  /** Budget shared by every request (and every client given the same limiter). */
  limiter?: RateLimiter | undefined;
  /**
   * The rate-limit header vocabularies the vendor speaks (default `['kong', 'ietf', 'github']`):
   * where a 429 without `Retry-After` finds its reset. Give the limiter the same.
   */
  rateLimitHeaders?: readonly RateLimitHeaderVocabulary[] | undefined;
  /**
   * The server-side bucket a request draws on besides the connection-wide windows (an endpoint
   * family with its own limit, as Okta has); the limiter learns its window from the responses.
   */
  rateLimitBucket?: ((request: { method: string; path: string }) => string | undefined) | undefined;
  /**
   * Retry policy (default: 4 retries, waits capped at 60 s each and 5 min in total, server waits
   * past 1 h fail at once).
   */
  retry?: RetryOptions | undefined;
  /**
   * Per-attempt and total timeouts (default 30 s per attempt, no total). Whole milliseconds; the
   * per-attempt one at most 2^31−1. Out-of-range values are a `ConfigError` at construction.
   */
  timeout?: { perAttemptMs?: number | undefined; totalMs?: number | undefined } | undefined;
  /**
   * Most bytes one response body may have (default 32 MiB). Counted while the body streams in;
   * past it the read stops and the call fails with a `ResponseTooLargeError`, not retried.
   */
  maxResponseBytes?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** `User-Agent`, as `<package>/<version>`. */
  userAgent?: string | undefined;
  /**
   * A `fetch` to send requests with (a proxy-aware one, instrumentation, a test double). Without
   * it requests go over `node:http` / `node:https` through Node's global keep-alive agents, which
   * costs less than half the CPU per request that `fetch` does; responses are decompressed
   * (gzip, deflate, br) and capped the same way on either path.
   */
  fetch?: typeof fetch | undefined;
  /** Clock for timeouts and waits (default: the system clock). */
  clock?: Clock | undefined;
  /** Aborts every request of this client. */
  signal?: AbortSignal | undefined;
  /** Receives request, response, retry, rate-limited and page events. */
  onEvent?: ((e: ConnectorEvent) => void) | undefined;
  /**
   * Vendor hook: turn an error response into a typed error (e.g. Hexnode 403 → PermissionError('Read Users'),
   * JumpCloud 403 "blocked" → RateLimitError). Return undefined for the default mapping.
   */
  mapError?: ((ctx: ErrorContext) => ConnectorError | undefined) | undefined;
  /** Vendor hook: how long a 429 asks to wait, when not in Retry-After (Hexnode: "Expected available in N seconds"). */
  retryAfter?:
    | ((ctx: { body: unknown; bodyText: string; headers: Headers }) => number | undefined)
    | undefined;
}

/** Options of one {@link HttpClient.request}. */
export interface RequestOptions<S extends v.GenericSchema> {
  /** HTTP method (default GET). */
  method?: HttpMethod | undefined;
  /** Path relative to the base URL (`users/`, `api/v2/usergroups`); a leading `/` is ignored. */
  path: string;
  /** Query parameters. */
  query?: QueryParams | undefined;
  /** JSON request body. */
  json?: unknown;
  /** Extra headers; `undefined` removes a default header (e.g. `x-org-id`). */
  headers?: Record<string, string | undefined> | undefined;
  /** valibot schema of the response body. */
  schema: S;
  /** Whether the call may be repeated safely; POST searches set true so they retry. */
  idempotent?: boolean | undefined;
  /** Aborts this request, including its waits. */
  signal?: AbortSignal | undefined;
}

/** A validated response. */
export interface HttpResponse<T> {
  /** The body, validated and typed by the schema. */
  data: T;
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
}

/** A configured, authenticated, rate-limited, retrying HTTP client for one vendor connection. */
export interface HttpClient {
  /** Vendor name. */
  readonly vendor: string;
  /** The base URL (normalised to end with `/`). */
  readonly baseUrl: URL;
  /** The clock the client waits with (pagination uses it for durations). */
  readonly clock: Clock;
  /** Sends one request; validates the JSON body with `schema` (valibot) into a typed result. */
  request<S extends v.GenericSchema>(o: RequestOptions<S>): Promise<HttpResponse<v.InferOutput<S>>>;
  /** The limiter's budget, when the client has a limiter. */
  budget(): BudgetSnapshot | undefined;
  /** Reports an event through `onEvent`, redacted (used by pagination for `page` events). */
  emit(event: ConnectorEvent): void;
  /** Scrubs this client's secrets from an error (for errors a connector raises itself). */
  redactError<E extends Error>(error: E): E;
  /** Secret-free description (also used by toJSON / util.inspect). */
  toJSON(): Record<string, unknown>;
}

/**
 * The transport settings every connector accepts and passes to its {@link HttpClient}: retries,
 * timeouts, the response size cap, the event hook, an abort signal, `fetch` and the clock. A connector's options extend
 * this, so a host app tunes every vendor the same way.
 */
export type TransportOptions = Pick<
  HttpClientOptions,
  'retry' | 'timeout' | 'onEvent' | 'signal' | 'fetch' | 'clock' | 'maxResponseBytes'
> & {
  /**
   * Where the connection's rate limiter keeps its counters and pauses (default: in memory). Give
   * every process the same shared store (`@org/connector-redis`'s) and connections to one tenant
   * share one budget: the vendor's windows, the pacing its headers ask for and every 429 pause.
   */
  rateLimitStore?: RateLimitStore | undefined;
  /**
   * The budget's key in `rateLimitStore` (default `<vendor>:<host>:<tenant>` from the
   * connection's identity, so connections to one tenant share it and other tenants do not).
   */
  rateLimitKey?: string | undefined;
};
