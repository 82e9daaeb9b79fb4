import * as v from 'valibot';
import { HexnodeId, OptionalCount, OptionalText } from './common.js';
import { hexnodePage } from './page.js';

/** A device group as listed by `GET devicegroups/`. */
export const HexnodeDeviceGroup = v.object({
  // Hexnode's integer id.
  id: HexnodeId,
  // Name of the group.
  groupname: OptionalText,
  // Free-text description.
  description: OptionalText,
  // Devices in the group.
  device_count: OptionalCount,
  // Kind of group (static or dynamic), as Hexnode names it.
  grouptype: OptionalText,
  // When the group last changed, as Hexnode formats it.
  modified_date: OptionalText,
});

/** A device group, as validated by {@link HexnodeDeviceGroup}. */
export type HexnodeDeviceGroup = v.InferOutput<typeof HexnodeDeviceGroup>;

/** One page of `GET devicegroups/`. */
export const HexnodeDeviceGroupPage = hexnodePage(HexnodeDeviceGroup);

/** One page of device groups, as validated by {@link HexnodeDeviceGroupPage}. */
export type HexnodeDeviceGroupPage = v.InferOutput<typeof HexnodeDeviceGroupPage>;
