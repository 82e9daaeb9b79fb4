import * as v from 'valibot';
import { KandjiBoolean } from '../boolean.js';

/** `GET /api/v1/prism/count?category=<category>`: the rows a Prism category holds. */
export const KandjiPrismCount = v.object({
  // Rows in the category.
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  // Whether the count is an estimate (`true/false` or `1/0`).
  approximate: v.nullish(KandjiBoolean, false),
});
/** A Prism count, as validated. */
export type KandjiPrismCount = v.InferOutput<typeof KandjiPrismCount>;
