import { inspect } from 'node:util';
import type * as v from 'valibot';
import { type Clock, systemClock } from '../clock/clock.js';
import { ConnectorError } from '../errors/connector-error.js';
import { AbortError, ConfigError, TimeoutError } from '../errors/errors.js';
import { headerVocabularies } from '../rate-limit/rate-limit-headers.js';
import { redact } from '../redact/redact.js';
import { attempt } from './attempt.js';
import { startDeadline } from './deadline.js';
import { decode } from './decode.js';
import { errorResponse } from './error-response.js';
import type { CallMeta, Exchange, Failure } from './exchange.js';
import type {
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  RequestOptions,
} from './options.js';
import { clientRedaction } from './redaction.js';
import { requestIdOf } from './request-id.js';
import { resolveSettings } from './resolve-options.js';
import { withRetry } from './retry.js';
import type { SendPlan } from './send.js';
import { parseBaseUrl, resolvePath } from './url.js';
import { wireFor } from './wire.js';

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/**
 * Creates an {@link HttpClient}: one `request` function that resolves the URL, then runs attempts
 * (`withRetry`) of one send (the credential, same-origin redirects, the body read under a byte
 * cap) under a per-attempt deadline, inside a total deadline, and decodes the answer or maps the
 * error. Every wait is on the injected {@link Clock}; every error and event leaving the client is
 * redacted.
 *
 * Requests go over `node:http` / `node:https` (Node's global keep-alive agents) unless
 * `options.fetch` is given, in which case that `fetch` is called directly, without a `Request` per
 * call. Either way aborts and deadlines cancel the exchange from the client's own listeners, so
 * they keep working after a garbage collection (nodejs/node#55428).
 *
 * @param o - Vendor, base URL, auth, limiter, retry, timeouts, body cap and hooks.
 * @throws `ConfigError` for a missing vendor, a bad base URL or an out-of-range number.
 */
export function createHttpClient(o: HttpClientOptions): HttpClient {
  if (!o.vendor) throw new ConfigError('The HTTP client needs a vendor name');
  const vendor = o.vendor;
  const baseUrl = parseBaseUrl(o.baseUrl);
  const origin = baseUrl.origin;
  const settings = resolveSettings(o);
  const { retry: policy, perAttemptMs, totalMs, maxResponseBytes } = settings;
  const clock: Clock = o.clock ?? systemClock;
  const auth = o.auth;
  const limiter = o.limiter;
  const wire = wireFor(o.fetch);
  const { secrets, emit, finish } = clientRedaction(auth, o.onEvent);
  const vocabularies = headerVocabularies(o.rateLimitHeaders);

  const defaultHeaders: Record<string, string> = { accept: 'application/json' };
  if (o.userAgent) defaultHeaders['user-agent'] = o.userAgent;
  for (const [name, value] of Object.entries(o.headers ?? {}))
    defaultHeaders[name.toLowerCase()] = value;

  /** Turns a complete exchange into data or a failure, and reports the response. */
  function interpret<S extends v.GenericSchema>(
    ex: Exchange,
    schema: S,
    meta: CallMeta,
    method: string,
    n: number,
    started: number,
  ): HttpResponse<v.InferOutput<S>> | Failure {
    const requestId = requestIdOf(ex.headers, secrets());
    emit({
      type: 'response',
      ...meta,
      method,
      status: ex.status,
      durationMs: clock.now() - started,
      attempt: n,
      requestId,
    });
    const full = { ...meta, status: ex.status, requestId };
    if (ex.status >= 200 && ex.status < 300) return decode(ex, schema, full);
    return errorResponse(ex, full, o, secrets(), clock.now(), vocabularies);
  }

  async function request<S extends v.GenericSchema>(
    ro: RequestOptions<S>,
  ): Promise<HttpResponse<v.InferOutput<S>>> {
    const method = ro.method ?? 'GET';
    let url: URL;
    try {
      url = resolvePath(baseUrl, ro.path, ro.query);
    } catch (error) {
      throw finish(error as Error);
    }
    const meta: CallMeta = { vendor, endpoint: redact(`${method} ${url.pathname}`, secrets()) };

    const headers: Record<string, string> = { ...defaultHeaders };
    const omit = new Set<string>();
    for (const [name, value] of Object.entries(ro.headers ?? {})) {
      const key = name.toLowerCase();
      if (value === undefined) {
        delete headers[key];
        omit.add(key);
      } else headers[key] = value;
    }
    const plan: SendPlan = {
      wire,
      auth,
      origin,
      url,
      method,
      headers,
      omit,
      body: ro.json === undefined ? undefined : JSON.stringify(ro.json),
      maxBytes: maxResponseBytes,
      meta,
    };

    // One controller per call, aborted by the caller's signal, the connector's, or the total
    // deadline. Its listeners are strong, so what an abort must reach stays reachable.
    const call = new AbortController();
    const parents = [ro.signal, o.signal].filter((s): s is AbortSignal => s !== undefined);
    const onParentAbort = () => call.abort();
    for (const parent of parents) {
      if (parent.aborted) call.abort();
      else parent.addEventListener('abort', onParentAbort, { once: true });
    }
    const total = startDeadline(clock, totalMs, call);
    const deadline = totalMs === undefined ? Number.POSITIVE_INFINITY : clock.now() + totalMs;
    // Attempts of one call run one after another: when the current one started.
    let started = 0;

    try {
      return await withRetry({
        policy,
        clock,
        limiter,
        auth,
        meta,
        method,
        idempotent: ro.idempotent ?? IDEMPOTENT.has(method),
        bucket: o.rateLimitBucket?.({ method, path: url.pathname }),
        signal: call.signal,
        deadline,
        emit,
        attempt: (_n) => {
          started = clock.now();
          return attempt(plan, clock, perAttemptMs, call.signal);
        },
        interpret: (ex, n) => interpret(ex, ro.schema, meta, method, n, started),
      });
    } catch (error) {
      if (total.expired) {
        throw finish(
          new TimeoutError(`${vendor} ${meta.endpoint} did not complete within ${totalMs} ms`, {
            ...meta,
            cause: error instanceof AbortError ? undefined : error,
          }),
        );
      }
      if (call.signal.aborted && !(error instanceof AbortError)) {
        throw finish(new AbortError(undefined, meta));
      }
      if (error instanceof ConnectorError && error.vendor === undefined) {
        Object.assign(error, meta);
      }
      throw finish(error instanceof Error ? error : new Error(String(error)));
    } finally {
      total.cancel();
      for (const parent of parents) parent.removeEventListener('abort', onParentAbort);
    }
  }

  const describe = () => ({
    vendor,
    baseUrl: baseUrl.href,
    auth: auth?.kind ?? (auth ? 'custom' : 'none'),
    retry: {
      limit: policy.limit,
      maxDelayMs: policy.maxDelayMs,
      maxTotalDelayMs: policy.maxTotalDelayMs,
      maxRetryAfterMs: policy.maxRetryAfterMs,
    },
    timeout: { perAttemptMs, totalMs },
    maxResponseBytes,
    budget: limiter?.budget(),
  });

  return {
    vendor,
    baseUrl,
    clock,
    request,
    budget: () => limiter?.budget(),
    emit,
    redactError: finish,
    toJSON: describe,
    [inspect.custom]: describe,
  } as HttpClient;
}
