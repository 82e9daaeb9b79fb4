import {
  AuthenticationError,
  type ConnectorError,
  PermissionError,
  RateLimitError,
} from '@org/connector-core';
import type { ErrorContext } from '@org/connector-core/kit';
import * as v from 'valibot';

// Django REST Framework's error body, `{"detail": "..."}`; HTML, empty or other bodies do not match.
const HexnodeErrorBody = v.object({ detail: v.string() });

/** The permission a Hexnode call (`METHOD /api/v1/<resource>/...`) needs; accounts need "Read Users". */
export function hexnodePermissionFor(endpoint: string): string {
  if (/\/usergroups\//.test(endpoint)) return 'Read User Groups';
  if (/\/devicegroups\//.test(endpoint)) return 'Read Device Groups';
  if (/\/devices\//.test(endpoint)) return 'Read Devices';
  return 'Read Users';
}

/**
 * DRF answers 403 (not 401) when its authentication class sends no `WWW-Authenticate` header, so a
 * revoked key or disabled API access can come back as 403 with one of these details. Those mean
 * "reconnect", not "grant a permission".
 */
const AUTH_FAILURE =
  /invalid (api )?(key|token)|credentials were not provided|not authenticated|authentication|api access (is )?(disabled|not enabled|turned off)|expired/i;

function detailOf(ctx: { body: unknown }): string | undefined {
  const parsed = v.safeParse(HexnodeErrorBody, ctx.body);
  return parsed.success ? parsed.output.detail : undefined;
}

const THROTTLE = /expected available in\s+(\d+(?:\.\d+)?)\s*seconds?/i;

/**
 * How long a Hexnode 429 asks to wait, read from DRF's throttle sentence
 * ("Request was throttled. Expected available in 57.0 seconds."), in the JSON `detail` or in a
 * plain-text body. The HTTP client reads `Retry-After` itself, first.
 *
 * @returns Milliseconds to wait, or `undefined` when the body does not say.
 */
export function hexnodeRetryAfter(ctx: { body: unknown; bodyText: string }): number | undefined {
  const match = THROTTLE.exec(detailOf(ctx) ?? ctx.bodyText ?? '');
  if (!match?.[1]) return undefined;
  const seconds = Number.parseFloat(match[1]);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

/**
 * Builds the `mapError` hook of the Hexnode HTTP client.
 *
 * - 401, and 403 whose detail says the key itself was refused → `AuthenticationError` (reconnect).
 * - other 403 → `PermissionError` naming the permission (`Read Users`, `Read Devices`, ...).
 * - 429 asking for a wait longer than `maxWaitMs` → `RateLimitError` of scope `quota`
 *   at once: that is the daily quota, not the minute window, and retrying would only hammer it.
 * - anything else → `undefined`: the core's default mapping and retries.
 */
export function createHexnodeErrorMapper(o: {
  maxWaitMs: number;
}): (ctx: ErrorContext) => ConnectorError | undefined {
  return (ctx) => {
    const base = { vendor: 'hexnode', endpoint: ctx.endpoint, status: ctx.status };
    const detail = detailOf(ctx);
    if (ctx.status === 401 || (ctx.status === 403 && detail && AUTH_FAILURE.test(detail))) {
      return new AuthenticationError(
        'Hexnode refused the API key: reconnect required (the key was revoked or regenerated, or API access was turned off in Admin › General Settings › API)',
        base,
      );
    }
    if (ctx.status === 403) {
      const permission = hexnodePermissionFor(ctx.endpoint);
      return new PermissionError(
        `The Hexnode API key lacks the "${permission}" permission needed for ${ctx.endpoint}`,
        { ...base, permission },
      );
    }
    if (ctx.status === 429) {
      const waitMs = ctx.retryAfterMs ?? hexnodeRetryAfter(ctx);
      if (waitMs !== undefined && waitMs > o.maxWaitMs) {
        return new RateLimitError(
          `Hexnode's daily API quota is used up (10 calls per managed device per day); calls are available again in ${Math.ceil(waitMs / 1000)} s`,
          // Not retryable here: the wait is longer than the caller accepts, so fail at once.
          { ...base, scope: 'quota', retryAfterMs: waitMs, retryable: false },
        );
      }
    }
    return undefined;
  };
}
