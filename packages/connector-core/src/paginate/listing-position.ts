import { createHash } from 'node:crypto';
import * as v from 'valibot';

/**
 * Where a listing stands, as plain JSON a caller can store and hand back to resume the listing
 * there (see `CallOptions.resume`). Opaque to callers, but for `remaining`: the requests the
 * listing still needs, when it knows (what a progress ETA is made from).
 */
export type ListingPosition = { readonly remaining?: number; readonly [key: string]: unknown };

const PageIndex = v.pipe(v.number(), v.integer(), v.minValue(-1));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What every position holds, whichever way the list is read. */
const Common = {
  // Which listing: its path, query and page size, hashed.
  listing: v.string(),
  // Requests still to send, when the read can tell.
  remaining: v.optional(Count),
  // Why the read could not prove it missed nothing, when it could not: a resumed read says so too.
  unproven: v.optional(v.pipe(v.string(), v.maxLength(1_000))),
};

/**
 * An ascending list read backward (the first page, then the last page down to the first) after a
 * page: the page to read next (`-1`: done), the lowest id read so far, and the ids of the first
 * page, which is read again last.
 */
const BackwardPositionSchema = v.object({
  mode: v.literal('backward'),
  ...Common,
  next: PageIndex,
  lowest: v.optional(v.string()),
  first: v.pipe(v.array(v.string()), v.maxLength(10_000)),
  // Pages the walk had when it started: the work the position is part of.
  pages: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/**
 * A newest-first list read forward after a page: the page to read next (`-1`: done), the last id
 * listed, and what proving the next page needs of the one before it (its total, whether it was
 * full) and of the first (its total, which bounds the read).
 */
const ForwardPositionSchema = v.object({
  mode: v.literal('forward'),
  ...Common,
  next: PageIndex,
  frontier: v.optional(v.string()),
  total: v.optional(Count),
  full: v.boolean(),
  firstTotal: v.optional(Count),
});

const PageNumberPositionSchema = v.variant('mode', [BackwardPositionSchema, ForwardPositionSchema]);

/** A backward read's position, as {@link ListingPosition} holds it. */
export type BackwardPosition = v.InferOutput<typeof BackwardPositionSchema>;
/** A forward read's position, as {@link ListingPosition} holds it. */
export type ForwardPosition = v.InferOutput<typeof ForwardPositionSchema>;
/** The position of a page-number `continuity` read, either way. */
export type PageNumberPosition = BackwardPosition | ForwardPosition;

/** Identifies a listing: a position is only valid for the listing that reported it. */
export function listingKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

/**
 * The position to resume from, when `position` is one for `listing`; `undefined` for anything
 * else (another listing, another format, a damaged value): the listing starts over.
 */
export function pageNumberPosition(
  position: ListingPosition | undefined,
  listing: string,
): PageNumberPosition | undefined {
  if (position === undefined) return undefined;
  const parsed = v.safeParse(PageNumberPositionSchema, position);
  return parsed.success && parsed.output.listing === listing ? parsed.output : undefined;
}
