import * as v from 'valibot';
import { optionalString } from './common.js';

/**
 * A user group (`GET /api/v2/usergroups`, v2 `UserGroup`). `membershipMethod` is `NOTSET`,
 * `STATIC`, `DYNAMIC_REVIEW_REQUIRED` or `DYNAMIC_AUTOMATED` (kept as a string so a new method does
 * not fail a sync).
 */
export const UserGroup = v.looseObject({
  id: v.string(),
  name: v.string(),
  type: optionalString,
  email: optionalString,
  description: optionalString,
  membershipMethod: optionalString,
  organizationObjectId: optionalString,
  attributes: v.nullish(v.record(v.string(), v.unknown())),
});

/** A validated JumpCloud user group. */
export type UserGroup = v.InferOutput<typeof UserGroup>;
