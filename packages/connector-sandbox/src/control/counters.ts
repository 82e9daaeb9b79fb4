/** A snapshot of what a sandbox has served since it started or since the last reset. */
export interface SandboxCounters {
  /** Requests received. */
  requests: number;
  /** Requests per path (query excluded). */
  byPath: Record<string, number>;
  /** Responses per status code; `reset` and `hang` count faults that sent no status. */
  status: Record<string, number>;
  /** 429 responses sent (rate limits and injected faults). */
  rateLimited: number;
  /** Most requests in flight at once. */
  peakConcurrency: number;
  /** Requests in flight now. */
  inFlight: number;
}

/** Mutable counters behind {@link SandboxCounters}. */
export class Counters {
  #requests = 0;
  #byPath = new Map<string, number>();
  #status = new Map<string, number>();
  #rateLimited = 0;
  #peak = 0;
  #inFlight = 0;

  begin(path: string): void {
    this.#requests++;
    this.#byPath.set(path, (this.#byPath.get(path) ?? 0) + 1);
    this.#inFlight++;
    this.#peak = Math.max(this.#peak, this.#inFlight);
  }

  end(): void {
    this.#inFlight--;
  }

  outcome(status: number | 'reset' | 'hang'): void {
    const key = String(status);
    this.#status.set(key, (this.#status.get(key) ?? 0) + 1);
    if (status === 429) this.#rateLimited++;
  }

  snapshot(): SandboxCounters {
    return {
      requests: this.#requests,
      byPath: Object.fromEntries(this.#byPath),
      status: Object.fromEntries(this.#status),
      rateLimited: this.#rateLimited,
      peakConcurrency: this.#peak,
      inFlight: this.#inFlight,
    };
  }

  /** Zeroes everything but `inFlight`; the peak restarts from the requests in flight now. */
  reset(): void {
    this.#requests = 0;
    this.#byPath.clear();
    this.#status.clear();
    this.#rateLimited = 0;
    this.#peak = this.#inFlight;
  }
}
