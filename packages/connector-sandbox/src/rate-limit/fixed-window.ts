import type { LimitWindow } from '../options.js';

/** Kong's rate-limiting plugin: a counter per window aligned to the clock (second, hour, ...). */
export class FixedWindow {
  #start = Number.NEGATIVE_INFINITY;
  #used = 0;

  constructor(public window: LimitWindow) {}

  #roll(now: number): void {
    const start = Math.floor(now / this.window.intervalMs) * this.window.intervalMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
  }

  /** Requests left in the current window. */
  remaining(now: number): number {
    this.#roll(now);
    return Math.max(0, this.window.limit - this.#used);
  }

  /** Milliseconds until the current window ends. */
  resetMs(now: number): number {
    this.#roll(now);
    return this.#start + this.window.intervalMs - now;
  }

  /** Counts one request. */
  record(now: number): void {
    this.#roll(now);
    this.#used++;
  }
}
