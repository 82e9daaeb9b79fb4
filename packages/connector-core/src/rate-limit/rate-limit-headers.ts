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
  /** The unit named in the header (`minute`), or undefined for an unnamed policy. */
  unit: RateLimitUnit | undefined;
  /** Announced limit, when sent. */
  limit: number | undefined;
  /** Calls left in the window, when sent. */
  remaining: number | undefined;
  /** Milliseconds until the window resets, when sent. */
  resetMs: number | undefined;
  /**
   * Length of the window, when the vocabulary knows it though no header names it (Okta's
   * per-minute buckets); a window the server announces is adopted with it.
   */
  intervalMs?: number | undefined;
}

/**
 * A rate-limit header vocabulary: which response headers announce the limit, the calls left and
 * the reset, and how the reset is written. A transport declaration names the vocabularies its
 * vendor speaks (`rateLimitHeaders: ['okta']`); the limiter paces from them and a 429 without
 * `Retry-After` waits until their reset.
 */
export interface RateLimitHeaderNames {
  /** Name, for descriptions. */
  readonly name: string;
  /** Reads what a response says about its windows. */
  read(headers: Headers, now: number): WindowObservation[];
  /** Milliseconds until the window a 429 names resets, when the headers say. */
  resetMs(headers: Headers, now: number): number | undefined;
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
 * large to be a delta (some gateways send a timestamp where a delta belongs).
 */
export function resetToMs(value: number, now: number): number {
  if (value > 1e9) return Math.max(0, value * 1000 - now);
  return value * 1000;
}

/** Milliseconds until an epoch-seconds reset (never negative). */
const epochToMs = (value: number, now: number) => Math.max(0, value * 1000 - now);

/** A vocabulary of three headers: limit, remaining and reset, for one unnamed window. */
function triple(o: {
  name: string;
  limit: string;
  remaining: string;
  reset: string;
  /** How the reset is written. */
  resetIs: 'delta-seconds' | 'epoch-seconds';
  /** The window's length when the vendor documents it (no header says). */
  intervalMs?: number | undefined;
}): RateLimitHeaderNames {
  const resetMs = (headers: Headers, now: number) => {
    const reset = count(headers, o.reset);
    if (reset === undefined) return undefined;
    return o.resetIs === 'epoch-seconds' ? epochToMs(reset, now) : resetToMs(reset, now);
  };
  return {
    name: o.name,
    read(headers, now) {
      const remaining = count(headers, o.remaining);
      if (remaining === undefined) return [];
      return [
        {
          unit: undefined,
          limit: count(headers, o.limit),
          remaining,
          resetMs: resetMs(headers, now),
          intervalMs: o.intervalMs,
        },
      ];
    },
    resetMs,
  };
}

/** Kong's per-window headers: `x-ratelimit-limit-<unit>` and `x-ratelimit-remaining-<unit>`. */
const kong: RateLimitHeaderNames = {
  name: 'kong',
  read(headers) {
    const out: WindowObservation[] = [];
    for (const unit of Object.keys(UNIT_MS) as RateLimitUnit[]) {
      const limit = count(headers, `x-ratelimit-limit-${unit}`);
      const remaining = count(headers, `x-ratelimit-remaining-${unit}`);
      if (limit !== undefined || remaining !== undefined) {
        out.push({ unit, limit, remaining, resetMs: undefined });
      }
    }
    return out;
  },
  // Kong says when to retry in `Retry-After` and, for the tightest window, in `RateLimit-Reset`.
  resetMs: (headers, now) => {
    const n = count(headers, 'x-ratelimit-retry-after');
    return n === undefined ? undefined : resetToMs(n, now);
  },
};

/**
 * The rate-limit header vocabularies core knows, by the name a transport declaration gives:
 *
 * - `okta`: `X-Rate-Limit-Limit`, `-Remaining`, `-Reset` (epoch seconds), per endpoint and per
 *   minute.
 * - `kong`: `X-RateLimit-Limit-<Unit>` and `X-RateLimit-Remaining-<Unit>` per window (Kandji).
 * - `ietf`: the IETF draft's `RateLimit-Limit`, `-Remaining`, `-Reset` (delta seconds) for the
 *   window closest to empty.
 * - `github`: `X-RateLimit-Limit`, `-Remaining`, `-Reset` (epoch seconds).
 */
export const RATE_LIMIT_HEADERS = {
  okta: triple({
    name: 'okta',
    limit: 'x-rate-limit-limit',
    remaining: 'x-rate-limit-remaining',
    reset: 'x-rate-limit-reset',
    resetIs: 'epoch-seconds',
    intervalMs: UNIT_MS.minute,
  }),
  kong,
  ietf: triple({
    name: 'ietf',
    limit: 'ratelimit-limit',
    remaining: 'ratelimit-remaining',
    reset: 'ratelimit-reset',
    resetIs: 'delta-seconds',
  }),
  github: triple({
    name: 'github',
    limit: 'x-ratelimit-limit',
    remaining: 'x-ratelimit-remaining',
    reset: 'x-ratelimit-reset',
    resetIs: 'epoch-seconds',
  }),
} as const satisfies Record<string, RateLimitHeaderNames>;

/** The name of a vocabulary of {@link RATE_LIMIT_HEADERS}. */
export type RateLimitHeaderVocabulary = keyof typeof RATE_LIMIT_HEADERS;

/** What a limiter or client reads when its connector names no vocabulary. */
export const DEFAULT_RATE_LIMIT_HEADERS: readonly RateLimitHeaderVocabulary[] = [
  'kong',
  'ietf',
  'github',
];

/** The vocabularies named, checked. */
export function headerVocabularies(
  names: readonly RateLimitHeaderVocabulary[] | undefined,
): RateLimitHeaderNames[] {
  return (names ?? DEFAULT_RATE_LIMIT_HEADERS).map((name) => {
    const found = RATE_LIMIT_HEADERS[name];
    if (!found) throw new TypeError(`Unknown rate-limit header vocabulary "${String(name)}"`);
    return found;
  });
}

/**
 * What a response says about its windows, in the vocabularies given. The first vocabulary that
 * reads an unnamed window wins: a gateway that sends both `ratelimit-*` and `x-ratelimit-*`
 * describes one window twice.
 */
export function readRateLimitHeaders(
  headers: Headers,
  now: number,
  vocabularies: readonly RateLimitHeaderNames[] = headerVocabularies(undefined),
): WindowObservation[] {
  const out: WindowObservation[] = [];
  let unnamed = false;
  for (const v of vocabularies) {
    for (const obs of v.read(headers, now)) {
      if (obs.unit === undefined) {
        if (unnamed) continue;
        unnamed = true;
      }
      out.push(obs);
    }
  }
  return out;
}

/** The wait a 429's rate-limit headers imply, in the vocabularies given (first that says wins). */
export function rateLimitResetMs(
  headers: Headers,
  now: number,
  vocabularies: readonly RateLimitHeaderNames[],
): number | undefined {
  for (const v of vocabularies) {
    const ms = v.resetMs(headers, now);
    if (ms !== undefined) return ms;
  }
  return undefined;
}
