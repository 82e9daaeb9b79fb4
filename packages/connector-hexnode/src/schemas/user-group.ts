import * as v from 'valibot';
import { BlankableText, HexnodeId, OptionalCount, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/** A user group as listed by `GET usergroups/`. */
export const HexnodeUserGroup = v.object({
  id: HexnodeId, // Hexnode's integer id.
  groupname: OptionalText, // Name of the group.
  description: OptionalText, // Free-text description.
  users_count: OptionalCount, // Members in the group.
  modified_date: OptionalText, // When the group last changed, as Hexnode formats it.
});

/** A user group, as validated by {@link HexnodeUserGroup}. */
export type HexnodeUserGroup = v.InferOutput<typeof HexnodeUserGroup>;

/** One member in a user group's detail. */
export const HexnodeUserGroupMember = v.object({
  id: HexnodeId, // The user's integer id.
  name: OptionalText, // Display name.
  email: OptionalText, // Email address, `null` when the user has none.
  phoneno: BlankableText, // Phone number, `null` when none.
});

/** A user group member, as validated by {@link HexnodeUserGroupMember}. */
export type HexnodeUserGroupMember = v.InferOutput<typeof HexnodeUserGroupMember>;

/** A user group with its members (`GET usergroups/{id}/`). */
export const HexnodeUserGroupDetail = v.object({
  ...HexnodeUserGroup.entries,
  users: v.optional(v.array(HexnodeUserGroupMember), []), // Every member of the group.
});

/** A user group with members, as validated by {@link HexnodeUserGroupDetail}. */
export type HexnodeUserGroupDetail = v.InferOutput<typeof HexnodeUserGroupDetail>;

/** One page of `GET usergroups/`. */
export const HexnodeUserGroupPage = hexnodePage(HexnodeUserGroup);

/** One page of user groups, as validated by {@link HexnodeUserGroupPage}. */
export type HexnodeUserGroupPage = v.InferOutput<typeof HexnodeUserGroupPage>;
