import { inspect } from 'node:util';
import ky, { isNetworkError as isKyNetworkError } from 'ky';
import * as v from 'valibot';
import { type Clock, systemClock } from '../clock/clock.js';
import { ConnectorError } from '../errors/connector-error.js';
import {
  AbortError,
  ConfigError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../errors/errors.js';
import { linkSignals } from '../internal/abort.js';
import { redact, withJsonEscapes } from '../redact/redact.js';
import { redactError, redactValue } from '../redact/redact-error.js';
import { parseErrorBody } from './error-body.js';
import type { ConnectorEvent } from './events.js';
import { defaultHttpError } from './map-error.js';
import type {
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  RequestOptions,
} from './options.js';
import { requestIdOf } from './request-id.js';
import { backoffMs, resetDelayMs, retryAfterMs } from './retry-timing.js';
import { parseBaseUrl, resolvePath } from './url.js';
import { toValidationIssues } from './validate.js';

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const MAX_REDIRECTS = 5;
/**
 * Reason a timeout timer is cancelled with when its request finished. `abort()` without a reason
 * builds a `DOMException` with a stack trace, twice per request, only to be thrown away.
 */
const TIMER_CANCELLED = Symbol('timer cancelled');
/** A server wait at least this long is a quota, not a short window. */
const QUOTA_MS = 3_600_000;

/**
 * Errors the auth strategy raised while getting a credential (an OAuth token endpoint's 503 or
 * timeout). The request itself was never sent, so a retryable one is retried like a network error.
 */
const credentialFailures = new WeakSet<ConnectorError>();

/** Per-request state the ky hook reads (ky passes `context` to hooks untouched). */
interface HookContext {
  omit: ReadonlySet<string>;
  signal: AbortSignal | undefined;
  sent?: Request;
}

/** One HTTP exchange: the response and its whole body. */
interface Exchange {
  response: Response;
  text: string;
  request: Request | undefined;
}

/** Why an attempt failed and whether another may help. */
interface Failure {
  error: ConnectorError;
  /** The server's own wait, when it gave one. */
  serverWaitMs?: number | undefined;
  reason: string;
}

/**
 * Creates an {@link HttpClient} on ky 2.
 *
 * ky builds and sends each request (URL, JSON body, headers, `fetch` injection, network-error
 * detection, the `beforeRequest` hook that attaches credentials). Retries and timeouts are done
 * here around ky, with ky's own disabled (`retry: 0`, `timeout: false`), because ky waits with real
 * `setTimeout`: it cannot use the injected {@link Clock}, cannot pause the other requests that
 * share a rate limiter after a 429, and cannot refresh a token and retry once on 401.
 *
 * @param o - Vendor, base URL, auth, limiter, retry, timeouts and hooks.
 */
export function createHttpClient(o: HttpClientOptions): HttpClient {
  if (!o.vendor) throw new ConfigError('The HTTP client needs a vendor name');
  const vendor = o.vendor;
  const baseUrl = parseBaseUrl(o.baseUrl);
  const clock: Clock = o.clock ?? systemClock;
  const auth = o.auth;
  const limiter = o.limiter;
  const retryLimit = o.retry?.limit ?? 4;
  const maxDelayMs = o.retry?.maxDelayMs ?? 60_000;
  const maxTotalDelayMs = o.retry?.maxTotalDelayMs ?? 300_000;
  const baseDelayMs = o.retry?.baseDelayMs ?? 500;
  const random = o.retry?.random ?? Math.random;
  const perAttemptMs = o.timeout?.perAttemptMs ?? 30_000;
  const totalMs = o.timeout?.totalMs;
  const secrets = () => auth?.secrets() ?? [];

  const defaultHeaders: Record<string, string> = { accept: 'application/json' };
  if (o.userAgent) defaultHeaders['user-agent'] = o.userAgent;
  for (const [name, value] of Object.entries(o.headers ?? {}))
    defaultHeaders[name.toLowerCase()] = value;

  const api = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    // Redirects are followed by hand so credentials never follow one to another origin.
    redirect: 'manual',
    ...(o.fetch ? { fetch: o.fetch } : {}),
    hooks: {
      beforeRequest: [
        async ({ request, options }) => {
          const ctx = options.context as unknown as HookContext;
          ctx.sent = request;
          if (auth && new URL(request.url).origin === baseUrl.origin) {
            try {
              await auth.authorize(request, { signal: ctx.signal, omitHeaders: ctx.omit });
            } catch (error) {
              if (error instanceof ConnectorError) credentialFailures.add(error);
              throw error;
            }
          }
        },
      ],
    },
  });

  const emit = (event: ConnectorEvent) => {
    if (!o.onEvent) return;
    try {
      o.onEvent(redactValue(event, secrets()) as ConnectorEvent);
    } catch {
      // An observer must not break the request it observes.
    }
  };

  const finish = <E extends Error>(error: E): E => redactError(error, secrets());

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
    const endpoint = redact(`${method} ${url.pathname}`, secrets());
    const idempotent = ro.idempotent ?? IDEMPOTENT.has(method);
    const base = { vendor, endpoint };

    const headers: Record<string, string> = { ...defaultHeaders };
    const omit = new Set<string>();
    for (const [name, value] of Object.entries(ro.headers ?? {})) {
      const key = name.toLowerCase();
      if (value === undefined) {
        delete headers[key];
        omit.add(key);
      } else headers[key] = value;
    }

    const total = new AbortController();
    let totalTimedOut = false;
    const totalTimer = new AbortController();
    if (totalMs !== undefined) {
      clock.sleep(totalMs, totalTimer.signal).then(
        () => {
          totalTimedOut = true;
          total.abort();
        },
        () => {},
      );
    }
    const requestLink = linkSignals(ro.signal, o.signal, total.signal);
    const signal = requestLink.signal;
    const deadline = totalMs === undefined ? Number.POSITIVE_INFINITY : clock.now() + totalMs;

    /** Sends one attempt (following same-origin redirects) and reads the whole body. */
    async function exchange(attempt: number): Promise<Exchange> {
      const attemptAbort = new AbortController();
      const attemptLink = linkSignals(signal, attemptAbort.signal);
      const attemptSignal = attemptLink.signal;
      let attemptTimedOut = false;
      const timer = new AbortController();
      clock.sleep(perAttemptMs, timer.signal).then(
        () => {
          attemptTimedOut = true;
          attemptAbort.abort();
        },
        () => {},
      );
      const started = clock.now();
      try {
        let target = url;
        let sendMethod: string = method;
        let json = ro.json;
        for (let hop = 0; ; hop++) {
          const ctx: HookContext = { omit, signal: attemptSignal };
          const response = await api(target, {
            method: sendMethod,
            headers,
            ...(json === undefined ? {} : { json }),
            ...(attemptSignal ? { signal: attemptSignal } : {}),
            context: ctx as unknown as Record<string, unknown>,
          });
          const location = response.headers.get('location');
          if (response.status >= 300 && response.status < 400 && location) {
            await response.body?.cancel();
            const next = new URL(location, target);
            if (next.origin !== baseUrl.origin || hop >= MAX_REDIRECTS) {
              throw new ServerError(
                `${vendor} ${endpoint} redirected ${hop >= MAX_REDIRECTS ? 'too often' : 'to another origin'}; not followed`,
                { ...base, status: response.status, retryable: false },
              );
            }
            if (response.status === 303) {
              sendMethod = 'GET';
              json = undefined;
            }
            target = next;
            continue;
          }
          const text = await response.text();
          emit({
            type: 'response',
            vendor,
            method,
            endpoint,
            status: response.status,
            durationMs: clock.now() - started,
            attempt,
            requestId: requestIdOf(response.headers, secrets()),
          });
          return { response, text, request: ctx.sent };
        }
      } catch (error) {
        if (attemptTimedOut) {
          throw new TimeoutError(
            `${vendor} ${endpoint} got no response within ${perAttemptMs} ms`,
            {
              ...base,
              cause: error,
            },
          );
        }
        if (signal?.aborted) throw new AbortError(undefined, base);
        if (error instanceof ConnectorError) throw error;
        if (isKyNetworkError(error) || error instanceof TypeError) {
          const detail =
            (error as Error).cause instanceof Error
              ? ((error as Error).cause as Error).message
              : '';
          throw new NetworkError(
            `${vendor} ${endpoint} failed before a response${detail ? `: ${detail}` : ''}`,
            { ...base, cause: error },
          );
        }
        throw error;
      } finally {
        timer.abort(TIMER_CANCELLED);
        attemptLink.unlink();
      }
    }

    /** Turns a complete exchange into data or a failure. */
    function interpret(ex: Exchange): HttpResponse<v.InferOutput<S>> | Failure {
      const { response } = ex;
      const status = response.status;
      const requestId = requestIdOf(response.headers, secrets());
      const meta = { ...base, status, requestId };
      if (status >= 200 && status < 300) {
        const { text } = ex;
        let body: unknown;
        if (text.trim() !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            const type = response.headers.get('content-type') ?? 'no content type';
            return {
              error: new ServerError(
                `${vendor} ${endpoint} returned a body that is not JSON (${type})`,
                {
                  ...meta,
                },
              ),
              reason: 'unparseable body',
            };
          }
        }
        const parsed = v.safeParse(ro.schema, body);
        if (parsed.success) return { data: parsed.output, status, headers: response.headers };
        const issues = toValidationIssues(parsed.issues);
        const first = issues[0];
        throw new ValidationError(
          `${vendor} ${endpoint} returned an unexpected shape at ${first?.path ?? '$'}: expected ${first?.expected}, received ${first?.received}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
          { ...meta, issues },
        );
      }
      // Scrubbed before anything reads or shortens it: the summary and the vendor's mapError hook
      // clip messages, and a secret cut in half is no longer recognised by later redaction.
      const text = redact(ex.text, withJsonEscapes(secrets()));
      const { body, summary } = parseErrorBody(
        text,
        response.headers.get('content-type'),
        secrets(),
      );
      let serverWaitMs = retryAfterMs(response.headers, clock.now());
      const mapped = o.mapError?.({
        status,
        body,
        bodyText: text,
        headers: response.headers,
        endpoint,
        retryAfterMs: serverWaitMs,
      });
      const isRateLimit = mapped ? mapped instanceof RateLimitError : status === 429;
      if (isRateLimit && serverWaitMs === undefined) {
        serverWaitMs =
          (mapped as RateLimitError | undefined)?.retryAfterMs ??
          o.retryAfter?.({ body, bodyText: text, headers: response.headers }) ??
          resetDelayMs(response.headers, clock.now());
      }
      const error =
        mapped ?? defaultHttpError(status, summary, { ...meta, retryAfterMs: serverWaitMs });
      return { error, serverWaitMs, reason: `HTTP ${status}` };
    }

    async function run(): Promise<HttpResponse<v.InferOutput<S>>> {
      let refreshed = false;
      let waited = 0;
      for (let attempt = 1; ; attempt++) {
        emit({ type: 'request', vendor, method, endpoint, attempt });
        let outcome: HttpResponse<v.InferOutput<S>> | Failure;
        try {
          const ex = limiter
            ? await limiter.schedule(() => exchange(attempt), {
                signal,
                onWait: (waitMs) =>
                  emit({ type: 'rate-limited', vendor, endpoint, waitMs, source: 'limiter' }),
              })
            : await exchange(attempt);
          limiter?.observe(ex.response.headers);
          if (ex.response.status === 401 && auth?.refresh && !refreshed) {
            refreshed = true;
            if (await auth.refresh({ signal, request: ex.request })) {
              emit({
                type: 'retry',
                vendor,
                method,
                endpoint,
                attempt,
                delayMs: 0,
                reason: 'HTTP 401, credential refreshed',
              });
              continue;
            }
          }
          outcome = interpret(ex);
        } catch (error) {
          if (error instanceof TimeoutError || error instanceof NetworkError) {
            outcome = {
              error,
              reason: error instanceof TimeoutError ? 'timeout' : 'network error',
            };
          } else if (error instanceof ConnectorError && credentialFailures.has(error)) {
            outcome = {
              error,
              reason: 'credential request failed',
              serverWaitMs: error instanceof RateLimitError ? error.retryAfterMs : undefined,
            };
          } else throw error;
        }
        if (!('error' in outcome)) return outcome;

        const { error, serverWaitMs, reason } = outcome;
        const isRateLimit = error instanceof RateLimitError;
        const now = clock.now();
        if (isRateLimit && serverWaitMs !== undefined) {
          limiter?.pauseUntil(now + serverWaitMs);
          emit({ type: 'rate-limited', vendor, endpoint, waitMs: serverWaitMs, source: 'server' });
        }
        if (!error.retryable || !idempotent || attempt > retryLimit) throw error;
        if (serverWaitMs !== undefined && serverWaitMs > maxDelayMs) {
          // The server asks for longer than we may wait: report how long instead of waiting.
          if (isRateLimit) {
            throw new RateLimitError(error.message, {
              ...base,
              status: error.status,
              requestId: error.requestId,
              retryAfterMs: serverWaitMs,
              scope: serverWaitMs >= QUOTA_MS ? 'quota' : 'window',
            });
          }
          throw error;
        }
        const delayMs = serverWaitMs ?? backoffMs(attempt, baseDelayMs, maxDelayMs, random);
        if (isRateLimit && serverWaitMs === undefined) limiter?.pauseUntil(now + delayMs);
        if (waited + delayMs > maxTotalDelayMs || now + delayMs >= deadline) throw error;
        emit({ type: 'retry', vendor, method, endpoint, attempt, delayMs, reason });
        await clock.sleep(delayMs, signal);
        waited += delayMs;
      }
    }

    try {
      return await run();
    } catch (error) {
      if (totalTimedOut) {
        throw finish(
          new TimeoutError(`${vendor} ${endpoint} did not complete within ${totalMs} ms`, {
            ...base,
            cause: error instanceof AbortError ? undefined : error,
          }),
        );
      }
      if (error instanceof ConnectorError && error.vendor === undefined) {
        Object.assign(error, base);
      }
      throw finish(error instanceof Error ? error : new Error(String(error)));
    } finally {
      totalTimer.abort(TIMER_CANCELLED);
      requestLink.unlink();
    }
  }

  const describe = () => ({
    vendor,
    baseUrl: baseUrl.href,
    auth: auth?.kind ?? (auth ? 'custom' : 'none'),
    retry: { limit: retryLimit, maxDelayMs, maxTotalDelayMs },
    timeout: { perAttemptMs, totalMs },
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
