import * as v from 'valibot';

/**
 * A Kandji boolean. The API documents `true`/`false`, but generated SDKs (and some tenants) carry
 * `active`/`archived` as `1`/`0`; both come out as a `boolean`.
 */
export const KandjiBoolean = v.pipe(
  v.union([v.boolean(), v.picklist([0, 1])]),
  v.transform((value): boolean => value === true || value === 1),
);
