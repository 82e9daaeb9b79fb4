import { ConfigError, PaginationError } from '@org/connector-core';
import { cursor, listOf } from '@org/connector-core/kit';
import * as v from 'valibot';
import { DirectoryEvent, type EventService } from '../schemas/event.js';

/** Options of `events.list()`. */
export interface JumpCloudEventListOptions {
  /** Start of the time range (inclusive). */
  start: Date | string;
  /** End of the time range; default: now (as the server sees it). */
  end?: Date | string | undefined;
  /** Services to read; default `['all']`. */
  service?: readonly EventService[] | undefined;
  /** Events per request (default 1000, JumpCloud allows up to 10,000). */
  limit?: number | undefined;
  /** Oldest first (`ASC`, default) or newest first (`DESC`). */
  sort?: 'ASC' | 'DESC' | undefined;
}

const EventPage = v.array(DirectoryEvent);

const limitOf = (o: JumpCloudEventListOptions) =>
  Math.max(1, Math.min(10_000, Math.floor(o.limit ?? 1000)));

/** A numeric response header, `undefined` when absent or not a number. */
export function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name)?.trim();
  const n = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function time(value: Date | string, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ConfigError(`JumpCloud events: ${field} is not a valid date`, {
      vendor: 'jumpcloud',
    });
  }
  return date.toISOString();
}

/** The search_after of the next page: a JSON array in the `X-Search_after` header. */
export function searchAfter(headers: Headers): unknown[] | undefined {
  const raw = headers.get('x-search_after');
  if (raw === null || raw.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new PaginationError('jumpcloud POST /events: X-Search_after is not a JSON array', {
    vendor: 'jumpcloud',
    endpoint: 'POST /events',
  });
}

/**
 * Directory Insights events: a POST search over a time range, paged with `search_after` (the
 * `X-Search_after` header of each page goes back in the next body) until a page holds fewer events
 * than `X-Limit` — the header is present even on the last page. The search is idempotent, so a
 * failed page is retried with the same body. Retention is 90 days (15 on the lowest tier).
 */
export const eventsList = listOf({
  host: 'insights',
  path: 'events',
  method: 'POST',
  body: (o: JumpCloudEventListOptions) => {
    const service = [...(o.service ?? ['all'])];
    if (service.length === 0) {
      throw new ConfigError('JumpCloud events: service must name at least one service', {
        vendor: 'jumpcloud',
      });
    }
    return {
      service,
      start_time: time(o.start, 'start'),
      ...(o.end === undefined ? {} : { end_time: time(o.end, 'end') }),
      limit: limitOf(o),
      sort: o.sort ?? 'ASC',
    };
  },
  page: EventPage,
  items: (page) => page,
  paging: (_ctx, o) =>
    cursor<v.InferOutput<typeof EventPage>>({
      hasMore: (page, headers) =>
        page.length > 0 &&
        (intHeader(headers, 'x-result-count') ?? page.length) >=
          (intHeader(headers, 'x-limit') ?? limitOf(o)),
      read: (_page, headers) => searchAfter(headers),
      send: { body: 'search_after' },
    }),
  id: (event) => event.id,
});
