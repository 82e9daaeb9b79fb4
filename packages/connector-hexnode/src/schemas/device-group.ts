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

/** One page of `GET devicegroups/`. */
export const HexnodeDeviceGroupPage = hexnodePage(HexnodeDeviceGroup);

/** One page of device groups, as validated by {@link HexnodeDeviceGroupPage}. */
export type HexnodeDeviceGroupPage = v.InferOutput<typeof HexnodeDeviceGroupPage>;
