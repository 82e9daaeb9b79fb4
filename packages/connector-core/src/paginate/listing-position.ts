import { createHash } from 'node:crypto';
import * as v from 'valibot';

/**
 * Where a listing stands, as plain JSON a caller can store and hand back to resume the listing
 * there (see `CallOptions.resume`). Opaque to callers, but for `remaining`: the requests the
 * listing still needs, when it knows (what a progress ETA is made from).
 */
export type ListingPosition = { readonly remaining?: number; readonly [key: string]: unknown };

/**
 * A backward walk (`continuity: 'backward'`) after a page: the page to read next (`-1`: done),
 * the lowest id read so far, and the ids of the first page, which is read again last.
 */
const BackwardPositionSchema = v.object({
  mode: v.literal('backward'),
  // Which listing: its path, query and page size, hashed.
  listing: v.string(),
  next: v.pipe(v.number(), v.integer(), v.minValue(-1)),
  lowest: v.optional(v.string()),
  first: v.pipe(v.array(v.string()), v.maxLength(10_000)),
  // Pages the walk had when it started: the work the position is part of.
  pages: v.pipe(v.number(), v.integer(), v.minValue(1)),
  // Requests still to send: the pages from `next` down to the first.
  remaining: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/** A backward walk's position, as {@link ListingPosition} holds it. */
export type BackwardPosition = v.InferOutput<typeof BackwardPositionSchema>;

/** Identifies a listing: a position is only valid for the listing that reported it. */
export function listingKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

/**
 * The backward position to resume from, when `position` is one for `listing`; `undefined` for
 * anything else (another listing, another format, a damaged value): the listing starts over.
 */
export function backwardPosition(
  position: ListingPosition | undefined,
  listing: string,
): BackwardPosition | undefined {
  if (position === undefined) return undefined;
  const parsed = v.safeParse(BackwardPositionSchema, position);
  return parsed.success && parsed.output.listing === listing ? parsed.output : undefined;
}
