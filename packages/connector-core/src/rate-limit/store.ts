/** One limit window as a {@link RateLimitStore} sees it. */
export interface StoreWindow {
  /** Key the store counts under; limiters that share a key share the budget. */
  key: string;
  /** Calls allowed in any span of `intervalMs`. */
  limit: number;
  /** Length of the window in milliseconds. */
  intervalMs: number;
}

/** How much of one window is used, as of a given time. */
export interface WindowUsage {
  /** Calls counted in the window ending now. */
  used: number;
  /** When the oldest counted call leaves the window (epoch ms); `now` when none is counted. */
  resetsAt: number;
}

/** Answer of {@link RateLimitStore.acquire}. */
export interface AcquireResult {
  /** True when the calls were counted in every window. */
  granted: boolean;
  /** When not granted: the earliest time (epoch ms) at which the same request could succeed. */
  retryAt?: number | undefined;
  /** When not granted: index (into the windows passed) of the window that blocks longest. */
  blockedBy?: number | undefined;
  /** Usage of each window after the call, in the order passed. */
  usage: WindowUsage[];
  /** When not granted because of a shared pause (stores with `pausesInAcquire`): when it ends. */
  pausedUntil?: number | undefined;
}

/**
 * Where a rate limiter keeps its counters. Windows are sliding: a call counts against a window for
 * `intervalMs` after it was made. The in-memory default serves one process; a shared store (for
 * example on Redis) lets several processes share one budget. Methods may return promises.
 */
export interface RateLimitStore {
  /** Atomically counts `cost` calls at `now` in every window when all have room, else counts none. */
  acquire(
    windows: readonly StoreWindow[],
    cost: number,
    now: number,
  ): AcquireResult | Promise<AcquireResult>;
  /** Counts `count` calls at time `at` without checking limits (budget learned from the server). */
  record(window: StoreWindow, at: number, count: number): void | Promise<void>;
  /** Usage of each window at `now`. */
  usage(windows: readonly StoreWindow[], now: number): WindowUsage[] | Promise<WindowUsage[]>;
  /**
   * Moves `cost` calls counted at `startedAt` to `endedAt`, when a call finishes. Optional: a store
   * without it counts calls from when they started. Counting from the end is what keeps a client
   * under a server that counts a request when it arrives: however late a request reached the
   * server, its slot is not reused until a full interval after its response came back.
   */
  settle?(
    windows: readonly StoreWindow[],
    startedAt: number,
    endedAt: number,
    cost: number,
  ): void | Promise<void>;
  /**
   * Pauses every limiter sharing `key` until `until` (epoch ms), after a 429. Optional: without it
   * a pause holds only the limiter that saw the 429.
   */
  pause?(key: string, until: number): void | Promise<void>;
  /** When the pause on `key` ends (epoch ms), or 0 when there is none. */
  pausedUntil?(key: string): number | Promise<number>;
  /**
   * True when `acquire` itself honours the pause on the limiter's key (answering `pausedUntil`
   * in its result), so the limiter need not ask `pausedUntil` before every acquire: one store
   * command per call instead of two.
   */
  readonly pausesInAcquire?: boolean | undefined;
  /**
   * Calls `listener` whenever a call of limiter `key` in another process frees shared capacity (a
   * concurrency lease), so a limiter waiting for it looks again at once instead of polling.
   * Returns a function that stops listening. Optional.
   */
  onRelease?(key: string, listener: () => void): () => void;
}

/**
 * The default {@link RateLimitStore}: sliding logs in memory. A log holds at most `limit` entries
 * per window, so memory is bounded by the limits, not by the number of calls.
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  const logs = new Map<string, number[]>();
  const pauses = new Map<string, number>();

  const prune = (w: StoreWindow, now: number): number[] => {
    let log = logs.get(w.key);
    if (!log) {
      log = [];
      logs.set(w.key, log);
    }
    const since = now - w.intervalMs;
    let drop = 0;
    while (drop < log.length && (log[drop] ?? 0) <= since) drop++;
    if (drop > 0) log.splice(0, drop);
    return log;
  };

  const usageOf = (w: StoreWindow, log: number[], now: number): WindowUsage => ({
    used: log.length,
    resetsAt: log.length > 0 ? (log[0] ?? now) + w.intervalMs : now,
  });

  const insert = (log: number[], at: number, count: number) => {
    let i = log.length;
    while (i > 0 && (log[i - 1] ?? 0) > at) i--;
    // Almost every call lands at the end (now is the latest time): push, with no copy or splice.
    if (i === log.length) {
      for (let k = 0; k < count; k++) log.push(at);
      return;
    }
    log.splice(i, 0, ...Array.from({ length: count }, () => at));
  };

  return {
    acquire(windows, cost, now) {
      const logsNow = windows.map((w) => prune(w, now));
      let retryAt: number | undefined;
      let blockedBy: number | undefined;
      windows.forEach((w, i) => {
        const log = logsNow[i] ?? [];
        const over = log.length + cost - w.limit;
        if (over <= 0) return;
        // The call fits once `over` of the oldest entries have left the window.
        const oldest =
          cost > w.limit ? Number.POSITIVE_INFINITY : (log[over - 1] ?? now) + w.intervalMs;
        if (retryAt === undefined || oldest > retryAt) {
          retryAt = oldest;
          blockedBy = i;
        }
      });
      if (retryAt !== undefined) {
        return {
          granted: false,
          retryAt,
          blockedBy,
          usage: windows.map((w, i) => usageOf(w, logsNow[i] ?? [], now)),
        };
      }
      for (const log of logsNow) insert(log, now, cost);
      return { granted: true, usage: windows.map((w, i) => usageOf(w, logsNow[i] ?? [], now)) };
    },
    record(window, at, count) {
      if (count <= 0) return;
      const log = prune(window, at);
      insert(log, at, count);
      // Keep memory bounded by the limit: the newest entries decide when room frees up.
      const excess = log.length - Math.max(window.limit, 1) * 2;
      if (excess > 0) log.splice(0, excess);
    },
    usage(windows, now) {
      return windows.map((w) => usageOf(w, prune(w, now), now));
    },
    pause(key, until) {
      pauses.set(key, Math.max(pauses.get(key) ?? 0, until));
    },
    pausedUntil(key) {
      return pauses.get(key) ?? 0;
    },
    settle(windows, startedAt, endedAt, cost) {
      if (endedAt <= startedAt) return;
      for (const w of windows) {
        const log = logs.get(w.key);
        if (!log) continue;
        let moved = 0;
        for (let i = log.length - 1; i >= 0 && moved < cost; i--) {
          if (log[i] !== startedAt) continue;
          log.splice(i, 1);
          moved++;
        }
        // A call that already left the window (or was pruned) has nothing to move.
        if (moved > 0) insert(log, endedAt, moved);
      }
    },
  };
}
