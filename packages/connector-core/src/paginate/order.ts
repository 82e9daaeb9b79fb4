/**
 * The order a listing's pages come in, by id: `ascending`, `descending` (newest first, for ids
 * that grow), or `none` (not sorted, or not the same way on every page). Found from what the
 * vendor sent, never taken from the sort that was asked for.
 */
export type ListOrder = 'ascending' | 'descending' | 'none';

/**
 * The order of the ids of one page, `undefined` when it has fewer than two. A repeated id is no
 * order at all.
 *
 * @param ids - The page's ids, as they came.
 * @param compare - Orders two ids (negative when the first sorts before the second).
 */
export function orderOf(
  ids: readonly string[],
  compare: (a: string, b: string) => number,
): ListOrder | undefined {
  if (ids.length < 2) return undefined;
  const way = Math.sign(compare(ids[1] as string, ids[0] as string));
  if (way === 0) return 'none';
  for (let i = 2; i < ids.length; i++) {
    if (Math.sign(compare(ids[i] as string, ids[i - 1] as string)) !== way) return 'none';
  }
  return way > 0 ? 'ascending' : 'descending';
}

/**
 * Ids already listed by a read that lost its order: every id listed since, plus the ids of the
 * page before (which the next page may repeat). Memory grows with what is listed from then on:
 * the price of a vendor whose list cannot be read in order.
 */
export class ListedIds {
  readonly #ids: Set<string>;

  /** @param before - Ids listed just before the order was lost. */
  constructor(before: Iterable<string>) {
    this.#ids = new Set(before);
  }

  /** The items of a page not listed yet, each remembered from now on. */
  fresh<Item>(items: readonly Item[], ids: readonly string[]): Item[] {
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const id = ids[i] as string;
      if (this.#ids.has(id)) continue;
      this.#ids.add(id);
      out.push(items[i] as Item);
    }
    return out;
  }
}
