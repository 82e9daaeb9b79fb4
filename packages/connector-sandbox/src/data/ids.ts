import { hash, hex } from './random.js';

/**
 * Identifiers that encode their index, so a lookup by id is O(1) without an index in memory.
 * Each id is regenerated from the decoded index and compared, so a forged id never matches.
 */

const EPOCH_2019 = 1_546_300_800; // seconds
/** Seconds between two consecutive objects' creation times; keeps ObjectIds ordered by index. */
export const OBJECT_ID_STEP_S = 60;

function objectIdBase(seed: number, stream: number): number {
  return EPOCH_2019 + (hash(seed, stream, 0xba5e) % (86_400 * 30)) + stream * 7;
}

/** Creation time (epoch ms) of the object at `index`: the ObjectId's timestamp. */
export function createdAt(seed: number, stream: number, index: number): number {
  return (objectIdBase(seed, stream) + index * OBJECT_ID_STEP_S) * 1000;
}

/** A MongoDB-style ObjectId (24 hex) whose leading timestamp grows with `index`. */
export function objectId(seed: number, stream: number, index: number): string {
  const ts = objectIdBase(seed, stream) + index * OBJECT_ID_STEP_S;
  return ts.toString(16).padStart(8, '0') + hex(16, seed, stream, index, 0x0b1d);
}

/** The index an ObjectId was generated from, or undefined when it is not one of ours. */
export function objectIdIndex(seed: number, stream: number, id: string): number | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  const ts = Number.parseInt(id.slice(0, 8), 16);
  const delta = ts - objectIdBase(seed, stream);
  if (delta < 0 || delta % OBJECT_ID_STEP_S !== 0) return undefined;
  const index = delta / OBJECT_ID_STEP_S;
  return objectId(seed, stream, index) === id ? index : undefined;
}

/** Multiplicative inverse of an odd number modulo 2^32 (Newton iteration). */
function inverse32(a: number): number {
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x >>> 0;
}

function uuidKeys(seed: number, stream: number): { k: number; c: number; kInv: number } {
  const k = (hash(seed, stream, 0x4b) | 1) >>> 0;
  const c = hash(seed, stream, 0x43);
  return { k, c, kInv: inverse32(k) };
}

/** A v4-shaped UUID for (seed, stream, index); the first group encodes the index (indices < 2^32). */
export function uuid(seed: number, stream: number, index: number): string {
  const { k, c } = uuidKeys(seed, stream);
  const head = ((Math.imul(index, k) + c) >>> 0).toString(16).padStart(8, '0');
  const rest = hex(24, seed, stream, index, 0x0d1d);
  const variant = ((Number.parseInt(rest[7] as string, 16) & 0x3) | 0x8).toString(16);
  return `${head}-${rest.slice(0, 4)}-4${rest.slice(4, 7)}-${variant}${rest.slice(8, 11)}-${rest.slice(12, 24)}`;
}

/** The index a UUID was generated from, or undefined. */
export function uuidIndex(seed: number, stream: number, id: string): number | undefined {
  const lower = id.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(lower))
    return undefined;
  const { c, kInv } = uuidKeys(seed, stream);
  const head = Number.parseInt(lower.slice(0, 8), 16);
  const index = Math.imul((head - c) >>> 0, kInv) >>> 0;
  return uuid(seed, stream, index) === lower ? index : undefined;
}
