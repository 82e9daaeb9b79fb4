import { listOf, resource } from '@org/connector-core/kit';
import { OktaGroupPage } from '../schemas/group.js';
import { OktaUserPage } from '../schemas/user.js';
import { oktaId, oktaPaging } from './paging.js';

/** Filters of `groups.list()`, as `GET /api/v1/groups` takes them. */
export interface OktaGroupFilters {
  /** A search expression, such as `type eq "OKTA_GROUP"`. */
  search?: string | undefined;
}

/**
 * Groups of the org (Okta's own, imported app groups and the built-in Everyone), paged by the
 * `Link` header; `groups.members(id)` lists a group's users the same way.
 */
export const groups = resource({
  list: listOf({
    path: 'groups',
    page: OktaGroupPage,
    items: (page) => page,
    query: (o: OktaGroupFilters) => ({ search: o.search }),
    paging: (ctx) => oktaPaging(ctx.pageSize),
    id: (group) => group.id,
  }),
  lists: {
    members: (id: string) =>
      listOf({
        path: `groups/${oktaId(id, 'group id')}/users`,
        page: OktaUserPage,
        items: (page) => page,
        paging: (ctx) => oktaPaging(ctx.pageSize),
        id: (user) => user.id,
      }),
  },
});
