import type { Paginated } from '@org/connector-core';
import { Organization, OrganizationDetail } from '../schemas/organization.js';
import { getOne, type ListOptions, type ResourceContext, segment, v1List } from './context.js';

/** Organizations (`/api/organizations`): never sent `x-org-id`, which these routes refuse. */
export interface OrganizationsResource {
  /** Streams the organizations the credential can see (several for a multi-tenant admin). */
  list(options?: ListOptions): Paginated<Organization>;
  /** One organization with its settings (password policy, admin MFA). */
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<OrganizationDetail>;
}

/** @internal */
export function organizationsResource(ctx: ResourceContext): OrganizationsResource {
  return {
    list: (o) => v1List(ctx, 'api/organizations', Organization, o),
    get: (id, o) => getOne(ctx, `api/organizations/${segment(id)}`, OrganizationDetail, o?.signal),
  };
}
