import * as v from 'valibot';
import { OktaDate, OktaNullableDate } from './date.js';

/** Okta's user lifecycle states. */
export const OktaUserStatus = v.picklist([
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'SUSPENDED',
  'DEPROVISIONED',
]);

/** A user's lifecycle state. */
export type OktaUserStatus = v.InferOutput<typeof OktaUserStatus>;

const text = v.nullish(v.string(), null);

/**
 * A user's profile: the default profile's attributes the connector reads, custom attributes kept
 * as they are. `email` is required by Okta's default profile, but custom profiles differ: it stays
 * `undefined` when absent, so drift can be told from "no value" (see `toOktaAccount`).
 */
export const OktaUserProfile = v.looseObject({
  // Sign-in name; usually, not always, an email.
  login: v.string(),
  // Primary email.
  email: v.optional(v.nullable(v.string())),
  firstName: text,
  lastName: text,
  displayName: text,
  secondEmail: text,
  department: text,
  title: text,
  employeeNumber: text,
  manager: text,
  managerId: text,
});

/** A user from `GET /api/v1/users` or `GET /api/v1/users/{id}`. */
export const OktaUser = v.object({
  // Okta's id of the user (`00u…`, 20 characters).
  id: v.string(),
  status: OktaUserStatus,
  created: OktaDate,
  activated: OktaNullableDate,
  statusChanged: OktaNullableDate,
  // Last sign-in; `null` for a user who never signed in.
  lastLogin: OktaNullableDate,
  lastUpdated: OktaDate,
  passwordChanged: OktaNullableDate,
  type: v.nullish(v.object({ id: v.string() }), null),
  profile: OktaUserProfile,
  credentials: v.nullish(
    v.object({
      provider: v.nullish(
        v.object({ type: v.nullish(v.string(), null), name: v.nullish(v.string(), null) }),
        null,
      ),
    }),
    null,
  ),
});

/** An Okta user, as validated: dates are `Date`s. */
export type OktaUser = v.InferOutput<typeof OktaUser>;

/** One page of users: a bare array (the next page is in the `Link` header). */
export const OktaUserPage = v.array(OktaUser);

/** One page of users, as validated. */
export type OktaUserPage = v.InferOutput<typeof OktaUserPage>;
