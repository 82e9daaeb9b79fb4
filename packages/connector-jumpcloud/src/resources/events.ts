import { ConfigError, type Paginated, PaginationError } from '@org/connector-core';
import { cursor, paginate } from '@org/connector-core/kit';
import * as v from 'valibot';
import { orgHeaders } from '../http/org-header.js';
import { DirectoryEvent, type EventService } from '../schemas/event.js';
import type { ResourceContext } from './context.js';

/** Options of {@link EventsResource.list}. */
export interface EventListOptions {
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
  /** Aborts the listing. */
  signal?: AbortSignal | undefined;
}

/** Directory Insights events (`POST /insights/directory/v1/events`). */
export interface EventsResource {
  /**
   * Streams the events of a time range, paged with `search_after`: the `X-Search_after` header
   * of each page is sent back in the next request body, until a page holds fewer events than
   * `X-Limit`. Retention is 90 days (15 on the lowest tier).
   */
  list(options: EventListOptions): Paginated<DirectoryEvent>;
}

const EventPage = v.array(DirectoryEvent);

/** Reads an integer header, or undefined. */
function intHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function time(value: Date | string, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ConfigError(`events: ${field} is not a valid date`, { vendor: 'jumpcloud' });
  }
  return date.toISOString();
}

/** @internal */
export function eventsResource(ctx: ResourceContext): EventsResource {
  return {
    list(o) {
      const limit = Math.max(1, Math.min(10_000, Math.floor(o.limit ?? 1000)));
      const service = [...(o.service ?? ['all'])];
      if (service.length === 0) {
        throw new ConfigError('events: service must name at least one service', {
          vendor: 'jumpcloud',
        });
      }
      const body: Record<string, unknown> = {
        service,
        start_time: time(o.start, 'start'),
        limit,
        sort: o.sort ?? 'ASC',
      };
      if (o.end !== undefined) body.end_time = time(o.end, 'end');
      return paginate(ctx.insights, {
        method: 'POST',
        path: 'events',
        body,
        headers: orgHeaders(ctx.orgId, 'events'),
        page: EventPage,
        items: (p) => p,
        strategy: cursor<v.InferOutput<typeof EventPage>>({
          // The header is present even on the last page; the counts say whether more follow.
          hasMore: (page, headers) => {
            const count = intHeader(headers, 'x-result-count') ?? page.length;
            const pageLimit = intHeader(headers, 'x-limit') ?? limit;
            return count >= pageLimit && page.length > 0;
          },
          read: (_page, headers) => {
            const raw = headers.get('x-search_after');
            if (raw === null || raw.trim() === '') return undefined;
            try {
              const parsed: unknown = JSON.parse(raw);
              if (Array.isArray(parsed)) return parsed;
            } catch {
              // reported below
            }
            throw new PaginationError(
              'jumpcloud POST /events: X-Search_after is not a JSON array',
              {
                vendor: 'jumpcloud',
                endpoint: 'POST /events',
              },
            );
          },
          send: { body: 'search_after' },
        }),
        signal: o.signal,
      });
    },
  };
}
