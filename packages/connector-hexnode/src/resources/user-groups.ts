import type { Paginated } from '@org/connector-core';
import {
  type HexnodeUserGroup,
  HexnodeUserGroupDetail,
  HexnodeUserGroupPage,
} from '../schemas/user-group.js';
import { type GetOptions, itemPath, type ListOptions, type ResourceContext } from './context.js';
import { listCollection } from './list.js';

/** Hexnode user groups. */
export interface HexnodeUserGroups {
  /** Streams every user group (`GET usergroups/`), without members. */
  list(options?: ListOptions): Paginated<HexnodeUserGroup>;
  /** Reads one user group with its members (`GET usergroups/{id}/`). */
  get(id: number, options?: GetOptions): Promise<HexnodeUserGroupDetail>;
}

/** Builds the user groups resource of a connection. */
export function createUserGroupsResource(ctx: ResourceContext): HexnodeUserGroups {
  return {
    list: (options = {}) =>
      listCollection(ctx, {
        path: 'usergroups/',
        page: HexnodeUserGroupPage,
        signal: options.signal,
        maxItems: options.maxItems,
      }),
    async get(id, options = {}) {
      const path = itemPath('usergroups', id);
      await ctx.quota.ready(options.signal);
      const { data } = await ctx.http.request({
        path,
        schema: HexnodeUserGroupDetail,
        signal: options.signal,
      });
      return data;
    },
  };
}
