import * as v from 'valibot';
import { OktaDate } from './date.js';

/** A group from `GET /api/v1/groups`. */
export const OktaGroup = v.object({
  // Okta's id of the group (`00g…`).
  id: v.string(),
  created: OktaDate,
  lastUpdated: OktaDate,
  lastMembershipUpdated: v.nullish(OktaDate, null),
  // `OKTA_GROUP` (managed in Okta), `APP_GROUP` (imported from an app such as AD), `BUILT_IN` (Everyone).
  type: v.picklist(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']),
  profile: v.looseObject({
    name: v.string(),
    description: v.nullish(v.string(), null),
  }),
});

/** An Okta group, as validated. */
export type OktaGroup = v.InferOutput<typeof OktaGroup>;

/** One page of groups: a bare array. */
export const OktaGroupPage = v.array(OktaGroup);
