/**
 * Stateless, seeded hashing: every generated value is a pure function of (seed, stream, index),
 * so any item or page can be derived on demand without holding a data set in memory.
 */

/** Final avalanche step of MurmurHash3: a good 32-bit mixer. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes any number of integers into one uniformly distributed uint32. */
export function hash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Fold in both halves so indices above 2^32 still differ.
    h = fmix32(h ^ (p >>> 0));
    h = fmix32(h ^ Math.floor(p / 0x1_0000_0000));
  }
  return h;
}

/** A uniform float in [0, 1) for (parts). */
export function unit(...parts: number[]): number {
  return hash(...parts) / 0x1_0000_0000;
}

/** Picks one element of `list` for (parts). */
export function pick<T>(list: readonly T[], ...parts: number[]): T {
  return list[hash(...parts) % list.length] as T;
}

/** Lower-case hex of `length` characters derived from (parts). */
export function hex(length: number, ...parts: number[]): string {
  let out = '';
  let i = 0;
  while (out.length < length) {
    out += hash(...parts, i++)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

/** Stream identifiers, so different kinds of objects draw independent values. */
export const Stream = {
  user: 1,
  group: 2,
  device: 3,
  policy: 4,
  app: 5,
  admin: 6,
  event: 7,
  org: 8,
  status: 9,
  fault: 10,
  latency: 11,
  layout: 12,
  mdm: 13,
} as const;

/** A small seeded generator for sequences that are consumed in order (faults, jitter). */
export function sequence(seed: number, stream: number): () => number {
  let n = 0;
  return () => unit(seed, stream, n++);
}
