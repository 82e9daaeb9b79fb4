import type { Paginated } from '@org/connector-core';
import { Application } from '../schemas/application.js';
import { GraphObjectWithPaths } from '../schemas/graph.js';
import {
  getOne,
  type ListOptions,
  type ResourceContext,
  segment,
  v1List,
  v2List,
} from './context.js';

/** Options of assignment listings. */
export interface AssignmentListOptions {
  /** Aborts the listing. */
  signal?: AbortSignal | undefined;
}

/** SSO applications (`/api/applications`) and who is assigned to them. Never returns `config`. */
export interface ApplicationsResource {
  /** Streams every SSO application, without its `config` (certificates and keys). */
  list(options?: ListOptions): Paginated<Application>;
  /** Reads one application by id, without its `config`. */
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<Application>;
  /** Users assigned to the application, directly or through a group (see `paths`). */
  users(applicationId: string, options?: AssignmentListOptions): Paginated<GraphObjectWithPaths>;
  /** User groups assigned to the application. */
  userGroups(
    applicationId: string,
    options?: AssignmentListOptions,
  ): Paginated<GraphObjectWithPaths>;
}

/** @internal */
export function applicationsResource(ctx: ResourceContext): ApplicationsResource {
  const assignees = (
    applicationId: string,
    kind: 'users' | 'usergroups',
    o?: AssignmentListOptions,
  ) =>
    v2List(ctx, `api/v2/applications/${segment(applicationId)}/${kind}`, GraphObjectWithPaths, {
      ...o,
      sorted: false,
      id: (m) => `${m.type}:${m.id}`,
    });
  return {
    list: (o) => v1List(ctx, 'api/applications', Application, o),
    get: (id, o) => getOne(ctx, `api/applications/${segment(id)}`, Application, o?.signal),
    users: (id, o) => assignees(id, 'users', o),
    userGroups: (id, o) => assignees(id, 'usergroups', o),
  };
}
