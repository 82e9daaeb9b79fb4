import { getOf, listOf, nextLink, resource } from '@org/connector-core/kit';
import { KandjiUser, KandjiUserPage } from '../schemas/user.js';
import { kandjiUuid } from './uuid.js';

/** Most users one page of `GET /api/v1/users` may hold before it is refused. */
export const KANDJI_MAX_USERS_PAGE = 1_000;

/** Filters of `users.list()`, as `GET /api/v1/users` takes them. */
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

/**
 * Users synced from the tenant's directory integrations: Kandji's cursor, taken out of a `next`
 * link that may name another host (only the cursor is carried over; host, path and token stay
 * ours).
 */
export const users = resource({
  list: listOf({
    path: 'users',
    page: KandjiUserPage,
    items: (page) => page.results,
    query: (o: KandjiUserFilters) => ({
      email: o.email,
      archived: o.archived,
      integration_id: o.integrationId,
      id: o.id,
    }),
    // Kandji chooses the page size (300 in every response seen; undocumented): a page past a
    // thousand users is no page of this list.
    paging: () =>
      nextLink<KandjiUserPage>({
        next: (page) => page.next,
        params: ['cursor'],
        maxPageItems: KANDJI_MAX_USERS_PAGE,
      }),
    id: (user) => user.id,
  }),
  get: getOf({ path: (id: string) => `users/${kandjiUuid(id, 'user id')}`, schema: KandjiUser }),
});
