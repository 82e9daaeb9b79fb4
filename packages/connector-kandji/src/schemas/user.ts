import * as v from 'valibot';
import { KandjiBoolean } from './boolean.js';
import { KandjiDate } from './date.js';
import { KandjiId } from './id.js';

/** The directory integration a Kandji user was synced from (Entra ID / Office 365, Google, Okta...). */
export const KandjiIntegration = v.object({
  // Numeric id of the integration.
  id: v.nullish(KandjiId, null),
  // Name the admin gave the integration.
  name: v.nullish(v.string(), null),
  // Kind of directory, such as `office365`.
  type: v.nullish(v.string(), null),
  // UUID of the integration, the value the `integration_id` filter takes.
  uuid: v.nullish(v.string(), null),
});

/** A directory integration, as validated. */
export type KandjiIntegration = v.InferOutput<typeof KandjiIntegration>;

/** A user from `GET /api/v1/users` or `GET /api/v1/users/{id}`. */
export const KandjiUser = v.object({
  // UUID of the user.
  id: v.string(),
  // Email address, as the directory has it.
  // Kept `undefined` when absent (not `null`): a missing field is schema drift, see `toKandjiAccount`.
  email: v.optional(v.nullable(v.string())),
  // Display name.
  name: v.nullish(v.string(), null),
  // Whether the user is active in the directory (`true/false` or `1/0`).
  active: KandjiBoolean,
  // Whether the user sits in the Archived tab of the Users module (`true/false` or `1/0`).
  archived: KandjiBoolean,
  // When Kandji first saw the user.
  created_at: KandjiDate,
  // When Kandji last updated the user.
  updated_at: KandjiDate,
  // Department from the directory.
  department: v.nullish(v.string(), null),
  // Job title from the directory.
  job_title: v.nullish(v.string(), null),
  // Number of devices assigned to the user.
  device_count: v.nullish(v.number(), null),
  // The legacy integer id, as a string.
  deprecated_user_id: v.nullish(KandjiId, null),
  // The directory integration the user came from.
  integration: v.nullish(KandjiIntegration, null),
});

/** A Kandji user, as validated: booleans are booleans, dates are `Date`s. */
export type KandjiUser = v.InferOutput<typeof KandjiUser>;

/**
 * One page of `GET /api/v1/users`: up to 300 users and cursor links. `next` may name another host
 * than the API URL; only its `cursor` is ever used.
 */
export const KandjiUserPage = v.object({
  // URL of the next page, `null` on the last one.
  next: v.nullish(v.string(), null),
  // URL of the previous page, `null` on the first one.
  previous: v.nullish(v.string(), null),
  // The users on this page.
  results: v.array(KandjiUser),
});

/** One page of users, as validated. */
export type KandjiUserPage = v.InferOutput<typeof KandjiUserPage>;
