import { type Clock, MAX_TIMER_MS } from '../../clock/clock.js';
import type { ScheduledEvent } from '../events.js';
import { jitteredInterval, retryDelay } from '../schedule.js';

/** Waits on the clock until `at`, in pieces no timer overflows, however far away `at` is. */
export async function sleepUntil(clock: Clock, at: number, signal: AbortSignal): Promise<void> {
  for (let left = at - clock.now(); ; left = at - clock.now()) {
    await clock.sleep(Math.min(Math.max(0, left), MAX_TIMER_MS), signal);
    if (clock.now() >= at) return;
  }
}

/** The `retryAfterMs` a failure asked for (a rate-limit error's), when it is a usable number. */
export function retryAfterOf(error: unknown): number | undefined {
  const ms = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * When the first scheduled run starts: with a stored snapshot (and `firstRun: 'resume'`) one
 * jittered interval after it was taken, or at once when that has passed. A snapshot dated in the
 * future (a wrong clock, a damaged store) never delays the first run beyond one interval, nor makes
 * it run at once.
 */
export function firstRunAt(o: {
  now: number;
  /** The jittered interval. */
  wait: number;
  takenAt: number | undefined;
  firstRun: 'resume' | 'now' | undefined;
}): number {
  if (o.takenAt === undefined || o.firstRun === 'now') return o.now;
  return Math.min(Math.max(o.now, o.takenAt + o.wait), o.now + o.wait);
}

/** What the schedule loop needs from its poller. */
export interface ScheduleLoopOptions {
  clock: Clock;
  intervalMs: number;
  jitter: number;
  random: () => number;
  backoff: { initialMs: number; maxMs: number };
  /** Aborted when the poller stops: the wait ends. */
  signal: AbortSignal;
  /** Whether the poller is still scheduled. */
  running: () => boolean;
  /** Runs failed in a row, for the backoff. */
  failures: () => number;
  /** When a run due at `at` must wait for the rate budget instead. */
  deferUntil: (at: number) => number | undefined;
  /** One run and whatever follows it (the budget re-check). Rejects when the run failed. */
  run: () => Promise<void>;
  /** Told the next run's time (and why then) when it is planned, and `undefined` once it starts. */
  onScheduled: (at: number | undefined, reason?: ScheduledEvent['reason']) => void;
}

/**
 * Runs start to start every jittered interval, never overlapping: a run that overran its interval
 * is followed at once. After a failure the next run waits the backoff (doubling, never shorter
 * than the failure's `retryAfterMs`); a run the budget cannot hold waits for the window to reset.
 */
export async function runScheduleLoop(o: ScheduleLoopOptions, firstAt: number): Promise<void> {
  const { clock, jitter, random } = o;
  let at = firstAt;
  let reason: ScheduledEvent['reason'] = 'interval';
  while (o.running()) {
    const deferred = o.deferUntil(at);
    if (deferred !== undefined) {
      at = deferred;
      reason = 'budget';
    }
    o.onScheduled(at, reason);
    try {
      await sleepUntil(clock, at, o.signal);
    } catch {
      break; // stopped while waiting
    }
    o.onScheduled(undefined);
    if (!o.running()) break;
    const startedAt = clock.now();
    try {
      await o.run();
      if (!o.running()) break;
      at = Math.max(clock.now(), startedAt + jitteredInterval(o.intervalMs, jitter, random));
      reason = 'interval';
    } catch (error) {
      if (!o.running()) break;
      const delay = retryDelay(o.failures(), o.backoff, retryAfterOf(error));
      at = clock.now() + jitteredInterval(delay, jitter, random);
      reason = 'retry';
    }
  }
  o.onScheduled(undefined);
}
