import type { Paginated } from '@org/connector-core';
import { SystemUser } from '../schemas/user.js';
import { getOne, type ListOptions, type ResourceContext, segment, v1List } from './context.js';

/** System users (`/api/systemusers`). */
export interface UsersResource {
  /** Streams every user, sorted by id, de-duplicated, complete even if users change mid-sync. */
  list(options?: ListOptions): Paginated<SystemUser>;
  /** Reads one user by id. */
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<SystemUser>;
}

/** @internal */
export function usersResource(ctx: ResourceContext): UsersResource {
  return {
    list: (o) => v1List(ctx, 'api/systemusers', SystemUser, o),
    get: (id, o) => getOne(ctx, `api/systemusers/${segment(id)}`, SystemUser, o?.signal),
  };
}
