/** JSON of a flat item with its fields in sorted order, so equal items give equal text. */
export function sortedJson(item: object): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
  return JSON.stringify(sorted);
}

/** Items sorted by `_key` (code-unit order: the same on every machine and locale). */
export function byKey<T extends { readonly _key: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a._key < b._key ? -1 : a._key > b._key ? 1 : 0));
}
