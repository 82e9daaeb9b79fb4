import { RateLimitError } from '../errors/errors.js';
import {
  headerVocabularies,
  type RateLimitHeaderNames,
  rateLimitResetMs,
} from '../rate-limit/rate-limit-headers.js';
import { redact, withJsonEscapes } from '../redact/redact.js';
import { parseErrorBody } from './error-body.js';
import type { CallMeta, Exchange, Failure } from './exchange.js';
import { defaultHttpError } from './map-error.js';
import type { HttpClientOptions } from './options.js';
import { retryAfterMs } from './retry-timing.js';

/**
 * Maps an error response to a typed error and the wait the server asked for: the vendor's
 * `mapError` hook first, then the default by status. A rate limit without `Retry-After` reads the
 * vendor's `retryAfter` hook, then the reset in the rate-limit header vocabularies the client was
 * given (the limiter paces from the same ones).
 */
export function errorResponse(
  ex: Exchange,
  meta: CallMeta & { status: number; requestId: string | undefined },
  o: Pick<HttpClientOptions, 'mapError' | 'retryAfter'>,
  secrets: readonly string[],
  now: number,
  vocabularies: readonly RateLimitHeaderNames[] = headerVocabularies(undefined),
): Failure {
  const { status, headers } = ex;
  // Scrubbed before anything reads or shortens it: the summary and the vendor's mapError hook
  // clip messages.
  const text = redact(ex.text, withJsonEscapes(secrets));
  const { body, summary } = parseErrorBody(text, headers.get('content-type'), secrets);
  let serverWaitMs = retryAfterMs(headers, now);
  const mapped = o.mapError?.({
    status,
    body,
    bodyText: text,
    headers,
    endpoint: meta.endpoint,
    retryAfterMs: serverWaitMs,
  });
  const isRateLimit = mapped ? mapped instanceof RateLimitError : status === 429;
  if (isRateLimit && serverWaitMs === undefined) {
    serverWaitMs =
      (mapped as RateLimitError | undefined)?.retryAfterMs ??
      o.retryAfter?.({ body, bodyText: text, headers }) ??
      rateLimitResetMs(headers, now, vocabularies);
  }
  const error =
    mapped ?? defaultHttpError(status, summary, { ...meta, retryAfterMs: serverWaitMs });
  return { error, serverWaitMs, reason: `HTTP ${status}` };
}
