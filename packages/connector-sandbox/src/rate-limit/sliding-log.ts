import type { LimitWindow } from '../options.js';

/**
 * Django REST framework's SimpleRateThrottle: a log of request times over a sliding window.
 * Throttled requests are not recorded, as in DRF.
 */
export class SlidingLog {
  #history: number[] = [];
  #head = 0;

  constructor(public window: LimitWindow) {}

  /** Milliseconds until a request would be allowed (0 = allowed now), without recording it. */
  waitMs(now: number): number {
    this.#expire(now);
    if (this.#size() < this.window.limit) return 0;
    const oldest = this.#history[this.#head] as number;
    return Math.max(1, oldest + this.window.intervalMs - now);
  }

  /** Records one allowed request. */
  record(now: number): void {
    this.#history.push(now);
  }

  /** Requests still allowed in the current window. */
  remaining(now: number): number {
    this.#expire(now);
    return Math.max(0, this.window.limit - this.#size());
  }

  #size(): number {
    return this.#history.length - this.#head;
  }

  #expire(now: number): void {
    while (
      this.#head < this.#history.length &&
      (this.#history[this.#head] as number) <= now - this.window.intervalMs
    ) {
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#history.length) {
      this.#history = this.#history.slice(this.#head);
      this.#head = 0;
    }
  }
}
