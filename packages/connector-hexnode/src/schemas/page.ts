import * as v from 'valibot';

/**
 * Builds the schema of one Hexnode list page: Django REST Framework's page-number envelope
 * `{ count, next, previous, results }`, where `count` is the total across every page.
 *
 * @param item - Schema of one item in `results`.
 * @returns The page schema.
 */
export function hexnodePage<TItem extends v.GenericSchema>(item: TItem) {
  return v.object({
    // Total items across every page, known from the first page.
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
    // Absolute URL of the next page, `null` on the last. Never followed: pages are numbered.
    next: v.optional(v.nullable(v.string()), null),
    // Absolute URL of the previous page, `null` on the first.
    previous: v.optional(v.nullable(v.string()), null),
    results: v.array(item), // The items of this page.
  });
}
