/**
 * The default name of a new connection, as host products number them: the vendor's label and the
 * first number not taken among `taken` (`Hexnode 1`, `Hexnode 2`, ...), so names stay unique per
 * vendor however connections come and go.
 *
 * @example
 * ```ts
 * defaultConnectionName('Hexnode', ['Hexnode 1', 'Hexnode 3']); // 'Hexnode 2'
 * ```
 */
export function defaultConnectionName(label: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const name = `${label} ${n}`;
    if (!used.has(name)) return name;
  }
}
