import type { Paginated } from '@org/connector-core';
import { Administrator } from '../schemas/administrator.js';
import { type ListOptions, type ResourceContext, v1List } from './context.js';

/** Console administrators (`/api/users`: served by JumpCloud though not in its spec). */
export interface AdministratorsResource {
  /** Streams every administrator with role and MFA state (API key hash details dropped). */
  list(options?: ListOptions): Paginated<Administrator>;
}

/** @internal */
export function administratorsResource(ctx: ResourceContext): AdministratorsResource {
  return { list: (o) => v1List(ctx, 'api/users', Administrator, o) };
}
