import * as v from 'valibot';
import { BlankableText, HexnodeId, OptionalCount, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/** A user group as listed by `GET usergroups/`. */
export const HexnodeUserGroup = v.object({
  // Hexnode's integer id.
  id: HexnodeId,
  // Name of the group.
  groupname: OptionalText,
  // Free-text description.
  description: OptionalText,
  // Members in the group.
  users_count: OptionalCount,
  // When the group last changed, as Hexnode formats it.
  modified_date: OptionalText,
});

/** A user group, as validated by {@link HexnodeUserGroup}. */
export type HexnodeUserGroup = v.InferOutput<typeof HexnodeUserGroup>;

/** One member in a user group's detail. */
export const HexnodeUserGroupMember = v.object({
  // The user's integer id.
  id: HexnodeId,
  // Display name.
  name: OptionalText,
  // Email address, `null` when the user has none.
  email: OptionalText,
  // Phone number, `null` when none.
  phoneno: BlankableText,
});

/** A user group member, as validated by {@link HexnodeUserGroupMember}. */
export type HexnodeUserGroupMember = v.InferOutput<typeof HexnodeUserGroupMember>;

/** A user group with its members (`GET usergroups/{id}/`). */
export const HexnodeUserGroupDetail = v.object({
  ...HexnodeUserGroup.entries,
  // Every member of the group.
  users: v.optional(v.array(HexnodeUserGroupMember), []),
});

/** A user group with members, as validated by {@link HexnodeUserGroupDetail}. */
export type HexnodeUserGroupDetail = v.InferOutput<typeof HexnodeUserGroupDetail>;

/** One page of `GET usergroups/`. */
export const HexnodeUserGroupPage = hexnodePage(HexnodeUserGroup);

/** One page of user groups, as validated by {@link HexnodeUserGroupPage}. */
export type HexnodeUserGroupPage = v.InferOutput<typeof HexnodeUserGroupPage>;
