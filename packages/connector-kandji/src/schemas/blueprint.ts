import * as v from 'valibot';
import { KandjiBoolean } from './boolean.js';

const text = v.nullish(v.string(), null);

/**
 * A blueprint from `GET /api/v1/blueprints` or `GET /api/v1/blueprints/{id}`. Its
 * `enrollment_code.code` (which lets anyone enroll a device into the blueprint) is not kept: only
 * whether the code is active.
 */
export const KandjiBlueprint = v.object({
  // UUID of the blueprint.
  id: v.string(),
  // Name.
  name: text,
  // Description, `""` when none.
  description: text,
  // `classic` or `map` (an assignment map).
  type: text,
  // Color name in the console.
  color: text,
  // Icon name in the console.
  icon: text,
  // Devices on the blueprint (despite the name, every platform).
  computers_count: v.nullish(v.number(), null),
  // Whether enrollment with the blueprint's code is on; the code itself is dropped.
  enrollment_code: v.nullish(v.object({ is_active: v.nullish(KandjiBoolean, null) }), null),
});
/** A blueprint, as validated. */
export type KandjiBlueprint = v.InferOutput<typeof KandjiBlueprint>;

/** One page of `GET /api/v1/blueprints`: `{ count, next, previous, results }` (limit/offset). */
export const KandjiBlueprintPage = v.object({
  // Blueprints matching the filters.
  count: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0)), null),
  next: text,
  previous: text,
  results: v.array(KandjiBlueprint),
});
/** One page of blueprints, as validated. */
export type KandjiBlueprintPage = v.InferOutput<typeof KandjiBlueprintPage>;
