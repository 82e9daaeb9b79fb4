import * as v from 'valibot';

/** An identifier the API sends as a string or a number (legacy integer ids); always a string out. */
export const KandjiId = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((id): string => String(id)),
);
