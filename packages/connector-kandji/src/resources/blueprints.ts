import { getOf, listOf, resource } from '@org/connector-core/kit';
import { KandjiBlueprint, KandjiBlueprintPage } from '../schemas/blueprint.js';
import { kandjiLimit, offsetWithTotal } from './paging.js';
import { kandjiUuid } from './uuid.js';

/** Options of `blueprints.list()`, as `GET /api/v1/blueprints` takes them. */
export interface KandjiBlueprintFilters {
  /** Blueprints per request, 1 to 300 (default: the connection's `pageSize`). */
  limit?: number | undefined;
  /** Blueprints whose name contains this text. */
  name?: string | undefined;
  /** Only these blueprint UUIDs (`id__in`). */
  ids?: readonly string[] | undefined;
}

/** Blueprints: limit/offset pages of `{ count, next, previous, results }`. */
export const blueprints = resource({
  list: listOf({
    path: 'blueprints',
    page: KandjiBlueprintPage,
    items: (page) => page.results,
    itemsPath: '$.results',
    query: (o: KandjiBlueprintFilters) => ({
      name: o.name,
      id__in: o.ids?.length
        ? o.ids.map((id) => kandjiUuid(id, 'blueprint id')).join(',')
        : undefined,
    }),
    paging: (ctx, o: KandjiBlueprintFilters) =>
      offsetWithTotal<KandjiBlueprintPage>(
        kandjiLimit(o.limit, ctx.pageSize, 'blueprint'),
        (p) => p.count,
      ),
    id: (blueprint) => blueprint.id,
  }),
  get: getOf({
    path: (id: string) => `blueprints/${kandjiUuid(id, 'blueprint id')}`,
    schema: KandjiBlueprint,
  }),
});
