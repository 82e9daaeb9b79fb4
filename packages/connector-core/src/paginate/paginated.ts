import type { Page, Paginated } from './paginate.js';

/**
 * Wraps a page generator as a {@link Paginated}: items in order, `pages()`, and `toArray({ max })`.
 * For connectors that page in their own way (a strategy `paginate()` cannot express) but should
 * hand their callers the same list shape.
 *
 * @param pages - Starts a fresh pass over the pages each time it is called.
 */
export function paginated<Item>(pages: () => AsyncIterable<Page<Item>>): Paginated<Item> {
  async function* items(): AsyncGenerator<Item> {
    for await (const page of pages()) yield* page.items;
  }
  return {
    pages,
    [Symbol.asyncIterator]: () => items(),
    async toArray(o = {}) {
      const max = o.max ?? Number.POSITIVE_INFINITY;
      const out: Item[] = [];
      if (max <= 0) return out;
      for await (const item of items()) {
        out.push(item);
        if (out.length >= max) break;
      }
      return out;
    },
  };
}
