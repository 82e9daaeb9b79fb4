import * as v from 'valibot';

/**
 * A Kandji boolean. The API documents `true`/`false`, but generated SDKs (and some tenants) carry
 * `active`/`archived` as `1`/`0`; both come out as a `boolean`.
 */
export const KandjiBoolean = v.pipe(
  v.union([v.boolean(), v.picklist([0, 1])]),
  v.transform((value): boolean => value === true || value === 1),
);

/**
 * A boolean as the device details and device apps endpoints send it: `"True"`/`"False"` strings
 * (Python's `str(bool)`) beside real booleans and `1`/`0`; `""` and `null` (not reported) become
 * `null`. Any other text fails validation.
 */
export const KandjiFlag = v.pipe(
  v.nullish(v.union([v.boolean(), v.picklist([0, 1, 'True', 'False', 'true', 'false', ''])]), null),
  v.transform((value): boolean | null =>
    value === null || value === ''
      ? null
      : value === true || value === 1 || /^true$/i.test(String(value)),
  ),
);
