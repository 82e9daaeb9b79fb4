import { fastObject } from '@org/connector-core/kit';
import * as v from 'valibot';
import { KandjiUser, KandjiUserPage } from './user.js';

/**
 * The fields of a Kandji user its `SaasAccount` is built from, validated exactly as `KandjiUser`
 * validates them, plus `deprecated_user_id`, which joins devices to their user. `accounts()` reads
 * pages with this schema: validating every field of every user (a second date, the integration)
 * is most of what a large sync costs. The account's `raw` holds these fields; `users.list()` gives
 * whole users. `fastObject` (core kit) checks the simple fields in one loop; the results are
 * `v.pick`'s.
 */
export const KandjiAccountUser = fastObject(
  v.pick(KandjiUser, [
    'id',
    'email',
    'name',
    'active',
    'archived',
    'created_at',
    'department',
    'job_title',
    'deprecated_user_id',
  ]),
);

/** A user as `accounts()` validates it. */
export type KandjiAccountUser = v.InferOutput<typeof KandjiAccountUser>;

/** One page of `GET /api/v1/users` as `accounts()` reads it: the cursor link and lean users. */
export const KandjiAccountPage = v.object({
  next: KandjiUserPage.entries.next,
  results: v.array(KandjiAccountUser),
});
