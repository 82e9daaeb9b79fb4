import { fastObject } from '@org/connector-core/kit';
import * as v from 'valibot';
import { BlankableText, HexnodeId, OptionalCount, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/**
 * A Hexnode user (`GET users/`, `GET users/{id}/`). Every portal has a "Default User" with a
 * `null` email: it is kept here and skipped from accounts. `fastObject` (core kit) checks its
 * simple fields in one loop; what it accepts and gives is `v.object`'s.
 */
export const HexnodeUser = fastObject(
  v.object({
    id: HexnodeId, // Hexnode's integer id.
    name: OptionalText, // Display name.
    // Email address as Hexnode stores it; `null` for the "Default User". Kept `undefined` when the
    // field is absent: that is schema drift, not a user without an email (see `toHexnodeAccount`).
    email: v.optional(v.nullable(v.string())),
    // Phone number; Hexnode sends `""` or `null` for none, both parsed as `null`.
    phoneno: BlankableText,
    // `local` for users created in Hexnode, otherwise the directory domain they come from.
    domain: OptionalText,
    total_devices: OptionalCount, // Devices enrolled for the user.
  }),
);

/** A Hexnode user, as validated by {@link HexnodeUser}. */
export type HexnodeUser = v.InferOutput<typeof HexnodeUser>;

/** One page of `GET users/`. */
export const HexnodeUserPage = hexnodePage(HexnodeUser);

/** One page of users, as validated by {@link HexnodeUserPage}. */
export type HexnodeUserPage = v.InferOutput<typeof HexnodeUserPage>;
