/**
 * A mutable view over a derived collection. The base is the index range [0, baseCount); additions
 * extend the range; removals and patches are the only state kept, so memory is O(mutations),
 * never O(collection size).
 */
export class Overlay {
  #baseCount: number;
  #added = 0;
  readonly #removed = new Set<number>();
  readonly #patches = new Map<number, Record<string, unknown>>();
  /** Indices in the order they were last written, for natural (storage) order. */
  #touched: number[] = [];
  #removedSorted: number[] | undefined;
  #movedSorted: number[] | undefined;

  constructor(baseCount: number) {
    this.#baseCount = baseCount;
  }

  /** Size of the index space (live and removed). */
  get total(): number {
    return this.#baseCount + this.#added;
  }

  /** Number of live items. */
  get count(): number {
    return this.total - this.#removed.size;
  }

  /** Whether the item at `index` exists. */
  has(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.total && !this.#removed.has(index);
  }

  /** Appends `n` items; returns their indices. */
  add(n: number): number[] {
    const first = this.total;
    this.#added += n;
    const out = Array.from({ length: n }, (_, i) => first + i);
    this.#touch(out);
    return out;
  }

  /** Removes the item at `index` (no-op when absent). */
  remove(index: number): void {
    if (!this.has(index)) return;
    this.#removed.add(index);
    this.#patches.delete(index);
    this.#removedSorted = undefined;
    this.#movedSorted = undefined;
  }

  /** Merges `patch` into the item at `index`; the item moves to the end of natural order. */
  patch(index: number, patch: Record<string, unknown>): void {
    this.#patches.set(index, { ...this.#patches.get(index), ...patch });
    this.#touch([index]);
  }

  /**
   * Whether the natural (storage) order is still index order: no item was changed, or only ever
   * the last ones (items added at the end), so a list served in storage order is sorted by id.
   */
  storageSorted(): boolean {
    const touched = this.#touched.filter((i) => !this.#removed.has(i));
    for (let k = 1; k < touched.length; k++)
      if ((touched[k] as number) < (touched[k - 1] as number)) return false;
    const first = touched[0];
    if (first === undefined) return true;
    // The largest live item never changed must come before every changed one.
    const moved = new Set(touched);
    for (let i = this.total - 1; i >= 0; i--) {
      if (moved.has(i) || this.#removed.has(i)) continue;
      return i < first;
    }
    return true;
  }

  /** The patch applied to `index`, if any. */
  patchOf(index: number): Record<string, unknown> | undefined {
    return this.#patches.get(index);
  }

  #touch(indices: number[]): void {
    const set = new Set(indices);
    this.#touched = this.#touched.filter((i) => !set.has(i)).concat(indices);
    this.#movedSorted = undefined;
  }

  #removedList(): number[] {
    this.#removedSorted ??= [...this.#removed].sort((a, b) => a - b);
    return this.#removedSorted;
  }

  /** Live indices in index (id) order, `skip` then up to `limit`. */
  range(skip: number, limit: number): number[] {
    return this.strided(0, 1, skip, limit);
  }

  /** Live indices in descending index order, `skip` then up to `limit`. */
  rangeDesc(skip: number, limit: number): number[] {
    if (limit <= 0) return [];
    const last = this.range(this.count - 1 - skip, 1)[0];
    if (last === undefined || skip >= this.count) return [];
    return [last, ...this.after(last, limit - 1, true)];
  }

  /** Every live index in index order (a lazy scan; memory stays flat). */
  *scan(): Generator<number> {
    for (let i = 0; i < this.total; i++) if (!this.#removed.has(i)) yield i;
  }

  /** Live indices ≡ r (mod m) in index order: a derived sub-collection such as a group's members. */
  strided(r: number, m: number, skip: number, limit: number): number[] {
    const length = Math.max(0, Math.ceil((this.total - r) / m));
    const excluded = this.#removedList()
      .filter((i) => i % m === r)
      .map((i) => (i - r) / m);
    return sliceExcluding(length, excluded, new Set(excluded), skip, limit).map((p) => p * m + r);
  }

  /** Number of live indices ≡ r (mod m). */
  stridedCount(r: number, m: number): number {
    const length = Math.max(0, Math.ceil((this.total - r) / m));
    let removed = 0;
    for (const i of this.#removed) if (i % m === r) removed++;
    return length - removed;
  }

  /** Up to `limit` live indices after `index` (exclusive) in index order, or before it when reverse. */
  after(index: number, limit: number, reverse = false): number[] {
    const out: number[] = [];
    const step = reverse ? -1 : 1;
    for (let i = index + step; i >= 0 && i < this.total && out.length < limit; i += step) {
      if (!this.#removed.has(i)) out.push(i);
    }
    return out;
  }

  /**
   * Live indices in natural (storage) order: untouched items by index, then items in the order they
   * were last added or changed, the way an unsorted database scan returns rows.
   */
  naturalRange(skip: number, limit: number): number[] {
    const touchedLive = this.#touched.filter((i) => !this.#removed.has(i));
    this.#movedSorted ??= [...new Set([...this.#removedList(), ...this.#touched])].sort(
      (a, b) => a - b,
    );
    const moved = this.#movedSorted;
    const head = sliceExcluding(this.total, moved, new Set(moved), skip, limit);
    if (head.length >= limit) return head;
    const headCount = this.total - moved.length;
    const tailSkip = Math.max(0, skip - headCount);
    return head.concat(touchedLive.slice(tailSkip, tailSkip + limit - head.length));
  }
}

/** Counts entries of a sorted array that are ≤ x. */
function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions [0, length) minus `excluded` (sorted), from the `skip`-th live one, up to `limit`. */
function sliceExcluding(
  length: number,
  excluded: readonly number[],
  excludedSet: ReadonlySet<number>,
  skip: number,
  limit: number,
): number[] {
  // Smallest fixed point of x = skip + |excluded ≤ x| is the skip-th live position.
  let x = skip;
  for (;;) {
    const next = skip + countAtMost(excluded, x);
    if (next === x) break;
    x = next;
  }
  const out: number[] = [];
  for (let p = x; p < length && out.length < limit; p++) {
    if (!excludedSet.has(p)) out.push(p);
  }
  return out;
}
