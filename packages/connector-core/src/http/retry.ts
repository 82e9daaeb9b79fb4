import type { AuthStrategy } from '../auth/auth-strategy.js';
import type { Clock } from '../clock/clock.js';
import { ConnectorError } from '../errors/connector-error.js';
import { NetworkError, RateLimitError, TimeoutError } from '../errors/errors.js';
import type { RateLimiter } from '../rate-limit/limiter.js';
import { isCredentialFailure } from './authorize.js';
import type { ConnectorEvent } from './events.js';
import type { CallMeta, Exchange, Failure } from './exchange.js';
import { backoffMs } from './retry-timing.js';

/** A server wait at least this long is a quota, not a short window. */
const QUOTA_MS = 3_600_000;

/** The resolved retry policy of a client. */
export interface RetryPolicy {
  limit: number;
  maxDelayMs: number;
  maxTotalDelayMs: number;
  baseDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

/** What {@link withRetry} needs to run one call. */
export interface RetryContext<T> {
  policy: RetryPolicy;
  clock: Clock;
  limiter: RateLimiter | undefined;
  auth: AuthStrategy | undefined;
  meta: CallMeta;
  method: string;
  idempotent: boolean;
  /** The limiter bucket the call draws on, when the vendor has per-endpoint limits. */
  bucket?: string | undefined;
  /** Aborts the call and its waits. */
  signal: AbortSignal;
  /** Epoch ms past which no retry is started (the total timeout), or Infinity. */
  deadline: number;
  emit: (event: ConnectorEvent) => void;
  /** One attempt: sends and reads the whole response. */
  attempt: (n: number) => Promise<Exchange>;
  /** Turns a complete response into data or a failure (and reports the response). */
  interpret: (ex: Exchange, n: number) => T | Failure;
}

function isFailure(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && (x as Failure).error instanceof ConnectorError;
}

/** An attempt that threw, as a failure when another attempt may help; rethrows otherwise. */
function thrownFailure(error: unknown): Failure {
  if (error instanceof TimeoutError || error instanceof NetworkError) {
    return { error, reason: error instanceof TimeoutError ? 'timeout' : 'network error' };
  }
  if (isCredentialFailure(error)) {
    return {
      error,
      reason: 'credential request failed',
      serverWaitMs: error instanceof RateLimitError ? error.retryAfterMs : undefined,
    };
  }
  throw error;
}

/**
 * Runs a call's attempts: through the limiter, refreshing the credential once after a 401,
 * pausing every call sharing the limiter when the server asks for a wait, and retrying retryable
 * failures of idempotent calls with backoff (or the server's wait) on the injected clock.
 *
 * A server wait longer than `maxRetryAfterMs` fails the call at once with a
 * {@link RateLimitError} carrying `retryAfterMs`, and pauses the limiter for `maxRetryAfterMs`
 * only; a wait longer than `maxDelayMs` pauses the limiter and is reported instead of slept through.
 */
export async function withRetry<T>(c: RetryContext<T>): Promise<T> {
  const { policy, clock, limiter, auth, meta, signal } = c;
  let refreshed = false;
  let waited = 0;
  for (let n = 1; ; n++) {
    c.emit({ type: 'request', ...meta, method: c.method, attempt: n });
    let outcome: T | Failure;
    let answered = false;
    try {
      const ex = limiter
        ? await limiter.schedule(() => c.attempt(n), {
            signal,
            bucket: c.bucket,
            onWait: (waitMs) =>
              c.emit({ type: 'rate-limited', ...meta, waitMs, source: 'limiter' }),
          })
        : await c.attempt(n);
      answered = true;
      limiter?.observe(ex.headers, { bucket: c.bucket });
      if (ex.status === 401 && auth?.refresh && !refreshed) {
        refreshed = true;
        if (await auth.refresh({ signal, request: ex.request })) {
          c.emit({
            type: 'retry',
            ...meta,
            method: c.method,
            attempt: n,
            delayMs: 0,
            reason: 'HTTP 401, credential refreshed',
          });
          continue;
        }
      }
      outcome = c.interpret(ex, n);
    } catch (error) {
      outcome = thrownFailure(error);
    }
    if (!isFailure(outcome)) return outcome;

    const { error, serverWaitMs, reason } = outcome;
    const isRateLimit = error instanceof RateLimitError;
    // The server itself said "too many": a limiter that learns its limit backs off.
    if (isRateLimit && answered) limiter?.throttled?.();
    const now = clock.now();
    if (isRateLimit && serverWaitMs !== undefined) {
      // Every call sharing the budget pauses, but never longer than the longest wait accepted:
      // a hostile or garbage header must not stop the connection for years.
      limiter?.pauseUntil(now + Math.min(serverWaitMs, policy.maxRetryAfterMs));
      c.emit({ type: 'rate-limited', ...meta, waitMs: serverWaitMs, source: 'server' });
    }
    if (
      serverWaitMs !== undefined &&
      serverWaitMs > policy.maxRetryAfterMs &&
      (isRateLimit || error.retryable)
    ) {
      // Longer than any wait we accept: fail at once and say how long the server asked for.
      throw new RateLimitError(error.message, {
        ...meta,
        status: error.status,
        requestId: error.requestId,
        retryAfterMs: serverWaitMs,
        scope: 'quota',
      });
    }
    if (!error.retryable || !c.idempotent || n > policy.limit) throw error;
    if (serverWaitMs !== undefined && serverWaitMs > policy.maxDelayMs) {
      // The server asks for longer than we may wait: report how long instead of waiting.
      if (isRateLimit) {
        throw new RateLimitError(error.message, {
          ...meta,
          status: error.status,
          requestId: error.requestId,
          retryAfterMs: serverWaitMs,
          scope: serverWaitMs >= QUOTA_MS ? 'quota' : 'window',
        });
      }
      throw error;
    }
    const delayMs =
      serverWaitMs ?? backoffMs(n, policy.baseDelayMs, policy.maxDelayMs, policy.random);
    if (isRateLimit && serverWaitMs === undefined) limiter?.pauseUntil(now + delayMs);
    if (waited + delayMs > policy.maxTotalDelayMs || now + delayMs >= c.deadline) throw error;
    c.emit({ type: 'retry', ...meta, method: c.method, attempt: n, delayMs, reason });
    await clock.sleep(delayMs, signal);
    waited += delayMs;
  }
}
