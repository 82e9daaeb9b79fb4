import type { Paginated } from '@org/connector-core';
import { Policy, PolicyStatus } from '../schemas/policy.js';
import { type ListOptions, type ResourceContext, segment, v2List } from './context.js';

/** Device policies (`/api/v2/policies`) and their per-system results. */
export interface PoliciesResource {
  /** Streams every policy with its template (what it configures, for which OS). */
  list(options?: ListOptions): Paginated<Policy>;
  /** Streams the result of a policy on each system it applies to. */
  statuses(policyId: string, options?: ListOptions): Paginated<PolicyStatus>;
}

/** @internal */
export function policiesResource(ctx: ResourceContext): PoliciesResource {
  return {
    list: (o) => v2List(ctx, 'api/v2/policies', Policy, { ...o, sorted: true, id: (p) => p.id }),
    statuses: (policyId, o) =>
      v2List(ctx, `api/v2/policies/${segment(policyId)}/policystatuses`, PolicyStatus, {
        ...o,
        sorted: true,
        id: (s) => s.id,
      }),
  };
}
