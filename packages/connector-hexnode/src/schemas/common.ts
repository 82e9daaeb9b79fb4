import * as v from 'valibot';

/** Hexnode ids are positive integers (`{"id": 2}`), never strings. */
export const HexnodeId = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Text Hexnode may send as a string, `null`, or leave out: always `string | null` once parsed. */
export const OptionalText = v.optional(v.nullable(v.string()), null);

/** Text where Hexnode sends `""` for "none" (phone numbers): `""`, `null` and missing become `null`. */
export const BlankableText = v.pipe(
  OptionalText,
  v.transform((value) => (value === null || value.trim() === '' ? null : value)),
);

/** A non-negative integer count that may be `null` or missing. */
export const OptionalCount = v.optional(
  v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  null,
);

/** A flag sent as a boolean or as `0`/`1`; `null` or missing stays `null` (unknown). */
export const OptionalFlag = v.pipe(
  v.optional(v.nullable(v.union([v.boolean(), v.picklist([0, 1])])), null),
  v.transform((value) => (value === null ? null : value === true || value === 1)),
);
