import type { Paginated } from '@org/connector-core';
import { JcSystem } from '../schemas/system.js';
import { getOne, type ListOptions, type ResourceContext, segment, v1List } from './context.js';

/** Systems, i.e. devices (`/api/systems`). */
export interface SystemsResource {
  /** Streams every system. */
  list(options?: ListOptions): Paginated<JcSystem>;
  /** Reads one system by id. */
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<JcSystem>;
}

/** @internal */
export function systemsResource(ctx: ResourceContext): SystemsResource {
  return {
    list: (o) => v1List(ctx, 'api/systems', JcSystem, o),
    get: (id, o) => getOne(ctx, `api/systems/${segment(id)}`, JcSystem, o?.signal),
  };
}
