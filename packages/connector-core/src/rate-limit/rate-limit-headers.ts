/** Window lengths named in `x-ratelimit-*-<unit>` headers. */
export const UNIT_MS = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
} as const;

/** A unit of {@link UNIT_MS}. */
export type RateLimitUnit = keyof typeof UNIT_MS;

/** What one response said about one window. */
export interface WindowObservation {
  /** The unit named in the header (`minute`), or undefined for the unnamed `ratelimit-*` policy. */
  unit: RateLimitUnit | undefined;
  /** Announced limit, when sent. */
  limit: number | undefined;
  /** Calls left in the window, when sent. */
  remaining: number | undefined;
  /** Milliseconds until the window resets, when sent. */
  resetMs: number | undefined;
}

function count(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null) return undefined;
  // `ratelimit-limit: 10, 10;w=1` (IETF draft): the first number is the one that applies now.
  const n = Number.parseFloat(raw.split(/[,;]/)[0]?.trim() ?? '');
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Milliseconds until a reset given as delta seconds, or as epoch seconds when the number is too
 * large to be a delta (some gateways send a timestamp).
 */
export function resetToMs(value: number, now: number): number {
  if (value > 1e9) return Math.max(0, value * 1000 - now);
  return value * 1000;
}

/** Reads Kong-style `x-ratelimit-*-<unit>` and IETF-draft `ratelimit-*` headers. */
export function readRateLimitHeaders(headers: Headers, now: number): WindowObservation[] {
  const out: WindowObservation[] = [];
  for (const unit of Object.keys(UNIT_MS) as RateLimitUnit[]) {
    const limit = count(headers, `x-ratelimit-limit-${unit}`);
    const remaining = count(headers, `x-ratelimit-remaining-${unit}`);
    if (limit !== undefined || remaining !== undefined) {
      out.push({ unit, limit, remaining, resetMs: undefined });
    }
  }
  const remaining =
    count(headers, 'ratelimit-remaining') ?? count(headers, 'x-ratelimit-remaining');
  const reset = count(headers, 'ratelimit-reset') ?? count(headers, 'x-ratelimit-reset');
  const limit = count(headers, 'ratelimit-limit') ?? count(headers, 'x-ratelimit-limit');
  if (remaining !== undefined) {
    out.push({
      unit: undefined,
      limit,
      remaining,
      resetMs: reset === undefined ? undefined : resetToMs(reset, now),
    });
  }
  return out;
}
