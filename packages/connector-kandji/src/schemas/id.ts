import * as v from 'valibot';

/** An identifier the API sends as a string or a number (legacy integer ids); always a string out. */
export const KandjiId = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((id): string => String(id)),
);

/**
 * A legacy integer user id (`device__user_id: "31250"` in Prism rows, `deprecated_user_id` on
 * users), as a string; `""` and `null` (no user) become `null`.
 */
export const KandjiLegacyId = v.pipe(
  v.nullish(v.union([v.pipe(v.number(), v.integer()), v.string()]), null),
  v.transform((id): string | null =>
    id === null || String(id).trim() === '' ? null : String(id).trim(),
  ),
);
