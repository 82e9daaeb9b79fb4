import { AbortError } from '../errors/errors.js';
import type { Clock } from './clock.js';

/** A {@link Clock} whose time only moves when told to; for tests. */
export interface ManualClock extends Clock {
  /** Calls `fire` when time reaches `ms` from now; returns a function that cancels it. */
  schedule(ms: number, fire: () => void): () => void;
  /** Moves time forward by `ms`, firing every sleep that falls due, in order. */
  advance(ms: number): Promise<void>;
  /** Jumps to the earliest pending sleep and fires it; returns false when nothing is pending. */
  next(): Promise<boolean>;
  /** Number of sleeps not yet fired or aborted. */
  pending(): number;
}

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** Lets queued promise callbacks and already-completed I/O run before time moves on. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Creates a {@link ManualClock} starting at `start` (epoch ms, default 2024-01-01T00:00:00Z).
 * Use it in tests instead of real time: `await clock.advance(60_000)` fires a minute of timers
 * without waiting.
 */
export function createManualClock(start = Date.UTC(2024, 0, 1)): ManualClock {
  let current = start;
  let seq = 0;
  const timers = new Set<Timer>();

  const earliest = (): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers)
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  };

  const fireDue = async (until: number) => {
    await turn();
    for (;;) {
      const t = earliest();
      if (!t || t.at > until) break;
      current = Math.max(current, t.at);
      timers.delete(t);
      t.fire();
      await turn();
    }
    current = Math.max(current, until);
    await turn();
  };

  return {
    now: () => current,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(new AbortError());
          return;
        }
        const onAbort = () => {
          timers.delete(timer);
          reject(new AbortError());
        };
        const timer: Timer = {
          at: current + Math.max(0, ms),
          seq: seq++,
          fire: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        timers.add(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    schedule(ms, fire) {
      const timer: Timer = { at: current + Math.max(0, ms), seq: seq++, fire };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
    advance: (ms) => fireDue(current + ms),
    async next() {
      await turn();
      const t = earliest();
      if (!t) return false;
      await fireDue(t.at);
      return true;
    },
    pending: () => timers.size,
  };
}
