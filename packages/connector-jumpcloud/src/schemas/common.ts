import * as v from 'valibot';

/** A value JumpCloud may send as a string, `null` or leave out. */
export const optionalString = v.nullish(v.string());

/** A flag JumpCloud may send as a boolean, `null` or leave out. */
export const optionalBoolean = v.nullish(v.boolean());

/** A count JumpCloud may send as a number, `null` or leave out. */
export const optionalNumber = v.nullish(v.number());

/** `[{ name, value }]` custom attributes, as on users and systems. */
export const AttributeList = v.nullish(
  v.array(v.looseObject({ name: optionalString, value: v.nullish(v.unknown()) })),
);

/**
 * Removes keys from an object before it is validated, so their values are never kept, copied into
 * a result or described in a validation error (JumpCloud's SSO `config` holds private keys).
 *
 * @param keys - Keys to drop.
 * @returns An action for `v.pipe` that runs before the object schema.
 */
export function dropKeys(keys: readonly string[]) {
  return v.transform((input: unknown): unknown => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (!keys.includes(key)) out[key] = value;
    }
    return out;
  });
}

/**
 * JumpCloud's v1 list envelope: `{ totalCount, results }`.
 *
 * @param item - Schema of one result.
 * @returns The page schema.
 */
export function v1Page<T extends v.GenericSchema>(item: T) {
  return v.looseObject({ totalCount: v.optional(v.number()), results: v.array(item) });
}

/**
 * A v2 list page: a bare JSON array (the total comes in the `x-total-count` header).
 *
 * @param item - Schema of one element.
 * @returns The page schema.
 */
export function v2Page<T extends v.GenericSchema>(item: T) {
  return v.array(item);
}
