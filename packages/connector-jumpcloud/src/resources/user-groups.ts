import type { Paginated } from '@org/connector-core';
import { GraphConnection, GraphObjectWithPaths } from '../schemas/graph.js';
import { UserGroup } from '../schemas/user-group.js';
import { type ListOptions, type ResourceContext, segment, v2List } from './context.js';

/** Options of member listings. */
export interface MemberListOptions {
  /** Aborts the listing. */
  signal?: AbortSignal | undefined;
}

/** User groups (`/api/v2/usergroups`) and their members. */
export interface UserGroupsResource {
  /** Streams every user group. */
  list(options?: ListOptions): Paginated<UserGroup>;
  /** Direct members of a group: `[{ to: { id, type } }]` (users, and groups nested in it). */
  members(groupId: string, options?: MemberListOptions): Paginated<GraphConnection>;
  /** Every user in a group, nested groups resolved; `paths` says how each one is reached. */
  membership(groupId: string, options?: MemberListOptions): Paginated<GraphObjectWithPaths>;
}

/** @internal */
export function userGroupsResource(ctx: ResourceContext): UserGroupsResource {
  return {
    list: (o) =>
      v2List(ctx, 'api/v2/usergroups', UserGroup, { ...o, sorted: true, id: (g) => g.id }),
    // Neither route documents `sort`: pages do not overlap, items are still de-duplicated.
    members: (groupId, o) =>
      v2List(ctx, `api/v2/usergroups/${segment(groupId)}/members`, GraphConnection, {
        ...o,
        sorted: false,
        id: (c) => `${c.to.type}:${c.to.id}`,
      }),
    membership: (groupId, o) =>
      v2List(ctx, `api/v2/usergroups/${segment(groupId)}/membership`, GraphObjectWithPaths, {
        ...o,
        sorted: false,
        id: (m) => `${m.type}:${m.id}`,
      }),
  };
}
