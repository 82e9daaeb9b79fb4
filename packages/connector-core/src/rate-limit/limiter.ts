import { inspect } from 'node:util';
import { type Clock, systemClock } from '../clock/clock.js';
import { ConnectorError } from '../errors/connector-error.js';
import { AbortError, ConfigError, RateLimitError, StoreError } from '../errors/errors.js';
import { andThen, type MaybePromise } from '../internal/maybe-promise.js';
import { boundCall } from '../internal/store-call.js';
import type { BudgetSnapshot } from '../model/connector.js';
import { type AdaptiveLimitOptions, createAdaptiveLimit } from './adaptive.js';
import {
  headerVocabularies,
  type RateLimitHeaderVocabulary,
  readRateLimitHeaders,
  UNIT_MS,
  type WindowObservation,
} from './rate-limit-headers.js';
import {
  createMemoryRateLimitStore,
  type RateLimitStore,
  type StoreWindow,
  type WindowUsage,
} from './store.js';

/** One limit: at most `limit` calls in any span of `intervalMs`. */
export interface RateLimitWindow {
  /** Name used in budgets and by {@link RateLimiter.setLimit}, such as `minute` or `day`. */
  name: string;
  /** Calls allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  intervalMs: number;
  /**
   * Whether `limit` is only a default the server's announcement replaces, up or down (a limit
   * that depends on the tenant's plan). Otherwise it is this connection's share, which an
   * announcement may lower but never raise.
   */
  assumed?: boolean | undefined;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Limits that all apply at once, such as 30 per minute AND 10,000 per day. */
  windows?: RateLimitWindow[] | undefined;
  /** Maximum calls in flight (default: unlimited). */
  concurrency?: number | undefined;
  /** Clock for windows and waits (default: {@link systemClock}). */
  clock?: Clock | undefined;
  /** Where counters live (default: in memory). */
  store?: RateLimitStore | undefined;
  /** Store key prefix; limiters with the same key and store share one budget (default: unique). */
  key?: string | undefined;
  /**
   * Longest a call waits for a slot before failing with `RateLimitError` instead (default 60 s).
   * A daily quota that is used up fails fast rather than waiting for hours.
   */
  maxWaitMs?: number | undefined;
  /**
   * Learns a limit the server enforces without announcing it, from its 429s (see
   * {@link AdaptiveLimitOptions}); every caller of this limiter shares what it learns. It applies
   * beside `windows`, which stay the host's own limits.
   */
  adaptive?: AdaptiveLimitOptions | undefined;
  /**
   * The rate-limit header vocabularies the server speaks (default `['kong', 'ietf', 'github']`),
   * such as `['okta']`: what {@link RateLimiter.observe} reads.
   */
  headers?: readonly RateLimitHeaderVocabulary[] | undefined;
  /**
   * Longest one call to an asynchronous `store` may take (default 10 s). A store that fails, or
   * does not answer in time (a Redis server down or paused), rejects every waiting call with a
   * retryable `StoreError`; the limiter keeps working and asks the store again for the next call.
   */
  storeTimeoutMs?: number | undefined;
}

/** Options of one {@link RateLimiter.schedule} call. */
export interface ScheduleOptions {
  /** Aborts the wait (the call is removed from the queue). */
  signal?: AbortSignal | undefined;
  /** Slots the call uses in every window (default 1). */
  cost?: number | undefined;
  /** Overrides the limiter's `maxWaitMs` for this call. */
  maxWaitMs?: number | undefined;
  /** Told how long the call waited, when it had to wait. */
  onWait?: ((waitMs: number) => void) | undefined;
  /**
   * The server's budget the call draws on besides the connection-wide windows, such as an
   * endpoint family with its own limit (Okta's `GET /api/v1/users`). Its window is learned from
   * the responses `observe` is given with the same bucket.
   */
  bucket?: string | undefined;
}

/** Options of one {@link RateLimiter.observe} call. */
export interface ObserveOptions {
  /** The bucket the response belongs to (see {@link ScheduleOptions.bucket}). */
  bucket?: string | undefined;
}

/**
 * One budget shared by every request of a connection: several sliding windows, a concurrency
 * cap, FIFO order, a shared pause after a 429, and adaptation to rate-limit response headers.
 */
export interface RateLimiter {
  /** Waits (FIFO) for a slot in every window and a concurrency slot, runs fn, releases. */
  schedule<T>(fn: () => Promise<T>, o?: ScheduleOptions): Promise<T>;
  /** Pauses every caller until `until` (epoch ms), e.g. after a 429. */
  pauseUntil(until: number): void;
  /**
   * Tightens/loosens from response headers, in the vocabularies the limiter was given (`okta`:
   * `X-Rate-Limit-*`; `kong`: `x-ratelimit-limit/-remaining-<window>`; `ietf`:
   * `ratelimit-remaining/-reset`; `github`). An announced limit replaces an `assumed` window's
   * limit, and a configured one only when it is smaller: the configured limit is this
   * connection's share and is never widened. Windows the server announces that nobody configured
   * are adopted as announced; with a `bucket`, an unnamed window is that bucket's.
   */
  observe(headers: Headers, o?: ObserveOptions): void;
  /**
   * Changes a window's configured limit at run time (e.g. Hexnode daily quota learned from the
   * device count); announced limits are capped by it from then on.
   */
  setLimit(name: string, limit: number): void;
  /** Remaining budget per window and any pause, for a host app to show. */
  budget(): BudgetSnapshot;
  /**
   * Tells the limiter the server answered 429 (or its equivalent): an adaptive limiter lowers its
   * learned limit. The HTTP client calls it; limiters without `adaptive` ignore it.
   */
  throttled?(): void;
}

interface Waiter {
  cost: number;
  bucket: string | undefined;
  maxWaitMs: number;
  enqueuedAt: number;
  settled: boolean;
  /** Starts the call; `acquiredAt` is the time its slots were counted. */
  grant: (acquiredAt: number) => void;
  fail: (error: Error) => void;
}

/** A wait this long or longer means a quota (hour, day), not a short window. */
const QUOTA_MS = UNIT_MS.hour;
/** The learned window's limit before anything was learned: it counts calls, holds none back. */
const UNLEARNED = 1_000_000_000;
/** Name of the learned window in budgets. */
const LEARNED = 'learned';
let limiterIds = 0;

/**
 * Creates a {@link RateLimiter}.
 *
 * @param o - Windows, concurrency, clock and store.
 */
export function createRateLimiter(o: RateLimiterOptions = {}): RateLimiter {
  const clock = o.clock ?? systemClock;
  const store = o.store ?? createMemoryRateLimitStore();
  const prefix = o.key ?? `limiter-${++limiterIds}`;
  const concurrency = o.concurrency ?? Number.POSITIVE_INFINITY;
  const defaultMaxWait = o.maxWaitMs ?? 60_000;
  if (!(concurrency >= 1)) throw new ConfigError('Rate limiter concurrency must be at least 1');
  const storeTimeoutMs = o.storeTimeoutMs ?? 10_000;
  if (!(Number.isFinite(storeTimeoutMs) && storeTimeoutMs > 0)) {
    throw new ConfigError('Rate limiter storeTimeoutMs must be a positive number of milliseconds');
  }
  const bounds = { clock, timeoutMs: storeTimeoutMs, store: 'rate-limit store', subject: prefix };
  /** A store answer, bounded in time when it is a promise (the in-memory store answers at once). */
  const bounded = <T>(answer: MaybePromise<T>, doing: string): MaybePromise<T> =>
    answer instanceof Promise ? boundCall(bounds, answer, doing) : answer;
  /** Best effort: a store failure here only loses what the call would have learned. */
  const quietly = (answer: MaybePromise<unknown>) => {
    if (answer instanceof Promise) answer.catch(() => undefined);
  };
  // `configured` is the caller's share of a window; a server's announcement never widens it.
  type Window = RateLimitWindow & { key: string; configured: number | undefined };
  const windows: Window[] = [];
  // Windows of the server's buckets (an endpoint family), learned from its headers.
  const buckets = new Map<string, Window>();
  const vocabularies = headerVocabularies(o.headers);
  const addWindow = (w: RateLimitWindow, configured = true) => {
    if (!(w.limit > 0) || !(w.intervalMs > 0)) {
      throw new ConfigError(`Rate limit window "${w.name}" needs a positive limit and interval`);
    }
    if (windows.some((x) => x.name === w.name)) {
      throw new ConfigError(`Rate limit window "${w.name}" is defined twice`);
    }
    windows.push({
      ...w,
      key: `${prefix}:${w.name}`,
      configured: configured && !w.assumed ? w.limit : undefined,
    });
  };
  for (const w of o.windows ?? []) addWindow(w);
  const adaptive = o.adaptive ? createAdaptiveLimit(o.adaptive, clock.now()) : undefined;
  const learnedKey = `${prefix}:${LEARNED}`;

  const queue: Waiter[] = [];
  let inFlight = 0;
  let pausedUntil = 0;
  let lastUsage: WindowUsage[] = [];
  let pumping = false;
  let again = false;
  let cancelTimer: (() => void) | undefined;
  /** Whether the store wakes this limiter when shared capacity frees up (for its whole life). */
  let listening = false;
  /** Settles the store failed: retried before the next acquire, so no slot stays taken. */
  const unsettled: Array<
    [windows: StoreWindow[], startedAt: number, endedAt: number, cost: number]
  > = [];

  const storeWindows = (bucket?: string): StoreWindow[] => {
    const all = windows.map(({ key, limit, intervalMs }) => ({ key, limit, intervalMs }));
    const own = bucket === undefined ? undefined : buckets.get(bucket);
    if (own) all.push({ key: own.key, limit: own.limit, intervalMs: own.intervalMs });
    if (adaptive) {
      all.push({
        key: learnedKey,
        limit: adaptive.limit ?? UNLEARNED,
        intervalMs: adaptive.intervalMs,
      });
    }
    return all;
  };

  /** One wake-up timer at a time. `clock.schedule` cancels without building an `AbortError`. */
  function wakeAt(at: number) {
    cancelTimer?.();
    const ms = Math.max(0, at - clock.now());
    let cancel: () => void;
    const fire = () => {
      if (cancelTimer === cancel) cancelTimer = undefined;
      kick();
    };
    if (clock.schedule) cancel = clock.schedule(ms, fire);
    else {
      const ac = new AbortController();
      clock.sleep(ms, ac.signal).then(fire, () => {});
      cancel = () => ac.abort();
    }
    cancelTimer = cancel;
  }

  function kick() {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    void drain()
      .catch(storeFailed)
      .finally(() => {
        pumping = false;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  /**
   * The store failed or did not answer: every waiting call fails with a retryable `StoreError`
   * (nothing waits on a store that may stay down). The next call asks the store again.
   */
  function storeFailed(error: unknown) {
    const failure =
      error instanceof ConnectorError
        ? error
        : new StoreError(
            `The rate-limit store failed for ${prefix}: ${error instanceof Error ? error.message : String(error)}`,
            { location: prefix, cause: error },
          );
    for (const waiter of queue.splice(0)) waiter.fail(failure);
  }

  function failAt(i: number, head: Waiter, waitMs: number, windowMs: number) {
    queue.splice(i, 1);
    head.fail(
      new RateLimitError(
        `Rate limit budget exhausted: the next slot is ${Math.ceil(waitMs / 1000)} s away`,
        { retryAfterMs: waitMs, scope: windowMs >= QUOTA_MS ? 'quota' : 'window' },
      ),
    );
  }

  async function drain(): Promise<void> {
    while (unsettled.length > 0 && queue.length > 0) {
      const [windows, startedAt, endedAt, cost] = unsettled[0] as (typeof unsettled)[number];
      const settled = store.settle?.(windows, startedAt, endedAt, cost);
      if (settled instanceof Promise) await boundCall(bounds, settled, 'settle a call');
      unsettled.shift();
    }
    // Buckets whose window is full this pass, and when the first of them has room: a call
    // waiting on its endpoint's budget holds up later calls to that endpoint only (FIFO within a
    // bucket), never calls to other endpoints.
    const full = new Set<string>();
    let bucketsRetryAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < queue.length; ) {
      const head = queue[i] as Waiter;
      if (head.settled) {
        queue.splice(i, 1);
        continue;
      }
      if (head.bucket !== undefined && full.has(head.bucket)) {
        i++;
        continue;
      }
      if (inFlight >= concurrency) return; // a release kicks again
      // A pause another limiter on the same store and key set (another client or process); a
      // store that checks it in acquire saves the extra call.
      if (!store.pausesInAcquire) {
        const shared = bounded(store.pausedUntil?.(prefix) ?? 0, 'read the pause');
        pausedUntil = Math.max(pausedUntil, shared instanceof Promise ? await shared : shared);
      }
      const now = clock.now();
      if (pausedUntil > now) {
        const wait = pausedUntil - now;
        if (wait > head.maxWaitMs) {
          failAt(i, head, wait, wait);
          continue;
        }
        wakeAt(pausedUntil);
        return;
      }
      const all = storeWindows(head.bucket);
      const answer = bounded(store.acquire(all, head.cost, now), 'count a call');
      const result = answer instanceof Promise ? await answer : answer;
      if (head.bucket === undefined) lastUsage = result.usage;
      if (result.granted) {
        queue.splice(i, 1);
        if (head.settled) continue; // aborted while the store answered; the slot stays spent
        inFlight++;
        head.grant(now);
        continue;
      }
      if (result.pausedUntil !== undefined) pausedUntil = Math.max(pausedUntil, result.pausedUntil);
      // Another process freeing shared capacity wakes this limiter, rather than a poll.
      if (!listening && store.onRelease) {
        store.onRelease(prefix, kick);
        listening = true;
      }
      const retryAt = result.retryAt ?? now + 1_000;
      const blocking = all[result.blockedBy ?? 0];
      if (adaptive && blocking?.key === learnedKey) adaptive.blocked(now);
      if (retryAt - now > head.maxWaitMs) {
        // A shared pause is a quota or a window by its own length; a window by the window's.
        const scopeMs =
          result.pausedUntil !== undefined ? retryAt - now : (blocking?.intervalMs ?? 0);
        failAt(i, head, retryAt - now, scopeMs);
        continue;
      }
      const own = head.bucket === undefined ? undefined : buckets.get(head.bucket);
      if (own && blocking?.key === own.key) {
        full.add(head.bucket as string);
        bucketsRetryAt = Math.min(bucketsRetryAt, retryAt);
        i++;
        continue;
      }
      wakeAt(Math.min(retryAt, bucketsRetryAt));
      return;
    }
    if (bucketsRetryAt < Number.POSITIVE_INFINITY) wakeAt(bucketsRetryAt);
  }

  /** Frees a concurrency slot and re-counts the call's window slots from when it finished. */
  function release(acquiredAt: number, cost: number, bucket: string | undefined) {
    inFlight--;
    adaptive?.grow(clock.now());
    const windows = storeWindows(bucket);
    const endedAt = clock.now();
    const settled = store.settle?.(windows, acquiredAt, endedAt, cost);
    if (settled instanceof Promise) {
      void boundCall(bounds, settled, 'settle a call').then(kick, () => {
        // The store failed (an outage): settle again once it answers, or a shared concurrency
        // slot would stay taken until its lease lapses.
        unsettled.push([windows, acquiredAt, endedAt, cost]);
        kick();
      });
    } else kick();
  }

  function findWindow(name: string | undefined, intervalMs: number | undefined, limit?: number) {
    return (
      windows.find((w) => w.name === name) ??
      windows.find((w) => intervalMs !== undefined && w.intervalMs === intervalMs) ??
      windows.find((w) => limit !== undefined && w.limit === limit)
    );
  }

  /**
   * The window an observation is about: a named unit's (adopted when nobody configured it), the
   * bucket's (learned from its first announcement), or the configured window of the same length
   * or the same limit; undefined when none fits.
   */
  function windowFor(obs: WindowObservation, bucket: string | undefined): Window | undefined {
    if (obs.unit !== undefined) {
      const intervalMs = UNIT_MS[obs.unit];
      const found = findWindow(obs.unit, intervalMs);
      if (found || obs.limit === undefined || !(obs.limit > 0)) return found;
      // The server announced a window nobody configured (Kandji's hourly limit): adopt it.
      addWindow({ name: obs.unit, limit: obs.limit, intervalMs }, false);
      return windows[windows.length - 1];
    }
    if (bucket !== undefined && obs.intervalMs !== undefined) {
      let own = buckets.get(bucket);
      if (!own && obs.limit !== undefined && obs.limit > 0) {
        own = {
          name: bucket,
          limit: obs.limit,
          intervalMs: obs.intervalMs,
          key: `${prefix}:bucket:${bucket}`,
          configured: undefined,
        };
        buckets.set(bucket, own);
      }
      return own;
    }
    const assumed = windows.find((w) => w.assumed && w.intervalMs === obs.intervalMs);
    return assumed ?? findWindow(undefined, undefined, obs.limit);
  }

  /** Counts calls the server saw but this limiter did not, so the window holds only `remaining` more. */
  function tighten(w: RateLimitWindow & { key: string }, remaining: number, resetMs?: number) {
    const now = clock.now();
    const sw = { key: w.key, limit: w.limit, intervalMs: w.intervalMs };
    quietly(
      andThen(store.usage([sw], now), ([usage]) => {
        const used = usage?.used ?? 0;
        const missing = w.limit - used - remaining;
        if (missing <= 0) return;
        // Phantom calls placed so that they leave the window when the server says it resets.
        const at = resetMs === undefined ? now : Math.min(now, now + resetMs - w.intervalMs);
        return store.record(sw, at, Math.min(missing, w.limit));
      }),
    );
  }

  const limiter: RateLimiter = {
    schedule<T>(fn: () => Promise<T>, so: ScheduleOptions = {}): Promise<T> {
      const signal = so.signal;
      if (signal?.aborted) return Promise.reject(new AbortError());
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          if (waiter.settled) return;
          waiter.settled = true;
          reject(new AbortError());
          kick();
        };
        const waiter: Waiter = {
          cost: so.cost ?? 1,
          bucket: so.bucket,
          maxWaitMs: so.maxWaitMs ?? defaultMaxWait,
          enqueuedAt: clock.now(),
          settled: false,
          grant: (acquiredAt) => {
            const done = () => release(acquiredAt, waiter.cost, waiter.bucket);
            if (waiter.settled) {
              done();
              return;
            }
            waiter.settled = true;
            signal?.removeEventListener('abort', onAbort);
            const waited = clock.now() - waiter.enqueuedAt;
            if (waited > 0) so.onWait?.(waited);
            let running: Promise<T>;
            try {
              running = fn();
            } catch (error) {
              running = Promise.reject(error);
            }
            running.then(resolve, reject).finally(done);
          },
          fail: (error) => {
            if (waiter.settled) return;
            waiter.settled = true;
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        kick();
      });
    },
    pauseUntil(until) {
      if (until <= pausedUntil) return;
      pausedUntil = until;
      Promise.resolve(store.pause?.(prefix, until)).catch(() => {}); // the local pause holds anyway
      kick();
    },
    observe(headers, oo = {}) {
      const now = clock.now();
      for (const obs of readRateLimitHeaders(headers, now, vocabularies)) {
        const w = windowFor(obs, oo.bucket);
        if (w && obs.limit !== undefined && obs.limit > 0) {
          // Follow what the server enforces, but never past the configured share: a host that
          // gave this connection 100 of the tenant's 10,000 calls an hour keeps to 100.
          w.limit = w.configured === undefined ? obs.limit : Math.min(w.configured, obs.limit);
        }
        if (obs.remaining === undefined) continue;
        if (w) tighten(w, obs.remaining, obs.resetMs);
        else if (obs.remaining === 0 && obs.resetMs !== undefined)
          limiter.pauseUntil(now + obs.resetMs);
      }
      kick();
    },
    setLimit(name, limit) {
      const w = windows.find((x) => x.name === name);
      if (!w) throw new ConfigError(`Unknown rate limit window "${name}"`);
      if (!(limit > 0)) throw new ConfigError(`Rate limit for "${name}" must be positive`);
      w.limit = limit;
      w.configured = limit;
      kick();
    },
    throttled() {
      if (!adaptive) return;
      const now = clock.now();
      const learned = storeWindows().slice(-1);
      quietly(
        andThen(store.usage(learned, now), ([usage]) => {
          adaptive.throttled(clock.now(), usage?.used ?? 0);
          kick();
        }),
      );
    },
    budget() {
      const now = clock.now();
      const learned = [...buckets.values()];
      const all = [
        ...storeWindows(),
        ...learned.map(({ key, limit, intervalMs }) => ({ key, limit, intervalMs })),
      ];
      const fresh = store.usage(all, now);
      // An asynchronous store answers later: show the last usage it gave, and keep the next.
      if (fresh instanceof Promise) {
        fresh.then(
          (next) => {
            lastUsage = next;
          },
          () => undefined,
        );
      }
      const usage = fresh instanceof Promise ? lastUsage : fresh;
      // Each shown window with the index of its usage.
      const shown: Array<Pick<RateLimitWindow, 'name' | 'limit' | 'intervalMs'> & { at: number }> =
        windows.map((w, at) => ({ name: w.name, limit: w.limit, intervalMs: w.intervalMs, at }));
      // The learned window shows once there is something learned.
      if (adaptive?.limit !== undefined) {
        shown.push({
          name: LEARNED,
          limit: adaptive.limit,
          intervalMs: adaptive.intervalMs,
          at: windows.length,
        });
      }
      const first = windows.length + (adaptive ? 1 : 0);
      learned.forEach((w, k) => {
        shown.push({ name: w.name, limit: w.limit, intervalMs: w.intervalMs, at: first + k });
      });
      return {
        windows: shown.map((w) => {
          const u = usage[w.at];
          return {
            name: w.name,
            limit: w.limit,
            intervalMs: w.intervalMs,
            remaining: Math.max(0, w.limit - (u?.used ?? 0)),
            resetsAt: new Date(u?.resetsAt ?? now),
          };
        }),
        pausedUntil: pausedUntil > now ? new Date(pausedUntil) : undefined,
      };
    },
  };
  const describe = () => ({
    rateLimiter: limiter.budget(),
    concurrency,
    inFlight,
    queued: queue.length,
  });
  return Object.assign(limiter, { toJSON: describe, [inspect.custom]: describe });
}
