import { createHash } from 'node:crypto';

/** Orders a plain object's keys so that equal data serialises identically whatever the key order. */
function sortedReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
  return sorted;
}

/**
 * JSON with object keys sorted at every depth, so the same data always gives the same text.
 * Dates serialise as ISO strings (their `toJSON`), bigints as `"<n>n"`, `undefined` members are
 * dropped, as `JSON.stringify` does.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, sortedReplacer) ?? 'undefined';
}

/** Length of a fingerprint hash: 16 base64url characters = 96 bits, plenty to tell versions apart. */
export const HASH_LENGTH = 16;

/** A short, stable hash of any JSON-like value (SHA-256 of {@link stableStringify}, base64url). */
export function stableHash(value: unknown): string {
  // Encode only the 12 bytes kept: slicing the encoded string would keep its parent alive in V8.
  const digest = createHash('sha256').update(stableStringify(value)).digest();
  return digest.subarray(0, (HASH_LENGTH / 4) * 3).toString('base64url');
}
