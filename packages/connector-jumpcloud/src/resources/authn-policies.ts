import type { Paginated } from '@org/connector-core';
import { AuthnPolicy } from '../schemas/authn-policy.js';
import { type ListOptions, type ResourceContext, v2List } from './context.js';

/** Conditional-access policies (`/api/v2/authn/policies`). */
export interface AuthnPoliciesResource {
  /** Streams every conditional-access policy. */
  list(options?: ListOptions): Paginated<AuthnPolicy>;
}

/** @internal */
export function authnPoliciesResource(ctx: ResourceContext): AuthnPoliciesResource {
  return {
    list: (o) =>
      v2List(ctx, 'api/v2/authn/policies', AuthnPolicy, { ...o, sorted: true, id: (p) => p.id }),
  };
}
