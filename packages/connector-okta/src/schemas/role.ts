import * as v from 'valibot';
import { OktaDate } from './date.js';

/** An admin role assigned to a user, from `GET /api/v1/users/{id}/roles`. */
export const OktaRole = v.object({
  id: v.string(),
  // `SUPER_ADMIN`, `ORG_ADMIN`, `READ_ONLY_ADMIN`... or `CUSTOM`.
  type: v.string(),
  label: v.nullish(v.string(), null),
  status: v.nullish(v.string(), null),
  assignmentType: v.nullish(v.string(), null),
  created: v.nullish(OktaDate, null),
  lastUpdated: v.nullish(OktaDate, null),
});

/** An admin role assignment, as validated. */
export type OktaRole = v.InferOutput<typeof OktaRole>;

/** A user's role assignments: one bare array. */
export const OktaRoleList = v.array(OktaRole);
