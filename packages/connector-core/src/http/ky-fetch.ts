/**
 * What {@link kyFetch} needs of a ky instance: a call with a URL and options that resolves to the
 * `Response`. Structural, so core neither imports ky nor needs its types.
 */
export type KyLike = (input: string | Request, options: KyCallOptions) => PromiseLike<Response>;

/** The options {@link kyFetch} passes to the ky instance: fetch's, plus ky's own turned off. */
export interface KyCallOptions extends RequestInit {
  /** Off: core retries (backoff, `Retry-After`, the shared 429 pause, its deadlines). */
  retry: 0;
  /** Off: core's per-attempt and total deadlines apply, on its injectable clock. */
  timeout: false;
  /** Off, likewise. */
  totalTimeout: false;
  /** Off: core maps every status to its typed errors. */
  throwHttpErrors: false;
  /** Cleared: core sends absolute URLs, which a `prefix` set on the instance would break. */
  prefix: undefined;
}

/**
 * A `fetch` that sends every request through the host's configured ky instance (ky 2), for the
 * `fetch` option of `createHttpClient` and of every connector: the instance's hooks
 * (`beforeRequest` for tracing headers, `afterResponse` for logging, `beforeError`), its headers
 * and its own `fetch` (a proxy-aware one) all apply, while core keeps what it owns: ky's retries,
 * timeouts and status errors are turned off for these calls, so core's retries and 429 pauses,
 * deadlines, response byte cap, redirect policy (`redirect: 'manual'`) and redaction behave as
 * over any other `fetch`.
 *
 * ky is an optional peer dependency: install it yourself; core never imports it.
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { kyFetch } from '@org/connector-core';
 *
 * const traced = ky.create({
 *   hooks: { beforeRequest: [({ request }) => request.headers.set('traceparent', currentTrace())] },
 * });
 * const okta = createOktaConnector({ orgUrl, apiToken, fetch: kyFetch(traced) });
 * ```
 *
 * @param instance - The host's ky instance (`ky.create(...)`, `ky.extend(...)` or `ky` itself).
 */
export function kyFetch(instance: KyLike): typeof fetch {
  return async (input, init) => {
    return instance(input instanceof Request ? input : String(input), {
      ...init,
      retry: 0,
      timeout: false,
      totalTimeout: false,
      throwHttpErrors: false,
      prefix: undefined,
    });
  };
}
