import type { HttpClient } from '@org/connector-core/kit';
import type { DailyQuotaTracker } from '../rate-limit/daily-quota.js';

/** What every resource of one connection shares. */
export interface ResourceContext {
  /** The connection's HTTP client (auth, limiter, retries, error mapping). */
  http: HttpClient;
  /** Items per page. */
  perPage: number;
  /** Pages fetched at once once the total is known. */
  concurrency: number;
  /** The daily quota: learned before the first call, checked before a sync spends it. */
  quota: DailyQuotaTracker;
  /** Told the total of every list the connection starts (the connector remembers the user count). */
  onTotal?: ((path: string, total: number) => void) | undefined;
}

/** Options of every `list()`. */
export interface ListOptions {
  /** Aborts the listing, including waits for the rate limiter and retries. */
  signal?: AbortSignal | undefined;
  /** Stops after this many items (and fetches only the pages they need). */
  maxItems?: number | undefined;
}

/** Options of every `get()`. */
export interface GetOptions {
  /** Aborts the call, including waits for the rate limiter and retries. */
  signal?: AbortSignal | undefined;
}

/** The path of one object: `<collection>/<id>/`, with the id checked so it cannot change the path. */
export function itemPath(collection: string, id: number): string {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new TypeError(`A Hexnode ${collection} id is a non-negative integer`);
  }
  return `${collection}/${id}/`;
}
