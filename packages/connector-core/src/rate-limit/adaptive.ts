import { ConfigError } from '../errors/errors.js';

/**
 * How a limiter learns a limit the server enforces but does not announce (JumpCloud): additive
 * increase, multiplicative decrease. Until the first 429 nothing is held back; the first 429 sets
 * the limit below the rate that drew it; every window in which the limit held calls back adds
 * `increase`, up to just below the rate of the last 429; after `probeAfter` windows without one it
 * probes past that rate again, in case the server's limit rose.
 */
export interface AdaptiveLimitOptions {
  /** Window the learned limit counts calls in (default 1,000 ms). */
  intervalMs?: number | undefined;
  /** Calls per window before the first 429 (default: none held back until the server objects). */
  initial?: number | undefined;
  /** Fewest calls per window it backs off to (default 1). */
  min?: number | undefined;
  /** Calls per window added after each window in which the limit held calls back (default 1). */
  increase?: number | undefined;
  /** Factor the limit is multiplied by on a 429, above 0 and below 1 (default 0.7). */
  decrease?: number | undefined;
  /** Windows without a 429 before it probes past the rate that last drew one (default 30). */
  probeAfter?: number | undefined;
}

/** The learned limit's state, driven by the limiter. */
export interface AdaptiveLimit {
  readonly intervalMs: number;
  /** Calls per window now; `undefined` before anything was learned. */
  readonly limit: number | undefined;
  /** A 429 came back at `now`; `rate` is the calls counted in the last window. */
  throttled(now: number, rate: number): void;
  /** The limit held a call back at `now` (the window was full). */
  blocked(now: number): void;
  /** Raises the limit for every window since the last change in which it held calls back. */
  grow(now: number): void;
}

/** Creates the state of a learned limit; throws `ConfigError` for out-of-range options. */
export function createAdaptiveLimit(o: AdaptiveLimitOptions, now: number): AdaptiveLimit {
  const intervalMs = o.intervalMs ?? 1_000;
  const min = o.min ?? 1;
  const increase = o.increase ?? 1;
  const decrease = o.decrease ?? 0.7;
  const probeAfter = o.probeAfter ?? 30;
  if (!(intervalMs > 0) || !(min >= 1) || !(increase > 0) || !(probeAfter >= 0)) {
    throw new ConfigError(
      'Adaptive rate limit: intervalMs, min, increase and probeAfter out of range',
    );
  }
  if (!(decrease > 0 && decrease < 1)) {
    throw new ConfigError('Adaptive rate limit: decrease must be above 0 and below 1');
  }
  if (o.initial !== undefined && !(o.initial >= min)) {
    throw new ConfigError('Adaptive rate limit: initial must be at least min');
  }
  let limit = o.initial;
  // The rate the last 429 came at: the limit climbs back to just below it, then waits to probe.
  let ceiling = Number.POSITIVE_INFINITY;
  let lastDecrease = Number.NEGATIVE_INFINITY;
  let windowStart = now;
  let heldBack = false;
  return {
    intervalMs,
    get limit() {
      return limit;
    },
    throttled(at, rate) {
      // The calls in flight when the first 429 came went at the same rate: one decrease a window.
      if (at - lastDecrease < intervalMs) return;
      const base = limit === undefined ? rate : Math.min(limit, Math.max(rate, min));
      ceiling = base;
      limit = Math.max(min, Math.floor(base * decrease));
      lastDecrease = at;
      windowStart = at;
      heldBack = false;
    },
    blocked() {
      heldBack = true;
    },
    grow(at) {
      if (limit === undefined || at - windowStart < intervalMs) return;
      const windows = Math.floor((at - windowStart) / intervalMs);
      windowStart += windows * intervalMs;
      // A limit that held nothing back is not known to be too low: raising it would only let a
      // later burst draw 429s.
      if (!heldBack) return;
      heldBack = false;
      if (at - lastDecrease >= probeAfter * intervalMs) ceiling = Number.POSITIVE_INFINITY;
      limit = Math.max(limit, Math.min(limit + increase, ceiling - 1));
    },
  };
}
