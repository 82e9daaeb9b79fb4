import * as v from 'valibot';
import { KandjiDate } from '../date.js';
import { KandjiLegacyId } from '../id.js';

const text = v.nullish(v.string(), null);

/**
 * Fields every Prism category row carries: the device it describes, its user (legacy integer id,
 * email, name: the same person `users.list()` gives under a UUID) and when Kandji collected it.
 */
export const prismRowFields = {
  // UUID of the device.
  device_id: v.string(),
  // Name of the device.
  device__name: text,
  // `Mac`, `iPhone`, `iPad` or `AppleTV` (`tvOS` in filters).
  device__family: text,
  // The assigned user's legacy integer id, as a string; `null` when unassigned (`""` on the wire).
  device__user_id: KandjiLegacyId,
  // The assigned user's email address.
  device__user_email: text,
  // The assigned user's display name.
  device__user_name: text,
  // Hardware serial number.
  serial_number: text,
  // Model identifier, such as `MacBookAir10,1`.
  model_id: text,
  // Asset tag, `""` when none.
  asset_tag: text,
  // UUID of the device's blueprint.
  blueprint_id: text,
  // Name of the device's blueprint.
  blueprint_name: text,
  // Tag names (Kandji sends `null` for none).
  tags: v.nullish(v.union([v.array(v.string()), v.string()]), null),
  // When Kandji first stored the row.
  created_at: KandjiDate,
  // When Kandji last stored the row.
  updated_at: KandjiDate,
  // When the agent or MDM last collected it.
  last_collected_at: KandjiDate,
  // When its values last changed.
  last_changed_at: KandjiDate,
};

/**
 * One page of a Prism category: `{ cursor, data, limit, offset, total }`. `total` is the number of
 * rows when Kandji counts them and `null` in some categories (FileVault, Gatekeeper, firewall);
 * `offset` echoes `null` even when one was sent; `cursor` is not used for paging (limit/offset is).
 */
export function prismPage<S extends v.GenericSchema>(row: S) {
  return v.object({
    // The rows of this page.
    data: v.array(row),
    // Rows in the category matching the filters, when Kandji counted them.
    total: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0)), null),
    // The page size Kandji applied.
    limit: v.nullish(v.number(), null),
    // The offset Kandji applied (often `null`).
    offset: v.nullish(v.number(), null),
  });
}
