import type { CallOptions, Paginated } from '@org/connector-core';
import { type HttpClient, nextLink, paginate } from '@org/connector-core/kit';
import { KandjiUser, KandjiUserPage } from '../schemas/user.js';
import { kandjiUuid } from './uuid.js';

/** Filters of {@link KandjiUsers.list}, as `GET /api/v1/users` takes them. */
export interface KandjiUserFilters {
  /** Users whose email address contains this text. */
  email?: string | undefined;
  /** `true`: only archived users; `false`: only users that are not archived; unset: both. */
  archived?: boolean | undefined;
  /** Users synced from the directory integration with this UUID. */
  integrationId?: string | undefined;
  /** The user with this UUID. */
  id?: string | undefined;
}

/** Options of {@link KandjiUsers.list}. */
export interface KandjiUserListOptions extends KandjiUserFilters, CallOptions {
  /** Stops after this many users. */
  maxItems?: number | undefined;
}

/** The users of a Kandji tenant (those synced from a directory integration). */
export interface KandjiUsers {
  /**
   * Streams users, 300 per request, following Kandji's cursor. The `next` link may name another
   * host than the API URL: only its `cursor` is taken, and sent to the configured API URL.
   */
  list(options?: KandjiUserListOptions): Paginated<KandjiUser>;
  /** Reads one user by UUID. Throws `NotFoundError` when there is none. */
  get(id: string, options?: CallOptions): Promise<KandjiUser>;
}

/** Builds the users resource over a configured HTTP client. */
export function createUsersResource(http: HttpClient): KandjiUsers {
  return {
    list(options = {}) {
      return paginate(http, {
        path: 'users',
        query: {
          email: options.email,
          archived: options.archived,
          integration_id: options.integrationId,
          id: options.id,
        },
        page: KandjiUserPage,
        items: (page) => page.results,
        // Only the cursor is carried over; the host, path and token stay ours.
        strategy: nextLink<KandjiUserPage>({ next: (page) => page.next, params: ['cursor'] }),
        signal: options.signal,
        maxItems: options.maxItems,
      });
    },
    async get(id, options = {}) {
      const { data } = await http.request({
        path: `users/${kandjiUuid(id, 'user id')}`,
        schema: KandjiUser,
        signal: options.signal,
      });
      return data;
    },
  };
}
