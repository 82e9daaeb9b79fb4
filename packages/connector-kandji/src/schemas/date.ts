import * as v from 'valibot';

// Kandji mixes `2024-09-06T21:00:04.304248Z` and `2022-12-13 19:14:20.455640+00:00`, and sends ""
// for a date it does not have (a device that never checked in).
// Vulnerability detections send no zone at all (`2023-10-13 16:15:00.000000`): that is UTC.
const toDate = (text: string): Date => {
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
};

/**
 * A Kandji timestamp, parsed into a `Date`. Accepts ISO 8601 with `T` or with a space; `""`, `null`
 * and a missing value become `null`. Anything that is not a date fails validation.
 */
export const KandjiDate = v.optional(
  v.pipe(
    v.nullable(v.string()),
    // Parsed once: the check below looks at the Date, not at the text again.
    v.transform((text): Date | null => {
      if (text === null) return null;
      const trimmed = text.trim();
      return trimmed === '' ? null : toDate(trimmed);
    }),
    v.check((date) => date === null || !Number.isNaN(date.getTime()), 'date'),
  ),
  null,
);
