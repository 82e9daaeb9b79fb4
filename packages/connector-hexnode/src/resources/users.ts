import type { Paginated } from '@org/connector-core';
import { HexnodeUser, HexnodeUserPage } from '../schemas/user.js';
import { type GetOptions, itemPath, type ListOptions, type ResourceContext } from './context.js';
import { listCollection } from './list.js';

/** Filters of `GET users/`, passed to Hexnode as given. */
export interface HexnodeUserFilters {
  /** Field to sort by, such as `id` or `-id`. */
  order_by?: string | undefined;
  /** `local` users or directory (Active Directory, Entra ID, ...) users. */
  user_type?: string | undefined;
  /** Users with enrolled devices or without. */
  enrollment_status?: string | undefined;
}

/** Options of {@link HexnodeUsers.list}. */
export interface HexnodeUserListOptions extends ListOptions {
  /** Hexnode filters. */
  filters?: HexnodeUserFilters | undefined;
}

/** Hexnode users, including the "Default User" with no email. */
export interface HexnodeUsers {
  /** Streams every user (`GET users/`). */
  list(options?: HexnodeUserListOptions): Paginated<HexnodeUser>;
  /** Reads one user (`GET users/{id}/`); a missing one throws `NotFoundError`. */
  get(id: number, options?: GetOptions): Promise<HexnodeUser>;
}

/** Builds the users resource of a connection. */
export function createUsersResource(ctx: ResourceContext): HexnodeUsers {
  return {
    list: (options = {}) =>
      listCollection(ctx, {
        path: 'users/',
        page: HexnodeUserPage,
        query: { ...options.filters },
        sortable: true,
        signal: options.signal,
        maxItems: options.maxItems,
      }),
    async get(id, options = {}) {
      const path = itemPath('users', id);
      await ctx.quota.ready(options.signal);
      const { data } = await ctx.http.request({
        path,
        schema: HexnodeUser,
        signal: options.signal,
      });
      return data;
    },
  };
}
