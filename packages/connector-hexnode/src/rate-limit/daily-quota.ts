import { PermissionError, RateLimitError } from '@org/connector-core';
import type { RateLimiter } from '@org/connector-core/kit';

/** Name of the limiter window that holds Hexnode's daily quota. */
export const DAY_WINDOW = 'day';

/**
 * Day-window limit while the quota is not known yet. Only the learning call runs under it, or,
 * when the device count cannot be read, every call: the server's 429 then enforces the quota.
 */
export const UNKNOWN_QUOTA = Number.MAX_SAFE_INTEGER;

/** Where the daily quota came from. */
export type DailyQuotaSource = 'config' | 'managed-devices' | 'learned' | 'unknown';

/** The daily quota of a Hexnode connection and how much of it is left. */
export interface DailyQuota {
  /** Calls allowed per day, or `undefined` while unknown. */
  limit: number | undefined;
  /** Calls left in the current day window, or `undefined` while the quota is unknown. */
  remaining: number | undefined;
  /** When the oldest counted call leaves the day window (the budget grows again then). */
  resetsAt: Date | undefined;
  /** Managed devices the quota was computed from, when known. */
  managedDevices: number | undefined;
  /**
   * Where the limit came from: `limits.perDay.limit` (`config`), the `managedDevices` option, the
   * device count learned from the API, or `unknown` (not learned yet, or the key cannot read
   * devices).
   */
  source: DailyQuotaSource;
}

/** Tracks the daily quota: configured, or learned once from the device count. */
export type DailyQuotaTracker = ReturnType<typeof createDailyQuotaTracker>;

/**
 * Creates the tracker of a connection's daily quota: `fixedLimit` (`limits.perDay.limit`) wins,
 * else `perDevice` × `managedDevices`, else the device count read once with `countDevices`. The
 * limiter's `day` window holds the quota.
 */
export function createDailyQuotaTracker(o: {
  limiter: RateLimiter;
  fixedLimit: number | undefined;
  managedDevices: number | undefined;
  perDevice: number;
  countDevices: (signal?: AbortSignal) => Promise<number>;
  now: () => number;
}) {
  let source: DailyQuotaSource = 'unknown';
  let managedDevices = o.managedDevices;
  let limit: number | undefined;
  let learning: Promise<void> | undefined;
  let settled = false;

  // A portal with no enrolled device still answers calls; count it as one device rather than zero.
  const fromDevices = (count: number) => o.perDevice * Math.max(1, count);
  const apply = (value: number, from: DailyQuotaSource) => {
    limit = value;
    source = from;
    settled = true;
    o.limiter.setLimit(DAY_WINDOW, value);
  };
  if (o.fixedLimit !== undefined) apply(o.fixedLimit, 'config');
  else if (managedDevices !== undefined) apply(fromDevices(managedDevices), 'managed-devices');
  const dayWindow = () => o.limiter.budget().windows.find((w) => w.name === DAY_WINDOW);

  return {
    /** Resolves once the quota is known or known to be unknowable; learns it at most once at a time. */
    ready(signal?: AbortSignal): Promise<void> {
      if (settled) return Promise.resolve();
      learning ??= o.countDevices(signal).then(
        (count) => {
          managedDevices = count;
          apply(fromDevices(count), 'learned');
        },
        (error: unknown) => {
          learning = undefined;
          // A key that may read users but not devices still syncs; the server's 429 then enforces
          // the quota. Any other failure (401, network) is the caller's to see.
          if (!(error instanceof PermissionError)) throw error;
          settled = true;
        },
      );
      return learning;
    },
    /** True while the next `ready()` will spend a call learning the device count. */
    needsLearning: () => !settled,
    /** Current quota and remaining budget. */
    snapshot(): DailyQuota {
      const day = limit === undefined ? undefined : dayWindow();
      return { limit, remaining: day?.remaining, resetsAt: day?.resetsAt, managedDevices, source };
    },
    /**
     * Throws a `RateLimitError` of scope `quota` when `calls` more calls would exceed what is left
     * today, so a sync that cannot finish does not start spending the budget.
     */
    reserve(calls: number, what: { endpoint: string; total: number }): void {
      if (calls <= 0 || limit === undefined) return;
      const day = dayWindow();
      if (!day || day.remaining >= calls) return;
      throw new RateLimitError(
        `Hexnode daily API quota: reading all ${what.total} items needs ${calls} more calls but only ${day.remaining} of ${limit} remain today, so the listing stopped before spending them. Retry when the quota recovers, or raise pageSize.`,
        {
          vendor: 'hexnode',
          endpoint: what.endpoint,
          scope: 'quota',
          retryAfterMs: Math.max(0, day.resetsAt.getTime() - o.now()),
        },
      );
    },
  };
}
