import * as v from 'valibot';

// Field schemas with messages written for the one-line errors: they say what is expected and
// never repeat the value, which could be a secret pasted into the wrong field.

/** A non-empty string. */
export const text = () =>
  v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty'));

/** An optional non-empty string. */
export const optionalText = () => v.optional(text());

/** An optional whole number of at least `min`. */
export const optionalInteger = (min: number) =>
  v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number'),
      v.minValue(min, `must be at least ${min}`),
    ),
  );

/** The `name` every entry has. */
export const connectionName = () => text();
