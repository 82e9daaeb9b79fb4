import * as v from 'valibot';

/** An ISO 8601 UTC time as Okta writes it (`2024-09-06T21:00:04.000Z`), as a `Date`. */
export const OktaDate = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO 8601 time'),
  v.transform((s) => new Date(s)),
);

/** A time that may be `null` (`lastLogin` of a user who never signed in). */
export const OktaNullableDate = v.nullish(OktaDate, null);
