import * as v from 'valibot';
import { HexnodeId, OptionalCount, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/** A device group as listed by `GET devicegroups/`. */
export const HexnodeDeviceGroup = v.object({
  id: HexnodeId, // Hexnode's integer id.
  groupname: OptionalText, // Name of the group.
  description: OptionalText, // Free-text description.
  device_count: OptionalCount, // Devices in the group.
  grouptype: OptionalText, // Kind of group (static or dynamic), as Hexnode names it.
  modified_date: OptionalText, // When the group last changed, as Hexnode formats it.
});

/** A device group, as validated by {@link HexnodeDeviceGroup}. */
export type HexnodeDeviceGroup = v.InferOutput<typeof HexnodeDeviceGroup>;

/** A device in a device group's detail: Hexnode's short form, with the platform key. */
export const HexnodeDeviceGroupMember = v.object({
  id: HexnodeId, // The device's integer id.
  name: OptionalText, // Device name (the list's `device_name`).
  user_id: v.optional(v.nullable(HexnodeId), null), // The assigned user's id (1: Default User).
  user_name: OptionalText, // The assigned user's name.
  model_name: OptionalText, // Hardware model.
  platform: OptionalText, // Platform key, such as `android` or `ios`.
});

/** A device group member, as validated by {@link HexnodeDeviceGroupMember}. */
export type HexnodeDeviceGroupMember = v.InferOutput<typeof HexnodeDeviceGroupMember>;

/** A device group with its member devices (`GET devicegroups/{id}/`). */
export const HexnodeDeviceGroupDetail = v.object({
  ...HexnodeDeviceGroup.entries,
  devices: v.optional(v.array(HexnodeDeviceGroupMember), []), // Every device in the group.
});

/** A device group with members, as validated by {@link HexnodeDeviceGroupDetail}. */
export type HexnodeDeviceGroupDetail = v.InferOutput<typeof HexnodeDeviceGroupDetail>;

/** One page of `GET devicegroups/`. */
export const HexnodeDeviceGroupPage = hexnodePage(HexnodeDeviceGroup);

/** One page of device groups, as validated by {@link HexnodeDeviceGroupPage}. */
export type HexnodeDeviceGroupPage = v.InferOutput<typeof HexnodeDeviceGroupPage>;
