import { getOf, listOf, resource } from '@org/connector-core/kit';
import { OktaFactorList } from '../schemas/factor.js';
import { OktaRoleList } from '../schemas/role.js';
import { OktaUser, OktaUserPage } from '../schemas/user.js';
import { oktaId, oktaPaging, singlePage } from './paging.js';

/** Filters of `users.list()`, as `GET /api/v1/users` takes them. */
export interface OktaUserFilters {
  /**
   * A search expression (`status eq "DEPROVISIONED"`, `profile.department eq "Sales"`); unlike the
   * default listing, a search includes deprovisioned users.
   */
  search?: string | undefined;
  /** A filter expression on `status`, `lastUpdated`, `id` or `profile.login`/`email`/names. */
  filter?: string | undefined;
}

/**
 * Users of the org, `pageSize` a page (200, Okta's most, by default), ordered by id and paged by the `Link` header's `after` cursor
 * (only the cursor is carried; host, path and credential stay ours). Without `search` or
 * `filter`, Okta leaves DEPROVISIONED users out. `users.factors(id)` lists a user's enrolled
 * factors, `users.roles(id)` their admin role assignments.
 */
export const users = resource({
  list: listOf({
    path: 'users',
    page: OktaUserPage,
    items: (page) => page,
    query: (o: OktaUserFilters) => ({ search: o.search, filter: o.filter }),
    paging: (ctx) => oktaPaging<OktaUserPage>(ctx.pageSize),
    id: (user) => user.id,
  }),
  get: getOf({ path: (id: string) => `users/${oktaId(id, 'user id')}`, schema: OktaUser }),
  lists: {
    factors: (id: string) =>
      listOf({
        path: `users/${oktaId(id, 'user id')}/factors`,
        page: OktaFactorList,
        items: (page) => page,
        paging: () => singlePage(),
        id: (factor) => factor.id,
      }),
    roles: (id: string) =>
      listOf({
        path: `users/${oktaId(id, 'user id')}/roles`,
        page: OktaRoleList,
        items: (page) => page,
        paging: () => singlePage(),
        id: (role) => role.id,
      }),
  },
});
